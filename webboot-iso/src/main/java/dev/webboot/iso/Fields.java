package dev.webboot.iso;

import java.nio.charset.Charset;

/**
 * Bounds-checked reads of fixed-width fields from a structure read into memory. Every accessor checks that the field
 * lies inside the structure and reports a violation as a {@link MalformedImageException} naming the image and the
 * absolute byte offset of the field.
 */
public final class Fields {
    private final String source;
    private final long baseOffset;
    private final byte[] bytes;
    private final int start;
    private final int length;

    /** A view of {@code bytes[start, start + length)}, which was read from {@code source} at {@code baseOffset}. */
    public Fields(String source, long baseOffset, byte[] bytes, int start, int length) {
        if (start < 0 || length < 0 || start > bytes.length - length) {
            throw new IndexOutOfBoundsException("view [" + start + ", +" + length + ") of " + bytes.length);
        }
        this.source = source;
        this.baseOffset = baseOffset;
        this.bytes = bytes;
        this.start = start;
        this.length = length;
    }

    public Fields(String source, long baseOffset, byte[] bytes) {
        this(source, baseOffset, bytes, 0, bytes.length);
    }

    public int length() {
        return length;
    }

    /** The absolute offset in the image of byte {@code at} of this view. */
    public long offsetOf(int at) {
        return baseOffset + at;
    }

    public String source() {
        return source;
    }

    /** A narrower view; fails unless {@code [at, at + len)} lies inside this one. */
    public Fields slice(int at, int len, String what) throws MalformedImageException {
        require(at, len, what);
        return new Fields(source, baseOffset + at, bytes, start + at, len);
    }

    /** Fails unless {@code [at, at + len)} lies inside this view. */
    public void require(int at, int len, String what) throws MalformedImageException {
        if (at < 0 || len < 0 || at > length - len) {
            throw malformed(Math.max(at, 0), what + " (" + len + " bytes) runs past the end of its structure");
        }
    }

    public MalformedImageException malformed(int at, String problem) {
        return new MalformedImageException(source, baseOffset + at, problem);
    }

    public int u8(int at) throws MalformedImageException {
        require(at, 1, "byte field");
        return bytes[start + at] & 0xff;
    }

    public int u16le(int at) throws MalformedImageException {
        require(at, 2, "16-bit field");
        int i = start + at;
        return (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8;
    }

    public int u16be(int at) throws MalformedImageException {
        require(at, 2, "16-bit field");
        int i = start + at;
        return (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
    }

    public long u32le(int at) throws MalformedImageException {
        require(at, 4, "32-bit field");
        int i = start + at;
        return (bytes[i] & 0xffL)
                | (bytes[i + 1] & 0xffL) << 8
                | (bytes[i + 2] & 0xffL) << 16
                | (bytes[i + 3] & 0xffL) << 24;
    }

    public long u32be(int at) throws MalformedImageException {
        require(at, 4, "32-bit field");
        int i = start + at;
        return (bytes[i] & 0xffL) << 24
                | (bytes[i + 1] & 0xffL) << 16
                | (bytes[i + 2] & 0xffL) << 8
                | (bytes[i + 3] & 0xffL);
    }

    /** A signed 64-bit little-endian field (callers check its range). */
    public long s64le(int at) throws MalformedImageException {
        require(at, 8, "64-bit field");
        return u32le(at) | u32le(at + 4) << 32;
    }

    /** A copy of {@code len} bytes. */
    public byte[] bytes(int at, int len) throws MalformedImageException {
        require(at, len, "byte string");
        byte[] copy = new byte[len];
        System.arraycopy(bytes, start + at, copy, 0, len);
        return copy;
    }

    public String string(int at, int len, Charset charset) throws MalformedImageException {
        require(at, len, "string");
        return new String(bytes, start + at, len, charset);
    }
}
