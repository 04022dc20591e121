package io.filterplayground.app.cli;

/** Exit statuses of the command line (the README's "Command line" table). */
final class Exit {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private Exit() {}
}
