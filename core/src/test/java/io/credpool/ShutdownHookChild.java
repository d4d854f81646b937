package io.credpool;

/**
 * A child JVM for {@link ShutdownHookTest}: builds the shared pool and a pool of its own, then
 * returns from {@code main} without closing either;
 * its own hook reports which of them credpool's hook closed.
 */
public final class ShutdownHookChild {

    private ShutdownHookChild() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionPool shared = Database.shared();
        ConnectionPool own = Database.open(System.getenv("DATABASE_URL") + "&application_name=own");
        System.out.println("built " + (shared != own));
        // Hooks run in no set order: this one waits for credpool's to close the shared pool.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long deadline = System.nanoTime() + 10_000_000_000L;
            try {
                while (!shared.isClosed() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("at exit: shared closed " + shared.isClosed() + ", own closed " + own.isClosed());
        }));
    }
}
