package io.dataops.sit.runner.local;

/** STUB created by Runner A so Main compiles; Runner B owns and replaces this class. */
public final class LocalCommand {
    private LocalCommand() {
    }

    public static int run(String[] args) {
        System.err.println("local: not implemented yet (stub)");
        return 2;
    }
}
