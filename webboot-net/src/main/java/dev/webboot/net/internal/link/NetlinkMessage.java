package dev.webboot.net.internal.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds one netlink request: the 16-byte {@code nlmsghdr}, a fixed family header and 4-byte aligned
 * {@code rtattr} attributes, all in the host's byte order as the kernel expects.
 */
public final class NetlinkMessage {
    public static final int HEADER_LENGTH = 16;
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;

    private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    /** Starts a message of {@code type} with {@code flags}; the length and sequence are filled in by {@link #bytes}. */
    public NetlinkMessage(int type, int flags) {
        buffer.putInt(0)
                .putShort((short) type)
                .putShort((short) flags)
                .putInt(0)
                .putInt(0);
    }

    public NetlinkMessage u8(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    public NetlinkMessage u16(int value) {
        ensure(2).putShort((short) value);
        return this;
    }

    public NetlinkMessage u32(int value) {
        ensure(4).putInt(value);
        return this;
    }

    /** Appends an attribute whose payload is {@code value}, padded to 4 bytes. */
    public NetlinkMessage attribute(int type, byte[] value) {
        align();
        ensure(4 + value.length + 3);
        buffer.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        align();
        return this;
    }

    /** Appends an attribute holding a host-order 32-bit number. */
    public NetlinkMessage attributeU32(int type, int value) {
        return attribute(
                type,
                ByteBuffer.allocate(4)
                        .order(ByteOrder.nativeOrder())
                        .putInt(value)
                        .array());
    }

    /** The finished message with its length and {@code sequence} filled in. */
    public byte[] bytes(int sequence) {
        align();
        byte[] out = Arrays.copyOf(buffer.array(), buffer.position());
        ByteBuffer header = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
        header.putInt(0, out.length);
        header.putInt(8, sequence);
        return out;
    }

    private void align() {
        while (buffer.position() % 4 != 0) {
            ensure(1).put((byte) 0);
        }
    }

    private ByteBuffer ensure(int more) {
        if (buffer.remaining() < more) {
            ByteBuffer bigger =
                    ByteBuffer.allocate(buffer.capacity() * 2 + more).order(ByteOrder.nativeOrder());
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }
}
