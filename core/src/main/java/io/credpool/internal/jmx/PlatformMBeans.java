package io.credpool.internal.jmx;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.credpool.ConnectionPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * {@link MBeans} on the platform MBean server; the one class that needs {@code java.management}.
 * Public for {@link MBeans#platform()}, which makes it by name.
 */
public final class PlatformMBeans implements MBeans {

    private static final System.Logger LOG = System.getLogger("io.credpool");
    /** Characters an unquoted {@code ObjectName} value may not hold. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[,=:\"*?\\n]");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** Registers with the platform MBean server. */
    public PlatformMBeans() {
    }

    @Override
    public String objectName(String poolName) {
        return PREFIX + (NEEDS_QUOTES.matcher(poolName).find() ? ObjectName.quote(poolName) : poolName);
    }

    private ObjectName name(String poolName) {
        try {
            return new ObjectName(objectName(poolName));
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("The pool name \"" + poolName + "\" makes no JMX object name ("
                    + e.getMessage() + "): choose another with ConnectionPool.Builder.name(...)", e);
        }
    }

    @Override
    public void requireFree(String poolName) {
        if (server.isRegistered(name(poolName))) {
            throw clash(poolName);
        }
    }

    @Override
    public Registration register(String poolName, ConnectionPoolMXBean bean) {
        ObjectName name = name(poolName);
        try {
            server.registerMBean(new StandardMBean(bean, ConnectionPoolMXBean.class, true), name);
        } catch (InstanceAlreadyExistsException e) {
            throw clash(poolName);
        } catch (JMException e) {
            throw new IllegalStateException("Registering " + name + " with JMX failed: " + e, e);
        }
        LOG.log(INFO, "Registered MXBean " + name);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                unregister(name);
            }
        };
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException gone) {
            // unregistered by someone else: nothing left to do
        } catch (JMException | RuntimeException e) {
            LOG.log(WARNING, "Unregistering " + name + " from JMX failed: " + e);
        }
    }

    private IllegalStateException clash(String poolName) {
        return new IllegalStateException("Another connection pool named \"" + poolName + "\" is registered with JMX as "
                + objectName(poolName) + ": give this one another name with ConnectionPool.Builder.name(...), or"
                + " close the other first");
    }
}
