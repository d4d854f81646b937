package io.credpool.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            "jdbc:postgresql://db/app?sslpassword=k&AuthToken=t&x   | jdbc:postgresql://db/app?sslpassword=****&AuthToken=****&x",
            "not a url password=x                                   | not a url password=x",
    })
    void masksUrls(String in, String out) {
        assertEquals(out, Redact.url(in));
    }

    @ParameterizedTest
    @CsvSource({"DB_PASSWORD,true", "sslpassword,true", "AWS_SECRET_ACCESS_KEY,true", "GITHUB_TOKEN,true",
            "apiKey,true", "DATABASE_URL,false", "APP_ENV,false", "sslmode,false"})
    void secretNames(String name, boolean secret) {
        assertEquals(secret, Redact.isSecretName(name));
    }
}
