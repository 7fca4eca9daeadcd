package dev.webboot.kexec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to kexec: a kernel, its initrds (concatenated into one, in order) and the command line.
 *
 * <p>Paths may belong to any file system, such as an ISO opened as an image file system, so the kernel and initrds are
 * read in place from the image.
 *
 * @param kernel the kernel image (a bzImage, an arm64 Image, or a gzip/xz/zstd-compressed arm64 Image)
 * @param initrds the initrds; none is allowed
 * @param commandLine the new kernel's whole command line
 */
public record KexecRequest(Path kernel, List<Path> initrds, String commandLine) {
    public KexecRequest {
        Objects.requireNonNull(kernel, "kernel");
        initrds = List.copyOf(initrds);
        Objects.requireNonNull(commandLine, "commandLine");
    }
}
