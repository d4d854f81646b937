package io.credpool.aws.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 / localhost, made at test time with the JDK's
 * {@code keytool}, with a server context that presents it and a client context that trusts only it.
 */
public final class SelfSignedTls {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static SelfSignedTls instance;

    private final SSLContext server;
    private final SSLContext client;

    private SelfSignedTls(SSLContext server, SSLContext client) {
        this.server = server;
        this.client = client;
    }

    /** One per test JVM: keytool takes a second. */
    public static synchronized SelfSignedTls get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    private static SelfSignedTls create() {
        try {
            Path dir = Files.createTempDirectory("credpool-tls");
            Path keystore = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                keys.load(in, PASSWORD);
            }
            Files.delete(keystore);
            Files.delete(dir);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            Certificate certificate = keys.getCertificate("server");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            return new SelfSignedTls(server, client);
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    /** Presents the certificate. */
    public SSLContext serverContext() {
        return server;
    }

    /** Trusts only the certificate. */
    public SSLContext clientContext() {
        return client;
    }
}
