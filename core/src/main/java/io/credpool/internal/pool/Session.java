package io.credpool.internal.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What a borrower did to one physical connection's session, so that returning it undoes exactly
 * that: statements left open are closed, an open transaction is rolled back, and only the
 * settings the borrower changed are restored. A borrower that changed nothing costs no call on
 * the driver at all.
 *
 * <p>Defaults are read from the driver lazily, just before the first change of a setting on a
 * physical connection, and remembered for its life. Client info is restored name by name: the
 * names the borrower set go back to their default, or to {@code ""} where there was none, as
 * PostgreSQL's driver itself does for a null {@code ApplicationName}. Owned by whoever owns the slot.
 */
final class Session {

    static final int AUTO_COMMIT = 1;
    static final int ISOLATION = 1 << 1;
    static final int READ_ONLY = 1 << 2;
    static final int CATALOG = 1 << 3;
    static final int SCHEMA = 1 << 4;
    static final int NETWORK_TIMEOUT = 1 << 5;
    static final int HOLDABILITY = 1 << 6;
    static final int TYPE_MAP = 1 << 7;
    static final int CLIENT_INFO = 1 << 8;

    /** Runs the driver's network-timeout callbacks on the calling thread. */
    static final Executor DIRECT = Runnable::run;

    /** Settings changed in this borrow. */
    int dirty;
    /** Settings whose defaults are known for this physical connection. */
    private int known;
    /** The borrower did something that may open a transaction or leave warnings. */
    boolean touched;
    /** The auto-commit mode the borrower left, as tracked through the proxy. */
    boolean autoCommit;

    private boolean defaultAutoCommit;
    private int defaultIsolation;
    private boolean defaultReadOnly;
    private String defaultCatalog;
    private String defaultSchema;
    private int defaultNetworkTimeout;
    private int defaultHoldability;
    private Map<String, Class<?>> defaultTypeMap;
    private Map<String, String> defaultClientInfo;
    /** Client info names set in this borrow. */
    private final Set<String> clientInfoChanged = new HashSet<>();

    private StatementProxy[] statements = new StatementProxy[4];
    private int statementCount;

    /** A new physical connection: forget everything about the previous one. */
    void start(Connection raw) throws SQLException {
        dirty = 0;
        known = AUTO_COMMIT;
        touched = false;
        statementCount = 0;
        Arrays.fill(statements, null);
        defaultAutoCommit = raw.getAutoCommit();
        autoCommit = defaultAutoCommit;
        defaultTypeMap = null;
        defaultCatalog = null;
        defaultSchema = null;
        defaultClientInfo = null;
        clientInfoChanged.clear();
    }

    boolean needsReset() {
        return dirty != 0 || touched || statementCount != 0;
    }

    /** Called before the borrower changes {@code field}: remembers its default the first time. */
    void changing(int field, Connection raw) throws SQLException {
        if ((known & field) == 0) {
            touched = true;
            switch (field) {
                case ISOLATION: defaultIsolation = raw.getTransactionIsolation(); break;
                case READ_ONLY: defaultReadOnly = raw.isReadOnly(); break;
                case CATALOG: defaultCatalog = raw.getCatalog(); break;
                case SCHEMA: defaultSchema = raw.getSchema(); break;
                case NETWORK_TIMEOUT: defaultNetworkTimeout = raw.getNetworkTimeout(); break;
                case HOLDABILITY: defaultHoldability = raw.getHoldability(); break;
                case TYPE_MAP: defaultTypeMap = raw.getTypeMap(); break;
                case CLIENT_INFO: defaultClientInfo = copy(raw.getClientInfo()); break;
                default: throw new IllegalArgumentException("field " + field);
            }
            known |= field;
        }
        dirty |= field;
    }

    /** Called before the borrower sets the client info property {@code name}. */
    void changingClientInfo(String name, Connection raw) throws SQLException {
        changing(CLIENT_INFO, raw);
        clientInfoChanged.add(name);
    }

    /** Called before the borrower replaces all client info, which clears the properties it leaves out. */
    void replacingClientInfo(Properties properties, Connection raw) throws SQLException {
        changing(CLIENT_INFO, raw);
        clientInfoChanged.addAll(defaultClientInfo.keySet());
        clientInfoChanged.addAll(properties.stringPropertyNames());
    }

    /** A copy: drivers may hand out the Properties they go on changing. */
    private static Map<String, String> copy(Properties properties) {
        Map<String, String> copy = new HashMap<>();
        if (properties != null) {
            for (String name : properties.stringPropertyNames()) {
                copy.put(name, properties.getProperty(name));
            }
        }
        return copy;
    }

    void opened(StatementProxy statement) {
        touched = true;
        if (statementCount == statements.length) {
            statements = Arrays.copyOf(statements, statementCount * 2);
        }
        statements[statementCount++] = statement;
    }

    void closed(StatementProxy statement) {
        for (int i = statementCount - 1; i >= 0; i--) {
            if (statements[i] == statement) {
                statementCount--;
                System.arraycopy(statements, i + 1, statements, i, statementCount - i);
                statements[statementCount] = null;
                return;
            }
        }
    }

    /**
     * Undoes the borrow on {@code raw}. Throws an SQLException when the driver fails, also with an
     * Error other than a {@link VirtualMachineError}, and the caller then discards the connection:
     * a half-reset session must not be lent again.
     */
    void reset(Connection raw) throws SQLException {
        try {
            for (int i = statementCount - 1; i >= 0; i--) {
                statements[i].closeQuietly();
                statements[i] = null;
            }
            statementCount = 0;
            if (!autoCommit && touched) {
                raw.rollback();
            }
            int d = dirty;
            if ((d & AUTO_COMMIT) != 0 && autoCommit != defaultAutoCommit) {
                raw.setAutoCommit(defaultAutoCommit);
            }
            if ((d & READ_ONLY) != 0) {
                raw.setReadOnly(defaultReadOnly);
            }
            if ((d & ISOLATION) != 0) {
                raw.setTransactionIsolation(defaultIsolation);
            }
            if ((d & CATALOG) != 0 && defaultCatalog != null) {
                raw.setCatalog(defaultCatalog);
            }
            if ((d & SCHEMA) != 0 && defaultSchema != null) {
                raw.setSchema(defaultSchema);
            }
            if ((d & NETWORK_TIMEOUT) != 0) {
                raw.setNetworkTimeout(DIRECT, defaultNetworkTimeout);
            }
            if ((d & HOLDABILITY) != 0) {
                raw.setHoldability(defaultHoldability);
            }
            if ((d & TYPE_MAP) != 0) {
                raw.setTypeMap(defaultTypeMap);
            }
            if ((d & CLIENT_INFO) != 0) {
                for (String name : clientInfoChanged) {
                    raw.setClientInfo(name, defaultClientInfo.getOrDefault(name, ""));
                }
            }
            if (touched || d != 0) {
                raw.clearWarnings();
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // The pool discards a connection whose reset threw an SQLException; a driver's Error
            // would instead escape Connection.close() with the slot still lent, for good.
            throw new SQLException("The driver failed resetting the connection: " + e.getClass().getName(), e);
        } finally {
            clientInfoChanged.clear();
            dirty = 0;
            touched = false;
            autoCommit = defaultAutoCommit;
        }
    }
}
