package dev.webboot.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one plain sentence the command line prints. */
final class Failures {
    private Failures() {}

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
