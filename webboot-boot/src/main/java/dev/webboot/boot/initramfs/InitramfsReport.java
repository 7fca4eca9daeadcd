package dev.webboot.boot.initramfs;

import dev.webboot.iso.initramfs.Compression;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link InitramfsBuilder#build} wrote.
 *
 * @param output the initramfs file
 * @param compression how its one archive is compressed
 * @param compressedBytes the file's size
 * @param unpackedBytes the size of the uncompressed cpio archive (about what it takes in RAM once unpacked)
 * @param files the regular files in it
 * @param javaModules the Java modules linked into its runtime
 * @param kernelRelease the release of the kernel modules in it, when there are any
 * @param kernelModules the kernel modules in it, in the order /init loads them
 * @param missingModules the requested kernel modules the kernel has neither as a file nor built in
 * @param classDataSharing whether it holds a CDS archive of webboot's classes
 */
public record InitramfsReport(
        Path output,
        Compression compression,
        long compressedBytes,
        long unpackedBytes,
        long files,
        List<String> javaModules,
        Optional<String> kernelRelease,
        List<String> kernelModules,
        List<String> missingModules,
        boolean classDataSharing) {
    public InitramfsReport {
        javaModules = List.copyOf(javaModules);
        kernelModules = List.copyOf(kernelModules);
        missingModules = List.copyOf(missingModules);
    }
}
