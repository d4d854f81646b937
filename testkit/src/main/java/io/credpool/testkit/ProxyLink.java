package io.credpool.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection through a {@link FaultProxy}: the accepted socket, the socket to the
 * target, and one pump thread per direction. When either side ends, both sockets are closed (no
 * half-close: the PostgreSQL protocol does not need it).
 */
final class ProxyLink {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final FaultProxy proxy;
    private final Socket client;
    private final String name;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Socket upstream;
    private volatile Thread upPump;
    private volatile Thread downPump;

    ProxyLink(FaultProxy proxy, Socket client, String name) {
        this.proxy = proxy;
        this.client = client;
        this.name = name;
    }

    /** Connects to the target and starts forwarding, on the link's own threads. */
    void start() {
        upPump = daemon(name + " client->server", this::connectAndForward);
        upPump.start();
    }

    boolean isOpen() {
        return open.get();
    }

    /**
     * Closes both sockets and ends the pumps.
     *
     * @param abrupt reset the client's connection (RST) instead of closing it normally (FIN)
     * @return false if the link was already closed
     */
    boolean close(boolean abrupt) {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        if (abrupt) {
            reset(client);
        } else {
            closeQuietly(client);
        }
        closeQuietly(upstream);
        interrupt(upPump);
        interrupt(downPump);
        proxy.forgotten(this);
        return true;
    }

    /** Closes {@code socket} with an RST rather than a FIN, so its peer sees "connection reset". */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed: nothing to reset
        }
        closeQuietly(socket);
    }

    private void connectAndForward() {
        Socket server = new Socket();
        try {
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            server.connect(proxy.target(), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(server);
            close(true); // the target is unreachable: the client sees a reset, as it would without the proxy
            return;
        }
        upstream = server;
        if (!isOpen()) { // cut while connecting
            closeQuietly(server);
            return;
        }
        downPump = daemon(name + " server->client", () -> pump(server, client));
        downPump.start();
        pump(client, server);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!proxy.awaitForwarding(this)) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the link was cut or a peer went away: either way this link is over
        } finally {
            close(false);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void interrupt(Thread thread) {
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
