package dev.webboot.net.internal.link;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few socket calls of the C library that the JDK does not offer: netlink, packet and Unix datagram sockets, and
 * {@code SO_BINDTODEVICE}. Structures are passed as byte arrays laid out by {@link SocketAddresses}; {@code size_t}
 * is a Java {@code long}, which is right on the 64-bit Linux targets webboot runs on.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_UNIX = 1;
    int AF_INET = 2;
    int AF_NETLINK = 16;
    int AF_PACKET = 17;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_REUSEADDR = 2;
    int SO_BROADCAST = 6;
    int SO_RCVBUF = 8;
    int SO_BINDTODEVICE = 25;
    short POLLIN = 1;
    int EINTR = 4;
    int EAGAIN = 11;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

    long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    int poll(byte[] fds, long count, int timeoutMillis) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
