package dev.webboot.cli.menu;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.net.wifi.WifiNetwork;
import dev.webboot.net.wifi.WifiScanResult;
import java.util.List;

/** What the menu needs from the machine: the catalog, the network, Wi-Fi, and the boot flow. */
public interface MenuBackend {
    Catalog catalog() throws Exception;

    /** The network interfaces with their addresses. */
    List<NetworkLink> links() throws Exception;

    /** Scans for Wi-Fi networks on {@code interfaceName}, strongest first. */
    List<WifiScanResult> scan(String interfaceName) throws Exception;

    /** Joins {@code network} on {@code interfaceName} and configures it by DHCP; returns the address obtained. */
    String connect(String interfaceName, WifiNetwork network) throws Exception;

    /** Runs the boot flow; returns only when no kexec was executed (a dry run), else the machine is gone. */
    BootSummary boot(BootChoice choice, BootEvents events) throws Exception;
}
