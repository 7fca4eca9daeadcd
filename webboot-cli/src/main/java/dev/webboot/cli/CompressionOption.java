package dev.webboot.cli;

import dev.webboot.iso.initramfs.Compression;
import picocli.CommandLine;

/** The {@code --compress none|gzip|xz|zstd} option of the commands that write an initramfs archive. */
final class CompressionOption {
    private CompressionOption() {}

    /** The codec named {@code name}, or a usage error (exit 2) when webboot cannot write it. */
    static Compression parse(CommandLine command, String name) {
        return Compression.fromCliName(name)
                .filter(Compression::writable)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        command, "--compress must be none, gzip, xz or zstd, not " + name));
    }
}
