package io.credpool.internal.pool;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tells virtual threads from platform threads on every JDK the library runs on:
 * {@code Thread.isVirtual()} arrived in JDK 21 (19 and 20 with preview features) and the library is
 * compiled for 17. Where it is missing every thread is a platform thread.
 */
final class VirtualThreads {

    private static final MethodHandle IS_VIRTUAL = isVirtualMethod();

    private VirtualThreads() {
    }

    /** Whether {@code thread} is a virtual thread. */
    static boolean isVirtual(Thread thread) {
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            // Thread.isVirtual() throws nothing, and neither does the constant.
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle isVirtualMethod() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Thread.class);
        }
    }
}
