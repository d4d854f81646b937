package coldstart.sdk;

import coldstart.common.Arrived;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Process start to first secret with the AWS SDK v2 Secrets Manager client on the url-connection
 * HTTP client, configured explicitly (region, endpoint and static keys from the same environment
 * variables credpool reads), so the SDK does no discovery of its own that credpool skips.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_SECRETS_MANAGER")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))))
                .build();
        GetSecretValueResponse response = client.getSecretValue(GetSecretValueRequest.builder()
                .secretId(System.getenv("AWS_SECRET_NAME"))
                .build());
        String secret = response.secretString();
        long arrived = System.currentTimeMillis();
        Arrived.report(arrived, secret != null && secret.contains("\"username\":\"bench_user\""));
    }
}
