package dev.webboot.net.dhcp;

import java.io.IOException;
import java.net.Inet4Address;

/** Checks, before an address is used, whether another machine on the link already has it (RFC 5227). */
@FunctionalInterface
public interface AddressProbe {
    /** True when some other host answered for {@code address}. */
    boolean inUse(Inet4Address address) throws IOException;
}
