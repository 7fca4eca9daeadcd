package dev.webboot.cli;

import dev.webboot.boot.BootException;
import dev.webboot.boot.FailureSentence;
import java.util.Optional;

/** Turns an exception into the one plain sentence the command line prints. */
final class Failures {
    private Failures() {}

    /** The phase a failure stopped in, for the flows that have phases ({@code boot}); empty for the others. */
    static Optional<String> phase(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BootException boot) {
                return Optional.of(boot.phase().id());
            }
        }
        return Optional.empty();
    }

    /** The line on stderr: the sentence, after the phase when there is one (the boot log's "FAILED in …" form). */
    static String stderrLine(Throwable exception) {
        return phase(exception)
                .map(phase -> "FAILED in " + phase + ": " + sentence(exception))
                .orElseGet(() -> sentence(exception));
    }

    static String sentence(Throwable exception) {
        return FailureSentence.of(exception);
    }
}
