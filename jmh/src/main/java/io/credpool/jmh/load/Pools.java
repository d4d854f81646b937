package io.credpool.jmh.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.credpool.ConnectionPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/** The two pools under test, built from the same URL, login and size. */
final class Pools {

    /** A pool under test: its data source and how to close it. */
    record Pool(String name, DataSource dataSource, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }

    static final String[] NAMES = {"credpool", "hikari"};

    private Pools() {
    }

    /**
     * Builds pool {@code name} ({@code credpool} or {@code hikari}) of {@code size} connections,
     * all opened before it is returned; waits time out after {@code timeout}.
     */
    static Pool open(String name, String url, String user, String password, int size, Duration timeout)
            throws SQLException {
        Pool pool;
        if (name.equals("hikari")) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            if (user != null) {
                config.setUsername(user);
                config.setPassword(password);
            }
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(size);
            config.setConnectionTimeout(timeout.toMillis());
            HikariDataSource hikari = new HikariDataSource(config);
            pool = new Pool(name, hikari, hikari::close);
        } else {
            ConnectionPool.Builder b = ConnectionPool.builder().jdbcUrl(url).maxSize(size).minIdle(size)
                    .acquireTimeout(timeout);
            if (user != null) {
                b.username(user).password(password);
            }
            ConnectionPool credpool = b.build();
            pool = new Pool(name, credpool, credpool::close);
        }
        Connection[] all = new Connection[size];
        for (int i = 0; i < size; i++) {
            all[i] = pool.dataSource().getConnection();
        }
        for (Connection c : all) {
            c.close();
        }
        return pool;
    }
}
