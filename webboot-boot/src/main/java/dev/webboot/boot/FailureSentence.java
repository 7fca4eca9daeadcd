package dev.webboot.boot;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one plain sentence a failure is told with, on the console, in the boot log and in {@code --json} errors: the
 * exception's own first line (webboot's exceptions are written as sentences naming the file and the byte offset), or
 * for the JDK's file-system exceptions, whose messages are bare paths, the path and what is wrong with it.
 */
public final class FailureSentence {
    private FailureSentence() {}

    public static String of(Throwable exception) {
        Throwable cause = exception;
        while (cause instanceof UncheckedIOException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        if (cause instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + ": " + (exists.getReason() == null ? "file already exists" : exists.getReason());
        }
        if (cause instanceof NotDirectoryException notDirectory) {
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
