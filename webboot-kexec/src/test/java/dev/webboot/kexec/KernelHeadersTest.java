package dev.webboot.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelHeadersTest {
    @TempDir
    Path dir;

    @Test
    void debianKernelAgreesWithFile() throws IOException {
        DebianKernel kernel = DebianKernel.get();
        KernelHeader header = KernelHeaders.read(kernel.vmlinuz());
        assertThat(header.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(header.format()).isEqualTo("bzImage");
        assertThat(header.release()).isEqualTo(kernel.release);
        assertThat(header.compression()).isEqualTo("none");
        // file(1) prints the same version string from the same header field.
        String file = ExternalTools.run(
                        dir,
                        ExternalTools.require("file", "file").toString(),
                        "-b",
                        kernel.vmlinuz().toString())
                .stdoutText();
        assertThat(file).startsWith("Linux kernel x86 boot executable bzImage, version " + header.version() + ",");
        // Linux 6.1 speaks boot protocol 2.15 with a 64-bit entry that kexec_file_load can use.
        assertThat(header.bootProtocol()).isEqualTo("2.15");
        assertThat(header.flags())
                .contains("KERNEL_64", "CAN_BE_LOADED_ABOVE_4G", "EFI_HANDOVER_64", "EFI_KEXEC", "RELOCATABLE");
        assertThat(header.loadableByKexecFile()).isTrue();
        assertThat(header.maxCommandLine()).isEqualTo(2047);
    }

    /** An arm64 Image header as Documentation/arch/arm64/booting.rst lays it out. */
    static byte[] arm64Image(long flags, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x91005a4d); // "MZ" + add x13, x18, #0x16 (EFI stub)
        b.putInt(4, 0x14000000);
        b.putLong(8, 0); // text_offset
        b.putLong(16, size); // image_size
        b.putLong(24, flags);
        b.putInt(0x38, 0x644d5241);
        for (int i = 64; i < size; i++) {
            b.put(i, (byte) (i * 31));
        }
        return b.array();
    }

    @Test
    void arm64ImageRawAndCompressedWithTheRealTools() throws IOException {
        Path image = Files.write(dir.resolve("Image"), arm64Image(0b0010, 200_000));
        KernelHeader raw = KernelHeaders.read(image);
        assertThat(raw.architecture()).isEqualTo(Architecture.ARM64);
        assertThat(raw.format()).isEqualTo("Image");
        assertThat(raw.flags()).containsExactlyInAnyOrder("LITTLE_ENDIAN", "PAGE_SIZE_4K");
        assertThat(raw.loadableByKexecFile()).isTrue();
        assertThat(raw.version()).isEmpty();
        String[][] tools = {{"gzip", "gzip", "gzip"}, {"xz", "xz-utils", "xz"}, {"zstd", "zstd", "zstd"}};
        for (String[] tool : tools) {
            Path copy = Files.copy(image, dir.resolve("Image-" + tool[0]));
            ExternalTools.run(dir, ExternalTools.require(tool[0], tool[1]).toString(), "-k", "-q", copy.toString());
            Path compressed = dir.resolve(
                    copy.getFileName() + (tool[0].equals("gzip") ? ".gz" : tool[0].equals("xz") ? ".xz" : ".zst"));
            KernelHeader header = KernelHeaders.read(compressed);
            assertThat(header.compression()).isEqualTo(tool[2]);
            assertThat(header.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(header.flags()).isEqualTo(raw.flags());
        }
    }

    @Test
    void bigEndianArm64IsNotLoadable() throws IOException {
        KernelHeader header = KernelHeaders.parse("be", arm64Image(0b0111, 4096), 4096, "none");
        assertThat(header.flags()).containsExactlyInAnyOrder("BIG_ENDIAN", "PAGE_SIZE_64K");
        assertThat(header.loadableByKexecFile()).isFalse();
    }

    @Test
    void refusesWhatIsNotAKernel() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a kernel\n".repeat(100));
        assertThatThrownBy(() -> KernelHeaders.read(text))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageStartingWith(text + ": not a Linux kernel")
                .hasMessageContaining("at byte offset 0");
        Path module = DebianKernel.get().module("drivers/nvdimm/nd_e820.ko");
        assertThatThrownBy(() -> KernelHeaders.read(module)).hasMessageContaining("not a Linux kernel");
        Path gz = Files.write(dir.resolve("text.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        assertThatThrownBy(() -> KernelHeaders.read(gz)).hasMessageContaining("corrupt gzip data");
        assertThatThrownBy(() -> KernelHeaders.parse("tiny", new byte[10], 10, "none"))
                .hasMessageContaining("not a Linux kernel");
    }

    @Test
    void damagedX86HeadersAreNamedWithTheirOffset() throws IOException {
        byte[] head = Files.readAllBytes(DebianKernel.get().vmlinuz());
        byte[] noBootFlag = java.util.Arrays.copyOf(head, 0x4000);
        noBootFlag[0x1fe] = 0;
        assertThatThrownBy(() -> KernelHeaders.parse("k", noBootFlag, noBootFlag.length, "none"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessage("k: an x86 setup header without the 0xAA55 boot flag at byte offset 510");
        byte[] farVersion = java.util.Arrays.copyOf(head, 0x4000);
        farVersion[0x20e] = (byte) 0xff;
        farVersion[0x20f] = (byte) 0x7f;
        assertThatThrownBy(() -> KernelHeaders.parse("k", farVersion, farVersion.length, "none"))
                .hasMessageContaining("beyond the setup code at byte offset 526");
        byte[] truncated = java.util.Arrays.copyOf(head, 0x240);
        assertThatThrownBy(() -> KernelHeaders.parse("k", truncated, truncated.length, "none"))
                .isInstanceOf(MalformedImageException.class);
    }

    /** An EFI zboot image as drivers/firmware/efi/libstub/zboot-header.S lays out its first 64 bytes. */
    static byte[] zboot(byte[] payload, String type) {
        ByteBuffer b = ByteBuffer.allocate(64 + payload.length + 512).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z');
        b.put(4, "zimg".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.putInt(8, 64);
        b.putInt(12, payload.length);
        b.put(24, type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put(64, payload);
        return b.array(); // the 512 bytes after the payload stand for the EFI decompressor's code
    }

    @Test
    void efiZbootPayloadIsUnwrapped() throws IOException {
        Path image = Files.write(dir.resolve("Image"), arm64Image(0b0010, 150_000));
        ExternalTools.run(dir, ExternalTools.require("gzip", "gzip").toString(), "-k", "-9", image.toString());
        ExternalTools.run(dir, ExternalTools.require("zstd", "zstd").toString(), "-q", "-k", image.toString());
        for (String[] kind :
                new String[][] {{"Image.gz", "gzip", "zboot+gzip"}, {"Image.zst", "zstd22", "zboot+zstd"}}) {
            Path efi = Files.write(
                    dir.resolve("vmlinuz-" + kind[1] + ".efi"),
                    zboot(Files.readAllBytes(dir.resolve(kind[0])), kind[1]));
            KernelHeader header = KernelHeaders.read(efi);
            assertThat(header.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(header.compression()).isEqualTo(kind[2]);
            assertThat(header.flags()).contains("LITTLE_ENDIAN", "PAGE_SIZE_4K");
        }
        Path lz4 = Files.write(dir.resolve("vmlinuz-lz4.efi"), zboot(new byte[100], "lz4"));
        assertThatThrownBy(() -> KernelHeaders.read(lz4))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("compressed with 'lz4'");
    }

    @Test
    void efiZbootIsNamed() {
        byte[] zboot = new byte[512];
        zboot[0] = 'M';
        zboot[1] = 'Z';
        System.arraycopy("zimg".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, zboot, 4, 4);
        assertThatThrownBy(() -> KernelHeaders.parse("vmlinuz.efi", zboot, zboot.length, "none"))
                .hasMessageContaining("EFI zboot");
    }
}
