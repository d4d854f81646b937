/**
 * credpool's runnable examples: the quickstart demo, a JSON API on the JDK's HttpServer, a
 * seeding script and an AWS Lambda-style handler, all on {@link io.credpool.Database}, and the
 * CRaC / Lambda SnapStart hooks that suspend a pool for a snapshot.
 *
 * <p>{@code io.credpool.testkit} (an automatic module) is here only so that the demo can start a
 * throwaway PostgreSQL when {@code DATABASE_URL} is unset; an application needs nothing but
 * {@code io.credpool} and its JDBC driver.
 */
module io.credpool.examples {
    requires transitive io.credpool; // and so java.sql, whose types the examples' API uses
    requires jdk.httpserver;
    requires io.credpool.testkit;
    requires static org.crac; // SnapStartHooks only

    exports io.credpool.examples;
}
