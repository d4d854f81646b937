package coldstart.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The cold-start benchmark's endpoint: a long-lived HTTPS server on 127.0.0.1 that answers every
 * well-formed, SigV4-signed {@code GetSecretValue} with one fixed secret. It checks the shape of the
 * request (target header, content type, an {@code Authorization} header for the expected key and
 * service, the secret id in the body) but does not recompute signatures: both clients' signers are
 * tested elsewhere, and here the server only has to answer both the same way, quickly.
 *
 * <p>Arguments: keystore (PKCS12), its password, the expected access key id, the secret id, and a file
 * to write the bound port to once the server is listening. Runs until killed.
 */
public final class FakeSecretsManager {

    static final String SECRET = "{\"engine\":\"postgres\",\"host\":\"db.coldstart.invalid\",\"port\":5432,"
            + "\"username\":\"bench_user\",\"password\":\"bench-pass-0123456789\",\"dbname\":\"bench\"}";

    private FakeSecretsManager() {
    }

    public static void main(String[] args) throws Exception {
        Path keystore = Path.of(args[0]);
        char[] password = args[1].toCharArray();
        String accessKeyId = args[2];
        String secretId = args[3];
        Path portFile = Path.of(args[4]);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        byte[] answer = ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secretId + "-AbCdEf\","
                + "\"CreatedDate\":1.7E9,\"Name\":" + quote(secretId) + ",\"SecretString\":" + quote(SECRET) + ","
                + "\"VersionId\":\"00000000-0000-4000-8000-000000000001\",\"VersionStages\":[\"AWSCURRENT\"]}")
                .getBytes(StandardCharsets.UTF_8);
        String credentialPrefix = "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/";
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                String problem = problem(exchange, new String(body, StandardCharsets.UTF_8), credentialPrefix, secretId);
                if (problem != null) {
                    refused.incrementAndGet();
                    System.err.println("refused: " + problem);
                    reply(exchange, 400, ("{\"__type\":\"InvalidRequestException\",\"message\":" + quote(problem) + "}")
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                served.incrementAndGet();
                reply(exchange, 200, answer);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.err.println("fake Secrets Manager: served " + served.get() + ", refused " + refused.get())));
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
        Files.move(tmp, portFile);
    }

    /** Why the request is not a GetSecretValue for our secret signed with our key, or null. */
    private static String problem(HttpExchange exchange, String body, String credentialPrefix, String secretId) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return "method " + exchange.getRequestMethod();
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"secretsmanager.GetSecretValue".equals(target)) {
            return "X-Amz-Target " + target;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-amz-json-1.1")) {
            return "Content-Type " + type;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith(credentialPrefix) || !auth.contains("/secretsmanager/aws4_request")
                || !auth.contains("Signature=")) {
            return "Authorization header missing or not SigV4 for the benchmark key and secretsmanager";
        }
        if (exchange.getRequestHeaders().getFirst("X-Amz-Date") == null) {
            return "no X-Amz-Date";
        }
        if (!body.contains("\"SecretId\":" + quote(secretId))) {
            return "body does not name the secret";
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000002");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
