package io.credpool.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/** Small JDBC helpers shared by the tests. */
final class Jdbc {

    private Jdbc() {
    }

    /** Connects with pgjdbc; {@code extra} are alternating driver property names and values. */
    static Connection connect(String url, String user, String password, String... extra) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            props.setProperty(extra[i], extra[i + 1]);
        }
        return DriverManager.getConnection(url, props);
    }

    static Connection superuser(PgCluster cluster, String database) throws SQLException {
        return connect(cluster.jdbcUrl(database), cluster.superuser(), cluster.superuserPassword());
    }

    /** @return the first column of the first row of {@code sql} as text */
    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rows.getString(1);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** @return a role or database name no other test uses */
    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
