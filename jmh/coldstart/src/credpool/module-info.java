/** The credpool side of the cold-start benchmark (module path run). */
module coldstart.credpool {
    requires io.credpool;

    uses io.credpool.spi.CredentialProvider;
}
