package dev.webboot.iso.internal.initramfs;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lzo.LzoDecompressor;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * One lzop file, the framing of the kernel's {@code unlzo}: a header (magic, versions, method, flags, mode, mtime,
 * name, header checksum), then blocks of at most 256 KiB, each with its lengths and optional checksums, ended by a
 * zero length. LZO1X blocks are decoded by aircompressor; stored blocks are copied. Checksums of the decoded data
 * are verified when present (the kernel skips them).
 */
final class LzopInputStream extends BlockDecodingInputStream {
    private static final byte[] MAGIC = {(byte) 0x89, 'L', 'Z', 'O', 0, '\r', '\n', 0x1a, '\n'};
    private static final int MAX_BLOCK = 256 * 1024;
    private static final int F_ADLER32_D = 0x1;
    private static final int F_ADLER32_C = 0x2;
    private static final int F_H_EXTRA_FIELD = 0x40;
    private static final int F_CRC32_D = 0x100;
    private static final int F_CRC32_C = 0x200;
    private static final int F_H_FILTER = 0x800;
    private static final int F_H_CRC32 = 0x1000;

    private final SourceInputStream in;
    private final LzoDecompressor decompressor = new LzoDecompressor();
    private final int flags;
    private final byte[] compressed = new byte[MAX_BLOCK];
    private final byte[] block = new byte[MAX_BLOCK];

    LzopInputStream(SourceInputStream in) throws IOException {
        this.in = in;
        for (byte expected : MAGIC) {
            if (u8() != (expected & 0xff)) {
                throw new IOException("lzop magic missing");
            }
        }
        int version = u16();
        u16(); // library version
        if (version >= 0x0940) {
            int needed = u16();
            if (needed > 0x1040) {
                throw new IOException("lzop version " + Integer.toHexString(needed) + " is needed to extract");
            }
        }
        int method = u8();
        if (method < 1 || method > 3) {
            throw new IOException("lzop method " + method + " is not LZO1X");
        }
        if (version >= 0x0940) {
            u8(); // level
        }
        flags = (int) u32();
        if ((flags & F_H_FILTER) != 0) {
            throw new IOException("lzop filters are not supported");
        }
        u32(); // mode
        u32(); // mtime low
        if (version >= 0x0940) {
            u32(); // mtime high
        }
        int nameLength = u8();
        for (int i = 0; i < nameLength; i++) {
            u8();
        }
        u32(); // header checksum
        if ((flags & F_H_EXTRA_FIELD) != 0) {
            long extra = u32();
            if (extra > MAX_BLOCK) {
                throw new IOException("lzop extra field of " + extra + " bytes");
            }
            in.skipNBytes(extra);
            u32();
        }
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("lzop data ends early");
        }
        return b;
    }

    private int u16() throws IOException {
        return u8() << 8 | u8();
    }

    private long u32() throws IOException {
        return (long) u16() << 16 | u16();
    }

    @Override
    protected boolean nextBlock() throws IOException {
        long decodedLength = u32();
        if (decodedLength == 0) {
            return false;
        }
        if (decodedLength > MAX_BLOCK) {
            throw new IOException("lzop block of " + decodedLength + " bytes exceeds 256 KiB");
        }
        long storedLength = u32();
        if (storedLength == 0 || storedLength > decodedLength) {
            throw new IOException("lzop block stores " + storedLength + " bytes for " + decodedLength);
        }
        Long adler = (flags & F_ADLER32_D) != 0 ? u32() : null;
        Long crc = (flags & F_CRC32_D) != 0 ? u32() : null;
        if (storedLength < decodedLength) {
            if ((flags & F_ADLER32_C) != 0) {
                u32();
            }
            if ((flags & F_CRC32_C) != 0) {
                u32();
            }
        }
        int stored = (int) storedLength;
        if (in.readNBytes(compressed, 0, stored) != stored) {
            throw new EOFException("lzop data ends early");
        }
        int decoded = (int) decodedLength;
        if (stored == decoded) {
            System.arraycopy(compressed, 0, block, 0, decoded);
        } else {
            int n;
            try {
                n = decompressor.decompress(compressed, 0, stored, block, 0, decoded);
            } catch (MalformedInputException e) {
                throw new IOException("lzo block is corrupt: " + e.getMessage(), e);
            }
            if (n != decoded) {
                throw new IOException("lzo block decodes to " + n + " bytes, not " + decoded);
            }
        }
        verify(adler, new Adler32(), decoded, "Adler-32");
        verify(crc, new CRC32(), decoded, "CRC-32");
        deliver(block, decoded);
        return true;
    }

    private void verify(Long expected, Checksum checksum, int length, String name) throws IOException {
        if (expected != null) {
            checksum.update(block, 0, length);
            if (checksum.getValue() != expected) {
                throw new IOException("lzop block " + name + " mismatch");
            }
        }
    }
}
