package io.credpool.spring;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A nasty password with a random tail that appears nowhere else, and a copy of everything the JVM
 * prints (Spring Boot logs to the console, credpool's logs included), to prove the password never
 * shows.
 */
final class Secrets implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String tail = HexFormat.of().formatHex(bytes());
    final String password = "p@ss:w/rd?#%&= +ü€-" + tail;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /** Starts copying standard output and error. */
    Secrets() {
        System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
    }

    private static byte[] bytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (printed) {
                    printed.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (printed) {
                    printed.write(b, off, len);
                }
            }
        };
    }

    /** What was printed since the start. */
    String printed() {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether {@code text} holds the password, as is, encoded, or its random tail alone. */
    boolean leaks(String text) {
        return text.contains(tail);
    }

    /** {@code postgresql://role:password@127.0.0.1:port/database}, percent-encoded. */
    String url(String role, int port, String database) {
        return "postgresql://" + role + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
    }
}
