package dev.webboot.net.dhcp;

import java.util.Optional;

/** The values of option 53, DHCP message type (RFC 2132 section 9.6). */
public enum DhcpMessageType {
    DISCOVER(1),
    OFFER(2),
    REQUEST(3),
    DECLINE(4),
    ACK(5),
    NAK(6),
    RELEASE(7),
    INFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<DhcpMessageType> of(int code) {
        for (DhcpMessageType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
