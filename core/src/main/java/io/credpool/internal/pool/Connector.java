package io.credpool.internal.pool;

import io.credpool.Credentials;
import io.credpool.internal.config.Redact;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Opens one physical connection: asks the credential source for current credentials, puts them
 * in the driver properties (never in the URL), and on an authentication failure invalidates the
 * source and tries once more, at once, with fresh credentials.
 *
 * <p>What the driver and the credential source throw leaves here masked ({@link Redact#exception}):
 * a driver that echoes its connection properties would otherwise put the password into every
 * stack trace that prints the pool's failure.
 */
final class Connector {

    private final PoolSetup config;
    private final Properties base = new Properties();
    /** Values of secret-named driver properties, masked like the passwords. */
    private final List<String> propertySecrets = new ArrayList<>();
    /** Passwords seen lately, masked in any reason the pool logs. */
    private volatile String password;
    private volatile String previousPassword;
    /** The password of the last successful login, to tell a refresh; kept only with a listener. */
    private volatile String loggedInWith;
    /** Told when a login succeeds with another password than the last one; null for none. */
    private final Runnable refreshed;

    /** JFR events, or null. */
    private final FlightEvents flight;

    Connector(PoolSetup config, Runnable refreshed, FlightEvents flight) {
        this.config = config;
        this.refreshed = refreshed;
        this.flight = flight;
        base.putAll(config.driverProperties());
        config.driverProperties().forEach((k, v) -> {
            if (Redact.isSecretName(k)) {
                propertySecrets.add(v);
            }
        });
        Duration timeout = config.settings().connectTimeout();
        if (config.jdbcUrl().startsWith("jdbc:postgresql:")) {
            // A dead peer behind a silent network is noticed by the kernel, not by a read that waits forever.
            base.putIfAbsent("tcpKeepAlive", "true");
            if (!timeout.isZero()) {
                String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
                base.putIfAbsent("connectTimeout", seconds);
                base.putIfAbsent("loginTimeout", seconds);
                // A query timeout's cancel request opens a connection of its own: as bounded as a connect.
                base.putIfAbsent("cancelSignalTimeout", seconds);
            }
        }
    }

    /**
     * A new physical connection.
     *
     * @throws AuthenticationFailure when fresh credentials were rejected too
     * @throws SQLException          for any other failure, including the credential source's
     */
    Connection open() throws SQLException {
        Credentials credentials = credentials();
        try {
            return connect(credentials);
        } catch (SQLException first) {
            if (!SqlStates.isAuthenticationFailure(first)) {
                throw first;
            }
            config.source().invalidate(credentials);
            Credentials fresh = credentials();
            try {
                return connect(fresh);
            } catch (SQLException second) {
                if (!SqlStates.isAuthenticationFailure(second)) {
                    throw second;
                }
                throw new AuthenticationFailure("Authentication failed for user '" + fresh.username() + "' at "
                        + config.label() + " with credentials from " + config.provider() + origin(fresh)
                        + ", also after fetching fresh credentials (" + reason(second) + ")",
                        second.getSQLState(), second);
            }
        }
    }

    /**
     * What the source says about where {@code refused} came from ({@code CredentialSource.describe}),
     * as {@code " (...)"} with the passwords the pool knows masked; empty when it says nothing or throws.
     */
    private String origin(Credentials refused) {
        String words;
        try {
            words = config.source().describe(refused);
        } catch (RuntimeException e) {
            return "";
        }
        if (words == null || words.isBlank()) {
            return "";
        }
        return " (" + Redact.text(words, secrets()).replaceAll("\\s+", " ").trim() + ")";
    }

    private Credentials credentials() throws SQLException {
        Object event = flight == null ? null : flight.fetchBegin();
        boolean ok = false;
        try {
            Credentials c = masked(() -> config.source().credentials());
            ok = true;
            return c == null ? Credentials.of(null, null) : c;
        } finally {
            if (event != null) {
                flight.fetchEnd(event, config.provider(), ok);
            }
        }
    }

    private Connection connect(Credentials credentials) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(base);
        if (credentials.username() != null) {
            properties.setProperty("user", credentials.username());
        }
        String secret = credentials.password();
        if (secret != null) {
            properties.setProperty("password", secret);
            if (!secret.equals(password)) {
                previousPassword = password;
                password = secret;
            }
        }
        Connection c = masked(() -> config.driver().connect(config.jdbcUrl(), properties));
        if (c == null) {
            throw new SQLException("The JDBC driver " + config.driver().getClass().getName()
                    + " does not accept the URL for " + config.target(), "08001");
        }
        if (refreshed != null && secret != null) {
            String before = loggedInWith;
            loggedInWith = secret;
            if (before != null && !before.equals(secret)) {
                refreshed.run();
            }
        }
        return c;
    }

    /** A call to the driver or the credential source. */
    private interface Call<T> {
        T run() throws SQLException;
    }

    /** What {@code call} returns; what it throws, masked. */
    private <T> T masked(Call<T> call) throws SQLException {
        try {
            return call.run();
        } catch (SQLException e) {
            throw Redact.exception(e, secrets());
        } catch (RuntimeException e) {
            throw Redact.exception(e, secrets());
        }
    }

    /** A one-line reason for {@code failure}, with every secret the pool knows masked. */
    String reason(Throwable failure) {
        return Redact.reason(failure, secrets());
    }

    private String[] secrets() {
        List<String> all = new ArrayList<>(propertySecrets);
        all.add(password);
        all.add(previousPassword);
        return all.toArray(new String[0]);
    }
}
