package dev.webboot.iso.internal.initramfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newc ({@code 070701}) and crc ({@code 070702}) entries from one segment's cpio stream with the kernel's rules
 * ({@code init/initramfs.c}): headers start 4-byte aligned in the stream; a name is padded so that header + name ends
 * aligned, data is padded to 4; between entries any run of zero bytes is skipped, but the next header must start
 * aligned ("broken padding"); a name is 1 to PATH_MAX bytes and NUL-terminated; a symlink's target is at most
 * PATH_MAX bytes; with the crc format the byte sum of a regular file's data must equal the header's check field.
 *
 * <p>Data is skipped (or summed), never kept: memory does not depend on the archive.
 */
final class CpioStreamReader {
    static final int HEADER_LENGTH = 110;
    static final int PATH_MAX = 4096;

    private final InputStream in;
    /** Uncompressed segments end at a trailer or at a byte that is not a header; compressed streams at their end. */
    private final boolean uncompressed;
    /** Bytes of the stream left, when known (uncompressed segments), else -1. */
    private final long length;

    private final byte[] scratch = new byte[64 * 1024];
    private long offset;
    private int peeked = -1;
    private long endOfLastEntry;
    private boolean ended;

    CpioStreamReader(InputStream in, boolean uncompressed, long length) {
        this.in = in;
        this.uncompressed = uncompressed;
        this.length = length;
    }

    /** Offset in the stream of the next unread byte (a peeked byte counts as unread). */
    long offset() {
        return offset;
    }

    /** Offset just past the last complete entry (its padding included). */
    long endOfLastEntry() {
        return endOfLastEntry;
    }

    private int peek() throws IOException {
        if (peeked < 0) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int b = peek();
        if (b >= 0) {
            peeked = -1;
            offset++;
        }
        return b;
    }

    private void readFully(byte[] into, int len, String what) throws IOException {
        int at = 0;
        if (len > 0 && peeked >= 0) {
            into[at++] = (byte) read();
        }
        while (at < len) {
            int n = in.read(into, at, len - at);
            if (n < 0) {
                throw new CpioFormatException(offset, what + " is truncated");
            }
            at += n;
            offset += n;
        }
    }

    /** Reads and drops {@code count} bytes. */
    private void consume(long count, String what) throws IOException {
        consume(count, what, false);
    }

    /** Reads and drops {@code count} bytes, returning their byte sum (the crc format's checksum) when asked. */
    private long consume(long count, String what, boolean sum) throws IOException {
        long total = 0;
        long left = count;
        if (left > 0 && peeked >= 0) {
            total += read();
            left--;
        }
        while (left > 0 && !sum && in instanceof SourceInputStream) {
            // An uncompressed segment jumps over data without reading it (a decoder's skip would only read in
            // small pieces, so compressed data goes through the big scratch buffer below).
            long skipped = in.skip(left);
            if (skipped <= 0) {
                break;
            }
            left -= skipped;
            offset += skipped;
        }
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                throw new CpioFormatException(offset, what + " is truncated");
            }
            if (sum) {
                for (int i = 0; i < n; i++) {
                    total += scratch[i] & 0xff;
                }
            }
            left -= n;
            offset += n;
        }
        return total & 0xffffffffL;
    }

    /**
     * The next entry, or null at the end of this segment's cpio data: the end of the stream, or (uncompressed) a
     * trailer just read or a byte that does not start a header.
     */
    CpioHeader next() throws IOException {
        if (ended) {
            return null;
        }
        // Between entries: the kernel's Reset state.
        while (peek() == 0) {
            read();
        }
        int first = peek();
        if (first < 0) {
            ended = true;
            return null;
        }
        if ((offset & 3) != 0) {
            throw new CpioFormatException(offset, "broken padding: a header starts at an unaligned offset");
        }
        if (first != '0') {
            if (uncompressed) {
                ended = true;
                return null;
            }
            throw new CpioFormatException(offset, "junk within compressed archive");
        }
        long headerOffset = offset;
        byte[] header = new byte[HEADER_LENGTH];
        readFully(header, HEADER_LENGTH, "cpio header");
        String magic = new String(header, 0, 6, StandardCharsets.US_ASCII);
        boolean crc;
        if (magic.equals("070701")) {
            crc = false;
        } else if (magic.equals("070702")) {
            crc = true;
        } else if (magic.equals("070707")) {
            throw new CpioFormatException(headerOffset, "old binary-portable cpio format (070707): use -H newc");
        } else {
            throw new CpioFormatException(headerOffset, "no cpio magic");
        }
        long[] f = new long[13];
        for (int i = 0; i < 13; i++) {
            f[i] = hex(header, 6 + 8 * i, headerOffset);
        }
        long nameSize = f[11];
        long fileSize = f[6];
        long mode = f[1];
        if (nameSize < 1 || nameSize > PATH_MAX) {
            throw new CpioFormatException(headerOffset + 94, "name length " + nameSize + " is not 1 to " + PATH_MAX);
        }
        if (length >= 0 && nameSize > length - offset) {
            throw new CpioFormatException(
                    headerOffset + 94, "name length " + nameSize + " runs past the end of the archive");
        }
        if (length >= 0 && fileSize > length - offset - nameSize) {
            throw new CpioFormatException(
                    headerOffset + 54, "file size " + fileSize + " runs past the end of the archive");
        }
        byte[] nameBytes = new byte[(int) nameSize];
        long nameOffset = offset;
        readFully(nameBytes, nameBytes.length, "cpio name");
        if (nameBytes[nameBytes.length - 1] != 0) {
            throw new CpioFormatException(nameOffset, "name is not NUL-terminated");
        }
        int nul = 0;
        while (nameBytes[nul] != 0) {
            nul++;
        }
        String name = new String(nameBytes, 0, nul, StandardCharsets.UTF_8);
        consume(pad(offset), "cpio name padding");
        long dataOffset = offset;
        String target = "";
        int type = (int) (mode & 0170000);
        if (name.equals(CpioHeader.TRAILER)) {
            consume(fileSize, "cpio data");
        } else if (type == 0120000) {
            if (fileSize > PATH_MAX) {
                throw new CpioFormatException(
                        headerOffset + 54, "symlink target of " + fileSize + " bytes exceeds " + PATH_MAX);
            }
            byte[] targetBytes = new byte[(int) fileSize];
            readFully(targetBytes, targetBytes.length, "symlink target");
            int end = 0;
            while (end < targetBytes.length && targetBytes[end] != 0) {
                end++;
            }
            target = new String(targetBytes, 0, end, StandardCharsets.UTF_8);
        } else {
            long sum = consume(fileSize, "cpio data", crc && type == 0100000);
            if (crc && type == 0100000 && sum != f[12]) {
                throw new CpioFormatException(
                        dataOffset,
                        "bad data checksum for " + name + ": header says " + f[12] + ", data sums to " + sum);
            }
        }
        consume(pad(offset), "cpio data padding");
        endOfLastEntry = offset;
        CpioHeader entry = new CpioHeader(
                headerOffset,
                dataOffset,
                f[0],
                mode,
                f[2],
                f[3],
                f[4],
                f[5],
                fileSize,
                f[7],
                f[8],
                f[9],
                f[10],
                name,
                target,
                f[12],
                crc);
        if (uncompressed && entry.isTrailer()) {
            ended = true;
        }
        return entry;
    }

    /** Whether a byte was looked at but not consumed (it belongs to whatever follows this segment). */
    boolean hasPeeked() {
        return peeked >= 0;
    }

    private static long pad(long at) {
        return (4 - (at & 3)) & 3;
    }

    private static long hex(byte[] header, int at, long headerOffset) throws CpioFormatException {
        long value = 0;
        for (int i = at; i < at + 8; i++) {
            int c = header[i];
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                throw new CpioFormatException(headerOffset + i, "header field is not hexadecimal");
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
