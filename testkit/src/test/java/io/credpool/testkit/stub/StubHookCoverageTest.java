package io.credpool.testkit.stub;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method of every JDBC interface the stub implements runs the fault hook first, under the
 * name {@code <interface>.<method>}: so a test can break any call a pool might make. (Interface
 * default methods the stub does not override are not calls into the stub and are skipped.)
 */
class StubHookCoverageTest {

    /** Thrown by the fault, carrying the call name it was given. */
    private static final class Reached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Reached(String call) {
            super(call, null, false, false);
        }
    }

    static Stream<Arguments> interfaces() throws SQLException {
        StubBehaviour db = StubDriver.behaviour("stub-hook-coverage");
        db.reset();
        Properties login = new Properties();
        login.setProperty("user", "app");
        Connection c = StubDriver.register().connect(StubDriver.url("stub-hook-coverage"), login);
        Statement s = c.createStatement();
        return Stream.of(
                Arguments.of(Connection.class, c),
                Arguments.of(Statement.class, s),
                Arguments.of(PreparedStatement.class, c.prepareStatement("select 1")),
                Arguments.of(ResultSet.class, s.executeQuery("select 1")),
                Arguments.of(DatabaseMetaData.class, c.getMetaData()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interfaces")
    void everyMethodRunsTheFaultFirst(Class<?> type, Object stub) throws IllegalAccessException {
        StubBehaviour db = StubDriver.behaviour("stub-hook-coverage");
        db.faults((call, connection) -> {
            throw new Reached(call);
        });
        List<String> missed = new ArrayList<>();
        int checked = 0;
        try {
            for (Method m : type.getMethods()) {
                if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                checked++;
                String expected = type.getSimpleName() + "." + m.getName();
                try {
                    m.invoke(stub, defaults(m.getParameterTypes()));
                    missed.add(expected + " returned normally");
                } catch (InvocationTargetException e) {
                    Throwable thrown = e.getCause();
                    if (!(thrown instanceof Reached)) {
                        missed.add(expected + " threw " + thrown);
                    } else if (!thrown.getMessage().equals(expected)) {
                        missed.add(expected + " was named " + thrown.getMessage());
                    }
                }
            }
        } finally {
            db.faults(null);
        }
        assertTrue(checked > 10, "only " + checked + " methods found on " + type);
        if (!missed.isEmpty()) {
            fail(missed.size() + " of " + checked + " methods of " + type.getSimpleName()
                    + " bypass the fault hook:\n" + String.join("\n", missed));
        }
    }

    private static Object[] defaults(Class<?>[] types) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == boolean.class) {
                args[i] = false;
            } else if (t == int.class) {
                args[i] = 0;
            } else if (t == long.class) {
                args[i] = 0L;
            } else if (t == short.class) {
                args[i] = (short) 0;
            } else if (t == byte.class) {
                args[i] = (byte) 0;
            } else if (t == float.class) {
                args[i] = 0f;
            } else if (t == double.class) {
                args[i] = 0d;
            }
        }
        return args;
    }
}
