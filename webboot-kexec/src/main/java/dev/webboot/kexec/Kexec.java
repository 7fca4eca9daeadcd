package dev.webboot.kexec;

import com.sun.jna.LastErrorException;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.kexec.internal.KernelPayload;
import dev.webboot.kexec.internal.LinuxSyscalls;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the machine over to another kernel with {@code kexec_file_load} and {@code reboot(LINUX_REBOOT_CMD_KEXEC)},
 * through JNA; no kexec-tools.
 *
 * <p>{@link #load} reads the kernel's header and refuses what this machine cannot boot, copies the kernel (decompressed
 * when it is a compressed arm64 Image) and the initrds (concatenated) into memory files, then loads them. A dry run
 * does all of that except the {@code kexec_file_load} call. {@link #execute} then jumps into the loaded kernel.
 */
public final class Kexec {
    /** {@code KEXEC_FILE_UNLOAD}. */
    public static final long FILE_UNLOAD = 1;
    /** {@code KEXEC_FILE_ON_CRASH}. */
    public static final long FILE_ON_CRASH = 2;
    /** {@code KEXEC_FILE_NO_INITRAMFS}. */
    public static final long FILE_NO_INITRAMFS = 4;
    /** {@code LINUX_REBOOT_CMD_KEXEC}. */
    public static final long LINUX_REBOOT_CMD_KEXEC = 0x45584543L;

    /** A decompressed kernel larger than this is refused (Debian's arm64 Image is about 35 MiB). */
    static final long MAX_KERNEL = 512L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Kexec.class);

    private final Architecture architecture;

    private Kexec(Architecture architecture) {
        this.architecture = architecture;
    }

    /** kexec on the machine this Java runtime runs on. */
    public static Kexec system() {
        return new Kexec(Architecture.current());
    }

    /** The architecture whose system calls and kernels this uses. */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * Loads a kernel for a later {@link #execute}; with {@code dryRun}, prepares everything and stops before the
     * system call.
     *
     * @throws MalformedImageException when the kernel file is not a kernel
     * @throws KexecImageRejectedException when it is a kernel this machine cannot kexec
     * @throws KexecInvalidArgumentException when the command line is longer than the kernel accepts
     * @throws KexecException for the other failures of the system call, with a sentence saying what to do
     */
    public LoadedKernel load(KexecRequest request, boolean dryRun) throws IOException {
        String kernelName = request.kernel().toString();
        try (MemoryFile kernel = MemoryFile.create(architecture, "webboot-kernel");
                MemoryFile initrd = MemoryFile.create(architecture, "webboot-initrd")) {
            String compression;
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(request.kernel()))) {
                KernelPayload.Unwrapped unwrapped = KernelPayload.unwrap(kernelName, raw);
                compression = unwrapped.compression();
                try (InputStream in = unwrapped.stream()) {
                    kernel.append(in, MAX_KERNEL);
                } catch (IOException e) {
                    if (compression.equals("none") || e instanceof MalformedImageException) {
                        throw e;
                    }
                    throw new MalformedImageException(
                            kernelName, 0, "corrupt " + compression + " data (" + e.getMessage() + ")");
                }
            }
            KernelHeader header;
            try (InputStream head = kernel.newInputStream()) {
                KernelHeader plain = KernelHeaders.read(kernelName, head);
                header = new KernelHeader(
                        plain.architecture(),
                        plain.format(),
                        plain.version(),
                        plain.bootProtocol(),
                        plain.flags(),
                        plain.maxCommandLine(),
                        compression);
            }
            check(header, kernelName, request.commandLine());
            for (Path path : request.initrds()) {
                try (SeekableByteChannel in = Files.newByteChannel(path)) {
                    long n = initrd.append(in);
                    LOG.debug("initrd {}: {} bytes", path, n);
                }
                // A cpio archive must start on a 4-byte boundary; the kernel skips the zeros in between.
                initrd.padTo(4);
            }
            long flags = request.initrds().isEmpty() ? FILE_NO_INITRAMFS : 0;
            long kernelBytes = kernel.size();
            long initrdBytes = initrd.size();
            int kernelFd = kernel.finishWriting();
            int initrdFd = initrd.finishWriting();
            if (dryRun) {
                LOG.info(
                        "dry run: would kexec_file_load {} ({} bytes) with {} initrd bytes",
                        kernelName,
                        kernelBytes,
                        initrdBytes);
                return new LoadedKernel(header, kernelBytes, initrdBytes, request.commandLine(), flags, false);
            }
            try {
                LinuxSyscalls.kexecFileLoad(
                        architecture.kexecFileLoadNumber(),
                        kernelFd,
                        request.initrds().isEmpty() ? -1 : initrdFd,
                        request.commandLine(),
                        flags);
            } catch (LastErrorException e) {
                throw KexecErrors.of("kexec_file_load", e.getErrorCode(), kernelName);
            }
            LOG.info("loaded {} ({}) for kexec", kernelName, header.release());
            return new LoadedKernel(header, kernelBytes, initrdBytes, request.commandLine(), flags, true);
        }
    }

    /** Unloads a loaded kernel ({@code KEXEC_FILE_UNLOAD}); nothing happens when none is loaded. */
    public void unload() throws KexecException {
        try {
            LinuxSyscalls.kexecFileUnload(architecture.kexecFileLoadNumber(), FILE_UNLOAD);
        } catch (LastErrorException e) {
            throw KexecErrors.of("kexec_file_load(KEXEC_FILE_UNLOAD)", e.getErrorCode(), "kexec");
        }
    }

    /**
     * Jumps into the loaded kernel: {@code reboot(LINUX_REBOOT_CMD_KEXEC)}. Returns only by throwing. File systems are
     * not synced or unmounted; the caller does that first.
     */
    public void execute() throws KexecException {
        try {
            LinuxSyscalls.reboot(architecture.rebootNumber(), LINUX_REBOOT_CMD_KEXEC);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == dev.webboot.kexec.internal.Errno.EINVAL) {
                throw new KexecInvalidArgumentException(
                        "kexec: reboot(LINUX_REBOOT_CMD_KEXEC) failed (EINVAL): no kernel is loaded; load one first",
                        e.getErrorCode());
            }
            throw KexecErrors.of("reboot(LINUX_REBOOT_CMD_KEXEC)", e.getErrorCode(), "kexec");
        }
        throw new KexecException("kexec: reboot(LINUX_REBOOT_CMD_KEXEC) returned without switching kernels", 0);
    }

    private void check(KernelHeader header, String kernelName, String commandLine) throws KexecException {
        if (header.architecture() != architecture) {
            throw new KexecImageRejectedException(
                    kernelName + ": an " + header.architecture().linuxName() + " kernel cannot be booted on this "
                            + architecture.linuxName() + " machine",
                    0);
        }
        Optional<String> refusal = header.kexecFileRefusal();
        if (refusal.isPresent()) {
            throw new KexecImageRejectedException(
                    kernelName + " " + refusal.get() + ", and " + KernelHeader.KEXEC_FILE_NEEDS, 0);
        }
        int length = commandLine.getBytes(StandardCharsets.UTF_8).length;
        if (length > header.maxCommandLine()) {
            throw new KexecInvalidArgumentException(
                    kernelName + ": the command line is " + length + " bytes, longer than the "
                            + header.maxCommandLine() + " this kernel accepts; shorten it",
                    0);
        }
    }
}
