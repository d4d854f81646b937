package io.credpool.aws.internal.provider;

import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.DatabaseUrl;
import io.credpool.Environment;
import io.credpool.aws.AwsProviders;
import io.credpool.aws.internal.auth.AwsRegion;
import io.credpool.aws.internal.auth.CredentialChain;
import io.credpool.aws.internal.rds.RdsIamSource;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code aws-rds-iam}: {@code DATABASE_IAM_AUTH=true} with a password-less {@code DATABASE_URL}; the
 * password of each new connection is an RDS IAM authentication token. The region is
 * {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}, or the profile's), else the one in an
 * {@code *.rds.amazonaws.com} host name. TLS ({@code sslmode=require} or stricter) is required.
 */
public final class RdsIamProvider implements CredentialProvider {

    /** Below {@code aws-secrets-manager}, above the built-in file and URL providers. */
    public static final int PRIORITY = 300;

    static final String IAM_AUTH = "DATABASE_IAM_AUTH";
    static final String URL = "DATABASE_URL";

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** Targets already warned about for {@code sslmode=require}. */
    private static final Set<String> UNVERIFIED_WARNED = ConcurrentHashMap.newKeySet();

    /** For ServiceLoader. */
    public RdsIamProvider() {
    }

    @Override
    public String name() {
        return AwsProviders.RDS_IAM;
    }

    @Override
    public boolean isConfigured(Environment env) {
        return "true".equalsIgnoreCase(env.get(IAM_AUTH).orElse("").trim()) && env.get(URL).isPresent();
    }

    @Override
    public String requirement() {
        return IAM_AUTH + "=true with a password-less " + URL + " (sslmode=require)";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public CredentialSource open(Environment env) {
        String url = env.get(URL).orElse(null);
        if (url == null) {
            throw new DatabaseConfigException(URL + " is not set: RDS IAM authentication takes host, port, database "
                    + "and user from it, e.g. postgresql://iam_user@host:5432/db?sslmode=require");
        }
        DatabaseConfig config = DatabaseUrl.parse(url, env);
        RdsIamSource.requireIamReady(config);
        warnIfUnverified(config);
        String region = region(env, config);
        RdsIamSource source = new RdsIamSource(config, region, CredentialChain.standard(env), Clock.systemUTC());
        LOG.log(Level.INFO, "Using RDS IAM authentication for " + config.credentials().username() + "@"
                + config.target() + " in " + region);
        return source;
    }

    /**
     * Warns once per target when TLS is required but the server's certificate is not verified:
     * whoever can intercept the connection can then capture a token that works for up to 15 minutes.
     */
    static void warnIfUnverified(DatabaseConfig config) {
        String sslmode = config.driverProperties().get("sslmode");
        if (sslmode != null && sslmode.trim().equalsIgnoreCase("require") && UNVERIFIED_WARNED.add(config.target())) {
            LOG.log(Level.WARNING, "RDS IAM authentication to " + config.target() + " uses sslmode=require, which "
                    + "encrypts but verifies no certificate: whoever can intercept the connection can capture a token "
                    + "valid for up to 15 minutes. Use sslmode=verify-full with sslcert (Prisma URL) or sslrootcert "
                    + "(jdbc: URL) set to the RDS CA bundle, global-bundle.pem");
        }
    }

    /**
     * The configured region, else the one in an RDS host name, else the no-region error; a
     * configured region that is not a region name is an error, never a reason to use the host's.
     */
    static String region(Environment env, DatabaseConfig config) {
        String configured = AwsRegion.resolveQuietly(env);
        if (configured != null) {
            return configured;
        }
        String fromHost = regionOfRdsHost(config.target());
        return fromHost != null ? fromHost : AwsRegion.resolve(env);
    }

    /** {@code eu-west-1} from {@code name.id.eu-west-1.rds.amazonaws.com[:port/db]}, else {@code null}. */
    static String regionOfRdsHost(String target) {
        int end = target.length();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == ':' || c == '/') {
                end = i;
                break;
            }
        }
        String host = target.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int rds = host.indexOf(".rds.amazonaws.com");
        if (rds < 0) {
            return null;
        }
        int dot = host.lastIndexOf('.', rds - 1);
        String region = host.substring(dot + 1, rds);
        return region.indexOf('-') < 0 || !AwsRegion.isValid(region) ? null : region;
    }

    @Override
    public String toString() {
        return name();
    }
}
