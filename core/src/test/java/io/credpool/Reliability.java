package io.credpool;

/**
 * The one line each failure-mode test prints, so that docs/reliability.md can be measured again:
 * {@code reliability: <scenario> recovery=<ms> failedBorrows=<n>}.
 */
final class Reliability {

    private Reliability() {
    }

    /**
     * @param scenario      the row of docs/reliability.md, one word
     * @param recoveryMillis from the fault's end to the first good borrow (the test says which moments)
     * @param failedBorrows borrows (getConnection plus the statement) that failed because of the fault
     */
    static void report(String scenario, long recoveryMillis, long failedBorrows) {
        System.out.println("reliability: " + scenario + " recovery=" + recoveryMillis + " failedBorrows=" + failedBorrows);
    }
}
