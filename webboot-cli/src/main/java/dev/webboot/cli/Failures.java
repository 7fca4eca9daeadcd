package dev.webboot.cli;

import dev.webboot.boot.BootException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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
        Throwable cause = exception;
        while (cause instanceof UncheckedIOException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        if (cause instanceof java.nio.file.FileAlreadyExistsException exists) {
            return exists.getFile() + ": file already exists";
        }
        if (cause instanceof java.nio.file.NotDirectoryException notDirectory) {
            return notDirectory.getFile() + ": not a directory";
        }
        if (cause instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }
}
