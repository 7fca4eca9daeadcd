package dev.webboot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What vouches for an image, where else it can be had, and how big it may be: the options {@code fetch} and
 * {@code boot} share.
 */
final class EvidenceOptions {
    @Option(names = "--sha256", paramLabel = "HEX", description = "The image's SHA-256.")
    String sha256;

    @Option(names = "--sums", paramLabel = "URL_OR_FILE", description = "A checksum file naming the image.")
    String sums;

    @Option(names = "--sig", paramLabel = "URL_OR_FILE", description = "A detached OpenPGP signature of the sums.")
    String signature;

    @Option(names = "--keyring", paramLabel = "FILE", description = "OpenPGP keys to trust (binary or armored).")
    List<Path> keyrings = new ArrayList<>();

    @Option(
            names = "--mirror",
            paramLabel = "URL",
            description = "Another source of the same image (repeatable); for a catalog id tried first.")
    List<String> mirrors = new ArrayList<>();

    @Option(
            names = "--max-size",
            paramLabel = "BYTES",
            converter = ByteSizeConverter.class,
            description = "Refuse an image bigger than this (bytes, or with K, M, G, T), even one whose server sends no"
                    + " length; DEST.part is removed (default: no limit but the destination's space).")
    Long maxSize;

    @Option(names = "--insecure", description = "Accept a missing signature or checksum (prints a warning).")
    boolean insecure;

    /** The {@code --max-size} limit, when given. */
    java.util.OptionalLong maxBytes() {
        return maxSize == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(maxSize);
    }

    /** Usage errors (exit 2) for combinations that cannot mean anything. */
    void validate(CommandLine command) {
        if (sha256 != null && sums != null) {
            throw new CommandLine.ParameterException(command, "give --sha256 or --sums, not both");
        }
        if (signature != null && sums == null) {
            throw new CommandLine.ParameterException(command, "--sig needs --sums");
        }
        if (signature != null && keyrings.isEmpty()) {
            throw new CommandLine.ParameterException(command, "--sig needs --keyring");
        }
    }
}
