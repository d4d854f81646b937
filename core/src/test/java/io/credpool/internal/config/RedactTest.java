package io.credpool.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/app                          | jdbc:postgresql://db:5432/app",
            "postgresql://app:pw@db/app                             | postgresql://app:****@db/app",
            "postgresql://app@db/app                                | postgresql://app@db/app",
            "postgresql://app:p@s?s@db/app?x=1                      | postgresql://app:****@db/app?x=1",
            "jdbc:postgresql://db/app?user=u&password=pw&ssl=true   | jdbc:postgresql://db/app?user=u&password=****&ssl=true",
            "jdbc:postgresql://db/app?sslpassword=k&AuthToken=t&x   | jdbc:postgresql://db/app?sslpassword=****&AuthToken=****",
            "jdbc:derby:memory:db;user=u;password=x;create=true     | jdbc:derby:memory:db;user=u;password=****;create=true",
            "postgresql://app:pa/ss@db:5432/app                     | postgresql://app:****@db:5432/app",
            "jdbc:postgresql://u:p@ss@h/db?password=ab;cd           | jdbc:postgresql://u:****@h/db?password=****",
            "jdbc:postgresql://h/db?password=s3cr@tPW&user=u        | jdbc:postgresql://h/db?password=****&user=u",
            "jdbc:postgresql://h/db?pass%77ord=x&pwd=y&a=b          | jdbc:postgresql://h/db?pass%77ord=****&pwd=****&a=b",
            "jdbc:postgresql://h/db?password=a&b&c=d                | jdbc:postgresql://h/db?password=****&c=d",
    })
    void masksUrls(String in, String out) {
        assertEquals(out, Redact.url(in));
    }

    @Test
    void textMasksUrlsPairsJsonAndKnownSecretsInAnyEncoding() {
        assertEquals("cannot reach postgresql://app:****@db/x?password=****&a=b\nas user app with **** (****, ****, ****)",
                Redact.text("cannot reach postgresql://app:hun/ter2@db/x?password=hun%2Fter2&a=b\n"
                        + "as user app with hun/ter2 (hun%2fter2, HUN/TER2, hun%2Fter2)", "hun/ter2"));
        assertEquals("{user=app, password=****, ssl=true}", Redact.text("{user=app, password=s3cr, ssl=true}"));
        assertEquals("{\"SecretString\": \"****\", \"Name\": \"db\"}",
                Redact.text("{\"SecretString\": \"{\\\"password\\\":\\\"x\\\"}\", \"Name\": \"db\"}"));
        assertEquals("key '****'", Redact.text("key 'p@ss w0rd/?'", "p@ss w0rd/?"));
        assertEquals("no secret here", Redact.text("no secret here", null, ""));
    }

    @Test
    void reasonIsOneMaskedLineOrTheClassName() {
        assertEquals("a b password=****", Redact.reason(new SQLException("a\n b password=x"), "y"));
        assertEquals("IllegalStateException", Redact.reason(new IllegalStateException()));
    }

    @ParameterizedTest
    @CsvSource({"DB_PASSWORD,true", "passwd,true", "PWD,true", "pass%77ord,true", "CredentialFile,true", "sslpassword,true", "AWS_SECRET_ACCESS_KEY,true", "GITHUB_TOKEN,true",
            "apiKey,true", "DATABASE_URL,false", "APP_ENV,false", "sslmode,false"})
    void secretNames(String name, boolean secret) {
        assertEquals(secret, Redact.isSecretName(name));
    }
}
