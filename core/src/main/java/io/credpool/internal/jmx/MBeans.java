package io.credpool.internal.jmx;

import io.credpool.ConnectionPoolMXBean;

/**
 * Where pools register their MXBeans. The implementation ({@link PlatformMBeans}) lives apart and
 * is loaded by name only when a pool asks for JMX, so a runtime image without the
 * {@code java.management} module runs every pool that does not.
 */
public interface MBeans {

    /** The domain and type every pool's object name starts with. */
    String PREFIX = "io.credpool:type=ConnectionPool,name=";

    /**
     * The platform MBean server's registry.
     *
     * @throws IllegalStateException when the {@code java.management} module is missing, saying how to add it
     */
    static MBeans platform() {
        try {
            Class<?> c = Class.forName("io.credpool.internal.jmx.PlatformMBeans", true, MBeans.class.getClassLoader());
            return (MBeans) c.getConstructor().newInstance();
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("JMX was asked for (registerMBean(true) or CREDPOOL_JMX=true) but the"
                    + " java.management module is missing: on the module path add --add-modules java.management to"
                    + " the java command (and to jlink for a runtime image), or turn JMX off", e);
        } catch (ReflectiveOperationException | SecurityException e) {
            throw new IllegalStateException("JMX registration could not start: " + e, e);
        }
    }

    /** The object name of pool {@code poolName}, as text. */
    String objectName(String poolName);

    /**
     * Fails when another pool of that name is registered.
     *
     * @throws IllegalStateException naming the pool and the fix
     */
    void requireFree(String poolName);

    /**
     * Registers {@code bean} as pool {@code poolName}.
     *
     * @return what unregisters it
     * @throws IllegalStateException when another pool of that name is registered, naming the pool and the fix
     */
    Registration register(String poolName, ConnectionPoolMXBean bean);

    /** A registered MXBean. */
    interface Registration {
        /** Unregisters it; later calls do nothing, so a pool of the same name registered since stays. */
        void unregister();
    }
}
