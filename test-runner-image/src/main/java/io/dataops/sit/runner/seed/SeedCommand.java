package io.dataops.sit.runner.seed;

/** STUB created by Runner A so Main compiles; Runner B owns and replaces this class. */
public final class SeedCommand {
    private SeedCommand() {
    }

    public static int run(String[] args) {
        System.err.println("seed: not implemented yet (stub)");
        return 2;
    }
}
