/**
 * The service-provider interface: implement {@link io.credpool.spi.CredentialProvider} to teach
 * credpool a new place to find database credentials.
 */
package io.credpool.spi;
