package io.credpool.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface that forwards to one target and injects network faults
 * on command: cut every open connection, refuse new ones, stall all traffic, or delay it.
 *
 * <p>Point a client at {@link #port()} (or {@link #jdbcUrl(String)}) instead of the server. With no
 * fault set it is a transparent pass-through. Faults apply at once to open connections and to new
 * ones. Each connection uses two platform daemon threads (one per direction) named after the
 * proxy's ports, so a thread dump shows what belongs to which proxy.
 *
 * <p>Thread-safe. {@link #close()} stops listening and cuts every connection.
 */
public final class FaultProxy implements AutoCloseable {

    private volatile InetSocketAddress target;
    private final ServerSocket listener;
    private final String name;
    private final Set<ProxyLink> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger linkIds = new AtomicInteger();
    private final Object flow = new Object();
    private volatile boolean refusing;
    private volatile boolean stalled;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.name = "credpool-fault-proxy :" + listener.getLocalPort() + "->" + target.getPort();
        Thread acceptor = new Thread(this::acceptLoop, name + " accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy to {@code 127.0.0.1:targetPort} on a free loopback port.
     *
     * @param targetPort the server's port, e.g. {@link PgCluster#port()}
     * @return the running proxy
     */
    public static FaultProxy start(int targetPort) {
        return start(new InetSocketAddress("127.0.0.1", targetPort)); // where PgCluster listens, even if IPv6 is preferred
    }

    /**
     * Starts a proxy to {@code target} on a free loopback port.
     *
     * @param target where accepted connections are forwarded
     * @return the running proxy
     */
    public static FaultProxy start(InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        try {
            return new FaultProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port for a proxy to " + target, e);
        }
    }

    /**
     * Sends new connections to {@code newTarget} from now on, as DNS does after a failover; open
     * connections stay with the old target.
     *
     * @param newTarget where connections accepted from now on are forwarded
     */
    public void retarget(InetSocketAddress newTarget) {
        this.target = Objects.requireNonNull(newTarget, "newTarget");
    }

    /** @return the loopback port clients connect to */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * @param database a database name
     * @return {@code jdbc:postgresql://127.0.0.1:<proxy port>/<database>}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * Closes every open connection abruptly (the client gets a reset, the server an end of
     * stream), like a dropped network path or a failover. New connections are still accepted.
     *
     * @return how many connections were cut
     */
    public int cutAll() {
        int cut = 0;
        for (ProxyLink link : List.copyOf(links)) {
            if (link.close(true)) {
                cut++;
            }
        }
        return cut;
    }

    /**
     * While {@code true}, each new connection is accepted and immediately reset, as by a server
     * that is down or drops clients; open connections are untouched.
     *
     * @param refuse whether to reject new connections
     */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /**
     * While {@code true}, no byte is forwarded in either direction, on open connections and new
     * ones (which are still accepted): the peer of a stalled connection just waits, like behind
     * a black-holed route. Bytes read meanwhile are held and forwarded when the stall ends.
     *
     * @param stall whether to hold all traffic
     */
    public void stall(boolean stall) {
        synchronized (flow) {
            this.stalled = stall;
            flow.notifyAll();
        }
    }

    /**
     * Holds every chunk of bytes for {@code oneWay} before forwarding it, in each direction, so a
     * request/response round trip takes at least twice as long. Chunks of one direction are
     * forwarded one after another, not pipelined. {@link Duration#ZERO} turns the delay off.
     *
     * @param oneWay the delay per chunk and direction; not negative
     */
    public void latency(Duration oneWay) {
        if (oneWay.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative: " + oneWay);
        }
        this.latency = oneWay;
    }

    /** @return how many client connections are open through the proxy right now */
    public int openConnections() {
        return links.size();
    }

    /** Stops listening and cuts every connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutAll();
        synchronized (flow) {
            flow.notifyAll();
        }
    }

    /** @return the proxy's ports and which faults are on */
    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + " -> " + target + (refusing ? ", refusing" : "")
                + (stalled ? ", stalled" : "") + (latency.isZero() ? "" : ", latency " + latency.toMillis() + " ms")
                + ", " + links.size() + " open]";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed || listener.isClosed()) {
                    return;
                }
                continue; // a failed accept (e.g. too many files) must not end the proxy
            }
            if (refusing) {
                ProxyLink.reset(client);
                continue;
            }
            ProxyLink link = new ProxyLink(this, client, name + " #" + linkIds.incrementAndGet());
            links.add(link);
            if (closed) {
                link.close(true);
            } else {
                link.start();
            }
        }
    }

    InetSocketAddress target() {
        return target;
    }

    void forgotten(ProxyLink link) {
        links.remove(link);
        synchronized (flow) {
            flow.notifyAll(); // wake its pumps if they wait for a stall to end
        }
    }

    /**
     * Blocks while traffic is stalled and {@code link} is open, then waits out the latency.
     *
     * @return false if the link was closed meanwhile
     */
    boolean awaitForwarding(ProxyLink link) throws InterruptedException {
        synchronized (flow) {
            while (stalled && link.isOpen() && !closed) {
                flow.wait();
            }
        }
        Duration delay = latency;
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        }
        return link.isOpen();
    }
}
