package dev.webboot.net.wifi;

import dev.webboot.net.bringup.NetworkBringUp;
import dev.webboot.net.bringup.NetworkConfiguration;
import dev.webboot.net.dhcp.DhcpSettings;
import dev.webboot.net.link.LinkInfo;
import dev.webboot.net.link.Links;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Joins a Wi-Fi network and brings the link up: wpa_supplicant started on the link, associated with the network,
 * then left running (so the link stays associated after this program moves on), then a DHCP lease and resolv.conf.
 * The one implementation of "connect to Wi-Fi" that the menu and {@code webboot wifi connect} share.
 *
 * @param wpaSupplicant the wpa_supplicant program
 * @param driver its driver ({@code nl80211}; {@code wired} for 802.1X on Ethernet)
 * @param runDir where its control socket lives
 * @param resolvConf the resolv.conf to write the lease's DNS servers to
 * @param joinTimeout how long the association may take
 * @param dhcp the DHCP client's settings
 */
public record WifiJoin(
        Path wpaSupplicant, String driver, Path runDir, Path resolvConf, Duration joinTimeout, DhcpSettings dhcp) {
    /** How long the link may take to report a carrier once associated. */
    private static final Duration CARRIER_WAIT = Duration.ofSeconds(5);

    public WifiJoin {
        Objects.requireNonNull(wpaSupplicant, "wpaSupplicant");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(resolvConf, "resolvConf");
        Objects.requireNonNull(joinTimeout, "joinTimeout");
        Objects.requireNonNull(dhcp, "dhcp");
    }

    /** Associates {@code link} with {@code network} and configures it by DHCP; wpa_supplicant keeps running. */
    public NetworkConfiguration join(LinkInfo link, WifiNetwork network) throws IOException {
        WpaSupplicant supplicant = WpaSupplicant.start(wpaSupplicant, link.name(), driver, runDir);
        try {
            supplicant.connect(network, joinTimeout);
        } catch (IOException | RuntimeException e) {
            supplicant.close();
            throw e;
        }
        // wpa_supplicant must outlive this program to keep the link associated while the download runs.
        supplicant.detach();
        return new NetworkBringUp(Links.system(), resolvConf, dhcp, CARRIER_WAIT).dhcp(Optional.of(link.name()));
    }
}
