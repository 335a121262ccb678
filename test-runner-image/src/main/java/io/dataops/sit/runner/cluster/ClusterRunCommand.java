package io.dataops.sit.runner.cluster;

/** The in-cluster {@code run} command. */
public final class ClusterRunCommand {
    private ClusterRunCommand() {
    }

    public static int run(String[] args) {
        return 2;
    }
}
