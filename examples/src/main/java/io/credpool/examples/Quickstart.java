package io.credpool.examples;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import io.credpool.Environment;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The demo the README starts with: the shared pool, a repository, pool stats, a graceful stop.
 *
 * <p>With {@code DATABASE_URL} (or {@code DATABASE_SECRET_FILE}, {@code AWS_SECRET_NAME},
 * {@code CREDPOOL_PROVIDER}) set, in the environment or in {@code .env}, it uses that database:
 * it creates a {@code users} table there if missing and upserts three users. Otherwise it starts
 * a throwaway PostgreSQL and points {@code DATABASE_URL} at it, through a system property, which
 * {@link Environment#system()} reads like an environment variable.
 */
public final class Quickstart {

    private static final int THREADS = 16;
    private static final int LOOKUPS = 200;

    private Quickstart() {
    }

    /** Runs the demo; exits with a stack trace, and status 1, if the database cannot be used. */
    public static void main(String[] args) throws Exception {
        System.out.println("credpool quickstart");
        EmbeddedPostgres embedded = null;
        if (!configured(Environment.system())) {
            System.out.println("DATABASE_URL is not set: starting a throwaway PostgreSQL for this demo");
            embedded = EmbeddedPostgres.start();
            System.setProperty("DATABASE_URL", embedded.url());
            System.out.println("  started PostgreSQL on " + embedded.address());
        } else {
            System.out.println("Using the database the environment configures");
        }
        try {
            demo(Database.shared());
        } finally {
            Database.disconnect();
            System.out.println("Pool closed gracefully");
            if (embedded != null) {
                embedded.close();
                System.out.println("Throwaway PostgreSQL stopped and deleted");
            }
        }
    }

    private static boolean configured(Environment env) {
        for (String name : new String[] {"DATABASE_URL", "DATABASE_SECRET_FILE", "AWS_SECRET_NAME", "CREDPOOL_PROVIDER"}) {
            if (env.get(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static void demo(ConnectionPool pool) throws Exception {
        System.out.println("pool:      " + pool);
        UserRepository users = new UserRepository(pool);
        users.createTable();
        System.out.println("table:     users is ready");

        List<User> created = List.of(
                users.create("Ada Lovelace", "ada@example.com"),
                users.create("Grace Hopper", "grace@example.com"),
                users.create("Edsger Dijkstra", "edsger@example.com"));
        for (User u : created) {
            System.out.println("create:    " + u);
        }
        User grace = created.get(1);
        System.out.println("findById:  " + users.findById(grace.id()).orElseThrow());
        List<User> all = users.findAll();
        System.out.println("findAll:   " + all.size() + " users");
        for (User u : all) {
            System.out.println("           " + u.toJson());
        }

        // Many threads share the pool: each lookup borrows a connection and gives it back.
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Boolean>> lookups = new ArrayList<>();
            for (int i = 0; i < LOOKUPS; i++) {
                long id = created.get(i % created.size()).id();
                lookups.add(() -> users.findById(id).isPresent());
            }
            int found = 0;
            for (Future<Boolean> f : threads.invokeAll(lookups)) {
                found += f.get() ? 1 : 0;
            }
            if (found != LOOKUPS) {
                throw new SQLException("only " + found + " of " + LOOKUPS + " lookups found their user");
            }
        } finally {
            threads.shutdown();
        }
        System.out.println("lookups:   " + LOOKUPS + " findById calls from " + THREADS + " threads");
        System.out.println("stats:     " + pool.stats());
    }
}
