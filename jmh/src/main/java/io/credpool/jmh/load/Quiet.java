package io.credpool.jmh.load;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the pools' INFO lines (start, close) out of the drivers' tables. */
final class Quiet {

    /** Held so that the level is not lost when the logger is collected. */
    private static final Logger CREDPOOL = Logger.getLogger("io.credpool");

    private Quiet() {
    }

    static void pools() {
        CREDPOOL.setLevel(Level.WARNING);
    }
}
