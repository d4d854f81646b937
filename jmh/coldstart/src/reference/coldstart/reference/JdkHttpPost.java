package coldstart.reference;

import coldstart.common.Arrived;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reference point: one HTTPS POST with java.net.http (HTTP/1.1), the transport credpool-aws uses. */
public final class JdkHttpPost {

    private JdkHttpPost() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(Request.endpoint()))
                .header("Content-Type", Request.CONTENT_TYPE)
                .header("X-Amz-Target", Request.TARGET)
                .header("X-Amz-Date", Request.DATE)
                .header("Authorization", Request.authorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Request.body()))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long arrived = System.currentTimeMillis();
        Arrived.report(arrived, Request.holdsSecret(response.statusCode(), response.body()));
    }
}
