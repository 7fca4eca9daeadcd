package dev.webboot.net.internal.link;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@code NETLINK_ROUTE} socket that sends requests and collects acknowledgements and dump replies. */
public final class NetlinkSocket implements Closeable {
    private static final int NETLINK_ROUTE = 0;
    private static final long REPLY_TIMEOUT_MILLIS = 5_000;
    /** Stops a runaway dump: far more addresses than any machine webboot runs on has. */
    private static final int MAX_DUMP_MESSAGES = 100_000;

    private final NativeSocket socket;
    private final byte[] receiveBuffer = new byte[65536];
    private int sequence = (int) (System.nanoTime() & 0x7fffffff);

    private NetlinkSocket(NativeSocket socket) {
        this.socket = socket;
    }

    public static NetlinkSocket open() throws IOException {
        NativeSocket socket = NativeSocket.open(LibC.AF_NETLINK, LibC.SOCK_RAW, NETLINK_ROUTE, "rtnetlink socket");
        try {
            // sockaddr_nl: family, padding, port id 0 (the kernel assigns one), no multicast groups.
            socket.bind(ByteBuffer.allocate(12)
                    .order(ByteOrder.nativeOrder())
                    .putShort((short) LibC.AF_NETLINK)
                    .array());
            return new NetlinkSocket(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends a request with {@code NLM_F_ACK} and waits for the kernel's answer; a negative errno is thrown. */
    public void request(NetlinkMessage message, String what) throws IOException {
        int seq = ++sequence;
        socket.send(message.bytes(seq), message.bytes(seq).length, kernelAddress());
        for (Reply reply : receive(seq, false)) {
            if (reply.type() == NetlinkMessage.NLMSG_ERROR) {
                int error = reply.payload().getInt(0);
                if (error != 0) {
                    throw new IOException(what + ": " + Errno.describe(-error));
                }
                return;
            }
        }
        throw new IOException(what + ": the kernel did not acknowledge the request");
    }

    /** Sends a dump request and returns every reply message's payload (the family header and attributes). */
    public List<ByteBuffer> dump(NetlinkMessage message, String what) throws IOException {
        int seq = ++sequence;
        byte[] bytes = message.bytes(seq);
        socket.send(bytes, bytes.length, kernelAddress());
        List<ByteBuffer> payloads = new ArrayList<>();
        for (Reply reply : receive(seq, true)) {
            if (reply.type() == NetlinkMessage.NLMSG_ERROR) {
                int error = reply.payload().getInt(0);
                throw new IOException(what + ": " + Errno.describe(-error));
            }
            payloads.add(reply.payload());
        }
        return payloads;
    }

    private record Reply(int type, ByteBuffer payload) {}

    /** Reads replies to {@code seq} until an acknowledgement (or, for dumps, {@code NLMSG_DONE}). */
    private List<Reply> receive(int seq, boolean dump) throws IOException {
        List<Reply> replies = new ArrayList<>();
        while (replies.size() < MAX_DUMP_MESSAGES) {
            Optional<byte[]> datagram = socket.receive(receiveBuffer, REPLY_TIMEOUT_MILLIS);
            if (datagram.isEmpty()) {
                throw new IOException("the kernel did not answer a netlink request within 5 s");
            }
            ByteBuffer in = ByteBuffer.wrap(datagram.get()).order(ByteOrder.nativeOrder());
            while (in.remaining() >= NetlinkMessage.HEADER_LENGTH) {
                int start = in.position();
                int length = in.getInt(start);
                int type = in.getShort(start + 4) & 0xffff;
                int replySeq = in.getInt(start + 8);
                if (length < NetlinkMessage.HEADER_LENGTH || length > in.remaining()) {
                    throw new IOException("malformed netlink reply: message length " + length + " at offset " + start);
                }
                ByteBuffer payload = in.slice(
                                start + NetlinkMessage.HEADER_LENGTH, length - NetlinkMessage.HEADER_LENGTH)
                        .order(ByteOrder.nativeOrder());
                in.position(Math.min(in.limit(), start + ((length + 3) & ~3)));
                if (replySeq != seq) {
                    continue; // a late answer to an earlier request
                }
                if (type == NetlinkMessage.NLMSG_DONE) {
                    return replies;
                }
                if (type == NetlinkMessage.NLMSG_ERROR && payload.remaining() < 4) {
                    throw new IOException("malformed netlink error reply at offset " + start);
                }
                replies.add(new Reply(type, payload));
                if (type == NetlinkMessage.NLMSG_ERROR || !dump) {
                    return replies;
                }
            }
        }
        throw new IOException("netlink dump did not end after " + MAX_DUMP_MESSAGES + " messages");
    }

    private static byte[] kernelAddress() {
        return ByteBuffer.allocate(12)
                .order(ByteOrder.nativeOrder())
                .putShort((short) LibC.AF_NETLINK)
                .array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
