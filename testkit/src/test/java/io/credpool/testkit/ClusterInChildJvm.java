package io.credpool.testkit;

import java.util.stream.Collectors;

/**
 * Main class run in a child JVM by {@link NoSurvivorsTest}: starts a cluster with a PgBouncer in
 * front, prints what the parent needs to check on them, then ends the way the first argument says.
 *
 * <p>Arguments: {@code return} (main returns, the JVM exits normally), {@code exit}
 * ({@code System.exit(0)}), {@code wait} (block until the parent kills this JVM); second
 * argument {@code shared} to use {@link PgCluster#shared()} instead of {@link PgCluster#create()}.
 */
public final class ClusterInChildJvm {

    private ClusterInChildJvm() {
    }

    /**
     * @param args how to end, and which cluster to start
     * @throws InterruptedException never, unless interrupted while waiting to be killed
     */
    public static void main(String[] args) throws InterruptedException {
        PgCluster cluster = args.length > 1 && args[1].equals("shared") ? PgCluster.shared() : PgCluster.create();
        ProcessHandle postmaster = ProcessHandle.of(cluster.postmasterPid()).orElseThrow();
        System.out.println("postmaster=" + identity(postmaster));
        System.out.println("children=" + postmaster.children().map(ClusterInChildJvm::identity).collect(Collectors.joining(",")));
        System.out.println("base=" + cluster.dataDirectory().getParent());
        cluster.createRole("child_bouncer", "secret");
        PgBouncer bouncer = cluster.pgBouncer(1, "child_bouncer");
        System.out.println("bouncer=" + identity(bouncer.process().toHandle()));
        System.out.println("ready");
        System.out.flush();
        switch (args[0]) {
            case "return":
                return;
            case "exit":
                System.exit(0);
                break;
            case "wait":
                Thread.sleep(Long.MAX_VALUE);
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** pid and start time: together they name a process even after its pid is reused. */
    private static String identity(ProcessHandle process) {
        return process.pid() + ":" + process.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("-1");
    }
}
