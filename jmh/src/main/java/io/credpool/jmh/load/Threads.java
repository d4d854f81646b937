package io.credpool.jmh.load;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadFactory;

/**
 * Thread factories for the load drivers, and the CPU time of the virtual-thread carriers. The
 * jmh module compiles with {@code --release 17}, so virtual threads (JDK 21+) are reached through
 * a method handle: the drivers build on JDK 17 and need JDK 21+ only when asked for them.
 */
final class Threads {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Threads() {
    }

    /** Virtual threads: {@code Thread.ofVirtual().factory()}. */
    static ThreadFactory virtual() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle make = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            return (ThreadFactory) factory.invoke(make.invoke());
        } catch (Throwable e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later; this is " + Runtime.version(), e);
        }
    }

    /** Platform threads, daemons. */
    static ThreadFactory platform() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * CPU time so far of the threads that carry virtual threads (the default scheduler's
     * {@code ForkJoinPool-*-worker-*} threads; the common pool's are named differently), in ns.
     */
    static long carrierCpuNanos() {
        long sum = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            ThreadInfo info = infos[i];
            if (info != null && info.getThreadName().startsWith("ForkJoinPool-")
                    && info.getThreadName().contains("-worker-")) {
                long cpu = THREADS.getThreadCpuTime(ids[i]);
                if (cpu > 0) {
                    sum += cpu;
                }
            }
        }
        return sum;
    }

    /** CPU time so far of the whole process (every thread: carriers, pool threads, GC, JIT), in ns. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
