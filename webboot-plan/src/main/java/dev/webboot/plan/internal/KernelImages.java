package dev.webboot.plan.internal;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.kexec.KernelHeader;
import dev.webboot.kexec.KernelHeaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the version string an x86 Linux kernel image carries in its boot-protocol header ({@code HdrS} at 0x202, the
 * {@code kernel_version} pointer at 0x20E, the string at that pointer + 0x200), so that a driver patch can name the
 * modules' kernel version without unpacking anything.
 */
public final class KernelImages {
    private static final int HEADER_END = 0x210;
    private static final int MAX_VERSION = 256;

    private KernelImages() {}

    /** Whether the file starts like an x86 bzImage: {@code HdrS} at 0x202, boot protocol 2.00 or later. */
    public static boolean isBzImage(Path kernel) throws IOException {
        if (!Files.isRegularFile(kernel)) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(kernel)) {
            ByteBuffer header = read(channel, 0, HEADER_END);
            if (header.remaining() < HEADER_END) {
                return false;
            }
            header.order(ByteOrder.LITTLE_ENDIAN);
            return header.getInt(0x202) == 0x53726448 && (header.getShort(0x206) & 0xffff) >= 0x0200;
        }
    }

    /**
     * Why {@code kexec_file_load} would refuse this kernel, as a phrase following the kernel's path, or empty when its
     * header says it can be loaded: kexec's own rule ({@link KernelHeader#kexecFileRefusal()}), read before any
     * download. Call only for a file {@link #isBzImage} accepts.
     */
    public static Optional<String> kexecRefusal(Path kernel) throws IOException {
        KernelHeader header;
        try {
            header = KernelHeaders.read(kernel);
        } catch (MalformedImageException e) {
            return Optional.of("has a damaged kernel header (" + e.problem() + " at byte " + e.offset() + ")");
        }
        return header.kexecFileRefusal().map(refusal -> refusal + ", and " + KernelHeader.KEXEC_FILE_NEEDS);
    }

    /** The kernel's release ({@code 6.1.0-26-amd64}), or empty when the file is not a bzImage that says. */
    public static Optional<String> version(Path kernel) throws IOException {
        if (!Files.isRegularFile(kernel)) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(kernel)) {
            ByteBuffer header = read(channel, 0, HEADER_END);
            if (header.remaining() < HEADER_END) {
                return Optional.empty();
            }
            header.order(ByteOrder.LITTLE_ENDIAN);
            if (header.getInt(0x202) != 0x53726448 || (header.getShort(0x206) & 0xffff) < 0x0200) {
                return Optional.empty();
            }
            int pointer = header.getShort(0x20E) & 0xffff;
            if (pointer == 0) {
                return Optional.empty();
            }
            long at = pointer + 0x200L;
            if (at >= channel.size()) {
                return Optional.empty();
            }
            ByteBuffer text = read(channel, at, MAX_VERSION);
            StringBuilder version = new StringBuilder();
            while (text.hasRemaining()) {
                byte b = text.get();
                if (b == 0 || b == ' ') {
                    break;
                }
                if (b < 0x21 || b > 0x7e) {
                    return Optional.empty();
                }
                version.append((char) b);
            }
            return version.length() == 0 ? Optional.empty() : Optional.of(version.toString());
        }
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // keep reading until full or end of file
        }
        buffer.flip();
        return buffer;
    }
}
