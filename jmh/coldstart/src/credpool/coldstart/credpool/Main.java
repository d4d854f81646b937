package coldstart.credpool;

import coldstart.common.Arrived;

import io.credpool.Credentials;
import io.credpool.Environment;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import java.util.ServiceLoader;

/**
 * Process start to first secret with credpool-aws, the way a user's code gets there through the
 * public API: find the {@code aws-secrets-manager} provider with ServiceLoader, open it on
 * {@link Environment#system()} (AWS_SECRET_NAME, AWS_REGION, AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_SECRETS_MANAGER from the process environment), ask the
 * source for credentials. Runs unchanged on the module path and on the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        CredentialProvider provider = null;
        for (CredentialProvider candidate : ServiceLoader.load(CredentialProvider.class)) {
            if ("aws-secrets-manager".equals(candidate.name())) {
                provider = candidate;
                break;
            }
        }
        if (provider == null) {
            throw new IllegalStateException("provider aws-secrets-manager not found: is credpool-aws on the path?");
        }
        CredentialSource source = provider.open(Environment.system());
        Credentials credentials = source.credentials();
        long arrived = System.currentTimeMillis();
        Arrived.report(arrived, "bench_user".equals(credentials.username()) && credentials.password() != null);
    }
}
