package dev.webboot.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.kexec.internal.Errno;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything kexec does on this host short of the final system call: memory files filled, sizes right. */
class KexecDryRunTest {
    @TempDir
    Path dir;

    private static final String CMDLINE = "console=ttyS0 memmap=1G!4G panic=-1";

    @Test
    void memoryFileHoldsExactlyWhatWasAppended() throws Exception {
        byte[] bytes = new byte[3_000_001];
        new Random(1).nextBytes(bytes);
        Path file = Files.write(dir.resolve("data"), bytes);
        try (MemoryFile memfd = MemoryFile.create("webboot-test")) {
            assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + memfd.fd()))
                            .toString())
                    .startsWith("/memfd:webboot-test");
            try (var in = Files.newByteChannel(file)) {
                assertThat(memfd.append(in)).isEqualTo(bytes.length);
            }
            memfd.padTo(4);
            assertThat(memfd.size()).isEqualTo(3_000_004);
            int readOnly = memfd.finishWriting();
            assertThat(memfd.fd()).isEqualTo(readOnly);
            // The only descriptor left is read-only: what kernel_read_file needs (else ETXTBSY).
            java.util.regex.Matcher flags = java.util.regex.Pattern.compile("flags:\\s+([0-7]+)")
                    .matcher(Files.readString(Path.of("/proc/self/fdinfo/" + readOnly)));
            assertThat(flags.find()).isTrue();
            assertThat(Integer.parseInt(flags.group(1), 8) & 3).as("O_ACCMODE").isZero();
            assertThatThrownBy(() -> memfd.padTo(4)).isInstanceOf(IllegalStateException.class);
            try (InputStream in = memfd.newInputStream()) {
                byte[] back = in.readAllBytes();
                assertThat(java.util.Arrays.copyOf(back, bytes.length)).isEqualTo(bytes);
                assertThat(java.util.Arrays.copyOfRange(back, bytes.length, back.length))
                        .containsOnly(0);
            }
        }
    }

    @Test
    void dryRunFillsKernelAndConcatenatedInitrds() throws Exception {
        DebianKernel kernel = DebianKernel.get();
        // Two initrds made by GNU cpio, the second gzip-compressed: the kernel unpacks them one after the other.
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("init"), "#!/bin/sh\n");
        Path first = cpio(tree, "first.cpio");
        Path second = dir.resolve("second.cpio.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(second))) {
            Files.copy(cpio(tree, "plain.cpio"), out);
        }
        KexecRequest request = new KexecRequest(kernel.vmlinuz(), List.of(first, second), CMDLINE);
        LoadedKernel loaded = Kexec.system().load(request, true);
        assertThat(loaded.loaded()).isFalse();
        assertThat(loaded.kernelBytes()).isEqualTo(Files.size(kernel.vmlinuz()));
        long firstPadded = (Files.size(first) + 3) & ~3L;
        long secondPadded = (Files.size(second) + 3) & ~3L;
        assertThat(loaded.initrdBytes()).isEqualTo(firstPadded + secondPadded);
        assertThat(loaded.flags()).isZero();
        assertThat(loaded.header().release()).isEqualTo(kernel.release);
        assertThat(loaded.commandLine()).isEqualTo(CMDLINE);

        LoadedKernel bare = Kexec.system().load(new KexecRequest(kernel.vmlinuz(), List.of(), CMDLINE), true);
        assertThat(bare.flags()).isEqualTo(Kexec.FILE_NO_INITRAMFS);
        assertThat(bare.initrdBytes()).isZero();
    }

    private Path cpio(Path tree, String name) {
        Path out = dir.resolve(name);
        ExternalTools.run(
                tree,
                "/bin/sh",
                "-c",
                "find . | " + ExternalTools.require("cpio", "cpio") + " -o -H newc --quiet > " + out);
        return out;
    }

    @Test
    void dryRunDecompressesACompressedArm64ImageButRefusesItOnX86() throws Exception {
        Path image = Files.write(dir.resolve("Image"), KernelHeadersTest.arm64Image(0b0010, 100_000));
        ExternalTools.run(dir, ExternalTools.require("gzip", "gzip").toString(), "-k", image.toString());
        Kexec kexec = Kexec.system();
        assertThat(kexec.architecture()).isEqualTo(Architecture.X86_64);
        assertThatThrownBy(() -> kexec.load(new KexecRequest(dir.resolve("Image.gz"), List.of(), ""), true))
                .isInstanceOf(KexecImageRejectedException.class)
                .hasMessageContaining("an arm64 kernel cannot be booted on this x86_64 machine");
        Path efi = Files.write(
                dir.resolve("vmlinuz.efi"),
                KernelHeadersTest.zboot(Files.readAllBytes(dir.resolve("Image.gz")), "gzip"));
        assertThatThrownBy(() -> kexec.load(new KexecRequest(efi, List.of(), ""), true))
                .isInstanceOf(KexecImageRejectedException.class)
                .hasMessageContaining("an arm64 kernel cannot be booted");
    }

    @Test
    void refusesBeforeTheSystemCall() throws Exception {
        DebianKernel kernel = DebianKernel.get();
        String tooLong = "x".repeat(2048);
        assertThatThrownBy(() -> Kexec.system().load(new KexecRequest(kernel.vmlinuz(), List.of(), tooLong), true))
                .isInstanceOf(KexecInvalidArgumentException.class)
                .hasMessageContaining("2048 bytes, longer than the 2047");
        Path notKernel = Files.writeString(dir.resolve("readme"), "plain text ".repeat(1000));
        assertThatThrownBy(() -> Kexec.system().load(new KexecRequest(notKernel, List.of(), ""), true))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("not a Linux kernel");
        assertThatThrownBy(() -> Kexec.system()
                        .load(new KexecRequest(kernel.vmlinuz(), List.of(dir.resolve("missing")), ""), true))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void theSha256OfTheKernelMemoryFileIsTheFiles() throws Exception {
        DebianKernel kernel = DebianKernel.get();
        try (MemoryFile memfd = MemoryFile.create("k")) {
            try (var in = Files.newByteChannel(kernel.vmlinuz())) {
                memfd.append(in);
            }
            MessageDigest a = MessageDigest.getInstance("SHA-256");
            try (InputStream in = memfd.newInputStream()) {
                a.update(in.readAllBytes());
            }
            String sha = ExternalTools.run(dir, "sha256sum", kernel.vmlinuz().toString())
                    .stdoutText()
                    .split(" ")[0];
            assertThat(HexFormat.of().formatHex(a.digest())).isEqualTo(sha);
        }
    }

    @Test
    void errnoBecomesATypedExceptionWithAnActionableSentence() {
        assertThat(KexecErrors.of("kexec_file_load", Errno.EPERM, "k"))
                .isInstanceOf(KexecPermissionException.class)
                .hasMessageContaining("CAP_SYS_BOOT")
                .hasMessageContaining("Secure Boot");
        assertThat(KexecErrors.of("kexec_file_load", Errno.EKEYREJECTED, "k"))
                .isInstanceOf(KexecSignatureException.class)
                .hasMessageContaining("EKEYREJECTED");
        assertThat(KexecErrors.of("kexec_file_load", Errno.EBADMSG, "k")).isInstanceOf(KexecSignatureException.class);
        assertThat(KexecErrors.of("kexec_file_load", Errno.ENOEXEC, "k"))
                .isInstanceOf(KexecImageRejectedException.class);
        assertThat(KexecErrors.of("kexec_file_load", Errno.ENOSYS, "k"))
                .isInstanceOf(KexecNotSupportedException.class)
                .hasMessageContaining("CONFIG_KEXEC_FILE");
        assertThat(KexecErrors.of("kexec_file_load", Errno.ENOMEM, "k")).isInstanceOf(KexecOutOfMemoryException.class);
        assertThat(KexecErrors.of("kexec_file_load", Errno.EBUSY, "k")).isInstanceOf(KexecBusyException.class);
        assertThat(KexecErrors.of("kexec_file_load", Errno.EINVAL, "k"))
                .isInstanceOf(KexecInvalidArgumentException.class)
                .hasMessageContaining("command line");
        KexecException other = KexecErrors.of("kexec_file_load", 5, "k");
        assertThat(other.getClass()).isEqualTo(KexecException.class);
        assertThat(other.errno()).isEqualTo(5);
        assertThat(other).hasMessage("k: kexec_file_load failed (errno 5)");
    }

    @Test
    void syscallNumbersPerArchitecture() {
        assertThat(Architecture.X86_64.kexecFileLoadNumber()).isEqualTo(320);
        assertThat(Architecture.ARM64.kexecFileLoadNumber()).isEqualTo(294);
        assertThat(Architecture.X86_64.memfdCreateNumber()).isEqualTo(319);
        assertThat(Architecture.ARM64.memfdCreateNumber()).isEqualTo(279);
        assertThat(Architecture.X86_64.finitModuleNumber()).isEqualTo(313);
        assertThat(Architecture.ARM64.finitModuleNumber()).isEqualTo(273);
        assertThat(Channels.class).isNotNull();
    }
}
