package dev.webboot.cli;

import dev.webboot.boot.FailureSentence;

/** Turns an exception into the one plain sentence the command line prints. */
final class Failures {
    private Failures() {}

    static String sentence(Throwable exception) {
        return FailureSentence.of(exception);
    }
}
