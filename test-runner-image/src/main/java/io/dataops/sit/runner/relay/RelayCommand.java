package io.dataops.sit.runner.relay;

/** The {@code relay} command: a tiny system under test that copies records between topics. */
public final class RelayCommand {
    private RelayCommand() {
    }

    public static int run(String[] args) {
        return 2;
    }
}
