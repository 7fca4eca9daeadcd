package dev.webboot.net.dhcp;

/** The DHCP option codes webboot sends or reads (RFC 2132, RFC 3396, RFC 2939). */
public final class DhcpOption {
    private DhcpOption() {}

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS_SERVERS = 6;
    public static final int HOSTNAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int INTERFACE_MTU = 26;
    public static final int BROADCAST_ADDRESS = 28;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS = 60;
    public static final int CLIENT_ID = 61;
    public static final int END = 255;
}
