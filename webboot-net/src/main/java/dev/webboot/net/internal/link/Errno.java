package dev.webboot.net.internal.link;

/** Plain descriptions of the errno values the network code meets, so failure sentences read well. */
public final class Errno {
    private Errno() {}

    public static String describe(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted (run as root)";
            case 2 -> "no such file or directory";
            case 13 -> "permission denied (run as root)";
            case 17 -> "already exists";
            case 19 -> "no such device";
            case 22 -> "invalid argument";
            case 93 -> "protocol not supported";
            case 97 -> "address family not supported";
            case 98 -> "address already in use";
            case 99 -> "cannot assign requested address";
            case 100 -> "network is down";
            case 101 -> "network is unreachable";
            case 111 -> "connection refused";
            default -> "errno " + errno;
        };
    }
}
