package coldstart.reference;

import coldstart.common.Arrived;

/** Reference point: a JVM that reports at once. The floor under every other number. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        Arrived.report(System.currentTimeMillis(), true);
    }
}
