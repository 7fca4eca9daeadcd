package dev.webboot.net.dhcp;

import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link DhcpClient} behaves.
 *
 * @param timeout how long to try in all before giving up
 * @param firstRetransmit the wait for a reply before the first retransmission; each later wait doubles
 * @param maxRetransmit the longest wait between retransmissions
 * @param hostname the host name to send in option 12, if any
 * @param declineWait how long to wait after declining an address already in use before starting again
 */
public record DhcpSettings(
        Duration timeout,
        Duration firstRetransmit,
        Duration maxRetransmit,
        Optional<String> hostname,
        Duration declineWait) {
    public DhcpSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the DHCP timeout must be positive");
        }
        if (firstRetransmit.isNegative() || firstRetransmit.isZero() || maxRetransmit.compareTo(firstRetransmit) < 0) {
            throw new IllegalArgumentException("retransmission waits must be positive and increasing");
        }
    }

    /** 20 s in all, retransmissions after 2, 4, 8 and then every 16 s. */
    public static DhcpSettings defaults() {
        return new DhcpSettings(
                Duration.ofSeconds(20),
                Duration.ofSeconds(2),
                Duration.ofSeconds(16),
                Optional.empty(),
                Duration.ofSeconds(2));
    }

    public DhcpSettings withTimeout(Duration newTimeout) {
        return new DhcpSettings(newTimeout, firstRetransmit, maxRetransmit, hostname, declineWait);
    }

    public DhcpSettings withHostname(String newHostname) {
        return new DhcpSettings(timeout, firstRetransmit, maxRetransmit, Optional.of(newHostname), declineWait);
    }

    /** The timeout as people say it: {@code 20 s}, or {@code 1.5 s}. */
    String timeoutText() {
        long millis = timeout.toMillis();
        return (millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0)) + " s";
    }
}
