package coldstart.reference;

import coldstart.common.Arrived;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Reference point: one HTTPS POST with HttpsURLConnection, the transport of the SDK's url-connection client. */
public final class UrlConnectionPost {

    private UrlConnectionPost() {
    }

    public static void main(String[] args) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(Request.endpoint()).openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", Request.CONTENT_TYPE);
        connection.setRequestProperty("X-Amz-Target", Request.TARGET);
        connection.setRequestProperty("X-Amz-Date", Request.DATE);
        connection.setRequestProperty("Authorization", Request.authorization());
        try (OutputStream out = connection.getOutputStream()) {
            out.write(Request.body());
        }
        int status = connection.getResponseCode();
        String body;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long arrived = System.currentTimeMillis();
        Arrived.report(arrived, Request.holdsSecret(status, body));
    }
}
