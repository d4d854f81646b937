package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubConnection;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's MXBean: opt-in, named for the pool, live counts, resize, evictIdle, suspend/resume, gone after close, no clashes. */
class PoolJmxTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void clearProperty() {
        System.clearProperty("CREDPOOL_JMX");
    }

    private static ObjectName named(String name) throws Exception {
        return new ObjectName("io.credpool:type=ConnectionPool,name=" + name);
    }

    @Test
    void aRegisteredPoolShowsItsCountsUnderItsName() throws Exception {
        String db = newDatabase();
        ObjectName name = named("orders-jmx");
        try (ConnectionPool pool = builder(db).name("orders-jmx").maxSize(4).registerMBean(true).build();
             Connection held = pool.getConnection()) {
            assertTrue(SERVER.isRegistered(name));
            assertEquals(1, SERVER.getAttribute(name, "Total"));
            assertEquals(1, SERVER.getAttribute(name, "Active"));
            assertEquals(0, SERVER.getAttribute(name, "Idle"));
            assertEquals(0, SERVER.getAttribute(name, "Waiting"));
            assertEquals(4, SERVER.getAttribute(name, "MaxSize"));
            held.close();
            assertEquals(1, SERVER.getAttribute(name, "Idle"));
            assertEquals(0, SERVER.getAttribute(name, "Active"));
        }
    }

    @Test
    void theDefaultNameHostPortDatabaseIsQuoted() throws Exception {
        String db = newDatabase();
        ObjectName name = named(ObjectName.quote(db));
        try (ConnectionPool pool = builder(db).registerMBean(true).build()) {
            assertTrue(SERVER.isRegistered(name), "registered as " + name);
            assertEquals(db, name.getKeyProperty("name").equals(ObjectName.quote(db)) ? db : null);
        }
        assertFalse(SERVER.isRegistered(name));
    }

    @Test
    void everyNameABuilderAcceptsMakesAnObjectNameThatReadsBackAsTheName() throws Exception {
        for (String poolName : new String[] {"a,b=c:d", "say \"hi\"", "star*", "what?", "back\\slash", "tenant-42 / eu"}) {
            try (ConnectionPool pool = builder(newDatabase()).name(poolName).registerMBean(true).build()) {
                List<String> names = SERVER.queryNames(new ObjectName("io.credpool:type=ConnectionPool,*"), null).stream()
                        .map(n -> n.getKeyProperty("name"))
                        .map(v -> v.startsWith("\"") ? ObjectName.unquote(v) : v)
                        .collect(Collectors.toList());
                assertTrue(names.contains(poolName), poolName + " not among " + names);
            }
        }
        assertEquals(Set.of(), SERVER.queryNames(new ObjectName("io.credpool:type=ConnectionPool,*"), null));
    }

    @Test
    void evictIdleCanBeCalledThroughJmx() throws Exception {
        String db = newDatabase();
        ObjectName name = named("evict-jmx");
        try (ConnectionPool pool = builder(db).name("evict-jmx").maxSize(2).registerMBean(true).build()) {
            List<StubConnection> idle = EvictIdleTest.borrowAndReturn(pool, 2);
            SERVER.invoke(name, "evictIdle", null, null);
            eventually(Duration.ofSeconds(2), "idle connections closed", () -> idle.stream().allMatch(StubConnection::isClosed));
            try (Connection c = pool.getConnection()) {
                assertFalse(idle.contains(raw(c)));
            }
        }
    }

    @Test
    void resizeCanBeCalledThroughJmxAndABadSizeIsRefusedWithTheRange() throws Exception {
        String db = newDatabase();
        ObjectName name = named("resize-jmx");
        try (ConnectionPool pool = builder(db).name("resize-jmx").maxSize(4).registerMBean(true).build()) {
            EvictIdleTest.borrowAndReturn(pool, 4);
            SERVER.invoke(name, "resize", new Object[] {2}, new String[] {"int"});
            assertEquals(2, SERVER.getAttribute(name, "MaxSize"));
            assertEquals(2, pool.settings().maxSize());
            eventually(Duration.ofSeconds(2), "down to two", () -> pool.stats().total() == 2);
            assertEquals(2, SERVER.getAttribute(name, "Total"));

            Exception refused = assertThrows(Exception.class,
                    () -> SERVER.invoke(name, "resize", new Object[] {0}, new String[] {"int"}));
            Throwable cause = refused;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            assertEquals("resize(0): maxSize must be between 1 and 10000", cause.getMessage());
            assertEquals(2, SERVER.getAttribute(name, "MaxSize"));
        }
    }

    @Test
    void suspendAndResumeCanBeCalledThroughJmx() throws Exception {
        String db = newDatabase();
        ObjectName name = named("suspend-jmx");
        try (ConnectionPool pool = builder(db).name("suspend-jmx").maxSize(2).registerMBean(true).build()) {
            List<StubConnection> idle = EvictIdleTest.borrowAndReturn(pool, 2);
            SERVER.invoke(name, "suspend", null, null);
            assertTrue(pool.isSuspended());
            assertTrue(idle.stream().allMatch(StubConnection::isClosed), "closed when suspend returned");
            SERVER.invoke(name, "resume", null, null);
            assertFalse(pool.isSuspended());
            try (Connection c = pool.getConnection()) {
                assertFalse(idle.contains(raw(c)));
            }
        }
    }

    @Test
    void closeUnregistersAndASecondCloseLeavesANewPoolOfTheSameNameAlone() throws Exception {
        ObjectName name = named("reused-jmx");
        ConnectionPool first = builder(newDatabase()).name("reused-jmx").registerMBean(true).build();
        first.close();
        assertFalse(SERVER.isRegistered(name));
        try (ConnectionPool second = builder(newDatabase()).name("reused-jmx").maxSize(7).registerMBean(true).build()) {
            first.close();
            assertTrue(SERVER.isRegistered(name));
            assertEquals(7, SERVER.getAttribute(name, "MaxSize"));
        }
        assertFalse(SERVER.isRegistered(name));
    }

    @Test
    void aNameClashFailsTheBuildClearlyBeforeConnectingAndLeavesTheFirstPoolRegistered() throws Exception {
        String other = newDatabase();
        ObjectName name = named("twin");
        try (ConnectionPool first = builder(newDatabase()).name("twin").maxSize(3).registerMBean(true).build()) {
            List<String> threads = StubPools.poolThreads();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> builder(other).name("twin").maxSize(5).registerMBean(true).build());
            assertTrue(e.getMessage().contains("\"twin\"") && e.getMessage().contains("Builder.name(...)"), e.getMessage());
            assertEquals(0, StubPools.behaviour(other).connectAttempts(), "no connection for a pool that cannot register");
            assertEquals(3, SERVER.getAttribute(name, "MaxSize"), "the first pool stays registered");
            assertEquals(threads, StubPools.poolThreads());
        }
        assertFalse(SERVER.isRegistered(name));
    }

    @Test
    void aClashThatArisesWhileConnectingClosesTheNewPoolAndLeavesNoThread() throws Exception {
        String db = newDatabase();
        ObjectName name = named("late-twin");
        List<String> before = StubPools.poolThreads();
        // Another bean takes the name while the pool opens its first connection.
        PoolListener squatter = new PoolListener() {
            @Override
            public void connected(Duration took) {
                try {
                    SERVER.registerMBean(new StandardMBean(new Fixed(), ConnectionPoolMXBean.class, true), name);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> builder(db).name("late-twin").listener(squatter).registerMBean(true).build());
            assertTrue(e.getMessage().contains("\"late-twin\"") && e.getMessage().contains("Builder.name(...)"), e.getMessage());
            assertEquals(0, StubPools.behaviour(db).openConnections(), "the new pool's connection is closed");
            eventually(Duration.ofSeconds(2), "the new pool's threads gone", () -> StubPools.poolThreads().equals(before));
            assertEquals(-1, SERVER.getAttribute(name, "MaxSize"), "the squatter stays");
        } finally {
            SERVER.unregisterMBean(name);
        }
    }

    @Test
    void jmxIsOffByDefaultAndCredpoolJmxTrueTurnsItOnUnlessTheBuilderSaysOtherwise() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CREDPOOL_JMX") == null, "CREDPOOL_JMX is set");
        ObjectName name = named("env-jmx");
        try (ConnectionPool pool = builder(newDatabase()).name("env-jmx").build()) {
            assertFalse(SERVER.isRegistered(name), "off by default");
        }
        System.setProperty("CREDPOOL_JMX", "TRUE");
        try (ConnectionPool pool = builder(newDatabase()).name("env-jmx").build()) {
            assertTrue(SERVER.isRegistered(name), "CREDPOOL_JMX=true");
        }
        try (ConnectionPool pool = builder(newDatabase()).name("env-jmx").registerMBean(false).build()) {
            assertFalse(SERVER.isRegistered(name), "registerMBean(false) wins");
        }
        System.setProperty("CREDPOOL_JMX", "false");
        try (ConnectionPool pool = builder(newDatabase()).name("env-jmx").build()) {
            assertFalse(SERVER.isRegistered(name), "CREDPOOL_JMX=false");
        }
        assertTrue(Environment.of(Map.of("CREDPOOL_JMX", " true ")).jmx());
        assertFalse(Environment.of(Map.of()).jmx());
    }

    @Test
    void aBadCredpoolJmxValueFailsTheBuildNamingTheVariableAndTheValuesItTakes() {
        String db = newDatabase();
        System.setProperty("CREDPOOL_JMX", "yes");
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> builder(db).build());
        assertTrue(e.getMessage().startsWith("CREDPOOL_JMX must be true or false"), e.getMessage());
        assertEquals(0, StubPools.behaviour(db).connectAttempts());
        DatabaseConfigException viaOpen = assertThrows(DatabaseConfigException.class,
                () -> Database.open(Environment.of(Map.of("CREDPOOL_JMX", "on", "DATABASE_URL", "postgresql://x/y"))));
        assertTrue(viaOpen.getMessage().startsWith("CREDPOOL_JMX must be true or false"), viaOpen.getMessage());
    }

    @Test
    void theMXBeanHasTheDocumentedAttributesAndOperationAndShowsNoSecret() throws Exception {
        String db = newDatabase();
        ObjectName name = named("secret-jmx");
        ConnectionPool.Builder b = builder(db).name("secret-jmx").registerMBean(true);
        assertTrue(b.toString().contains("registerMBean=true") && !b.toString().contains(PASSWORD), b.toString());
        try (ConnectionPool pool = b.build()) {
            MBeanInfo info = SERVER.getMBeanInfo(name);
            Set<String> attributes = Arrays.stream(info.getAttributes()).map(MBeanAttributeInfo::getName)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("Total", "Active", "Idle", "Waiting", "MaxSize"), attributes);
            assertEquals(List.of("evictIdle", "resize", "resume", "suspend"), Arrays.stream(info.getOperations())
                    .map(MBeanOperationInfo::getName).sorted().collect(Collectors.toList()));
            StringBuilder everything = new StringBuilder(name.toString()).append(info);
            for (String attribute : attributes) {
                everything.append(SERVER.getAttribute(name, attribute));
            }
            assertFalse(everything.toString().contains(PASSWORD), everything.toString());
            assertFalse(everything.toString().contains("jdbc:stub"), "no URL: " + everything);
        }
    }

    /** A bean that is not a pool. */
    public static final class Fixed implements ConnectionPoolMXBean {
        @Override public int getTotal() { return -1; }
        @Override public int getActive() { return -1; }
        @Override public int getIdle() { return -1; }
        @Override public int getWaiting() { return -1; }
        @Override public int getMaxSize() { return -1; }
        @Override public void resize(int maxSize) { }
        @Override public void evictIdle() { }
        @Override public void suspend() { }
        @Override public void resume() { }
    }
}
