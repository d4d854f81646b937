package io.credpool.aws.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw HTTP/1.1 endpoint on loopback that misbehaves on purpose: it trickles a body, sends a body
 * without end, or never answers. Each connection is served on a daemon thread that stops when the
 * client hangs up or the server closes; nothing is ever sent anywhere but to the local client.
 */
public final class HostileServer implements AutoCloseable {

    /** How the server misbehaves. */
    public enum Mode {
        /** Headers at once, then one body byte every {@link #TRICKLE_MILLIS} ms (a JSON object, padded). */
        TRICKLE,
        /** Headers at once, then a chunked body of spaces that never ends (at most {@link #ENDLESS_CAP} bytes). */
        ENDLESS,
        /** Reads the request and never answers. */
        SILENT
    }

    static final long TRICKLE_MILLIS = 100;
    /** Where the endless body stops anyway, so that a broken client cannot keep the test running. */
    static final long ENDLESS_CAP = 1L << 30;

    private final ServerSocket socket;
    private final Mode mode;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile boolean closed;

    public HostileServer(Mode mode) throws IOException {
        this.mode = mode;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-server-" + mode);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:port/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    /** Requests whose headers arrived. */
    public int requests() {
        return requests.get();
    }

    /** Body bytes written to clients so far. */
    public long bytesSent() {
        return bytesSent.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "hostile-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            readHeaders(client.getInputStream());
            requests.incrementAndGet();
            OutputStream out = client.getOutputStream();
            switch (mode) {
                case SILENT -> {
                    while (!closed && client.getInputStream().read() >= 0) {
                        // hold the connection open until the client gives up
                    }
                }
                case TRICKLE -> {
                    byte[] body = ("{\"SecretString\":\"" + " ".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int i = 0; i < body.length && !closed; i++) {
                        out.write(body[i]);
                        out.flush();
                        bytesSent.incrementAndGet();
                        Thread.sleep(TRICKLE_MILLIS);
                    }
                }
                case ENDLESS -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    while (!closed && bytesSent.get() < ENDLESS_CAP) {
                        out.write(chunk);
                        bytesSent.addAndGet(0x10000);
                    }
                }
                default -> throw new IllegalStateException(mode.toString());
            }
        } catch (IOException e) {
            // the client hung up: what a well-behaved client does with this server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        // a request body, if any, is left unread: this server never looks at it
    }

    /** Connections still open (the client has not hung up). */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
