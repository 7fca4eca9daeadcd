package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webboot net up} against Debian's dnsmasq, each in its own network namespace joined by a veth pair: the
 * address, default route, MTU and DNS server must be what dnsmasq handed out, read back with iproute2 and from
 * dnsmasq's own lease file.
 */
class NetUpNamespaceTest {
    @TempDir
    Path dir;

    @Test
    void dhcpLeaseFromDnsmasqIsConfiguredInTheNamespace() throws Exception {
        try (NamespacePair net = new NamespacePair(dir)) {
            Path leases = net.startDnsmasq();
            Path resolvConf = dir.resolve("resolv.conf");
            ExternalTools.Result result =
                    net.webboot("net", "up", "-i", "veth1", "--json", "--resolv-conf", resolvConf.toString());
            assertThat(result.exitCode()).as(result.stderr()).isZero();

            Matcher json = Pattern.compile(
                            "\\{\"interface\":\"veth1\",\"address\":\"(10\\.99\\.0\\.(\\d+))/24\",\"router\":\"10\\.99\\.0\\.1\","
                                    + "\"dns\":\\[\"10\\.99\\.0\\.53\"\\],\"domain\":\"webboot\\.test\",\"source\":\"dhcp\"\\}\n")
                    .matcher(result.stdoutText());
            assertThat(json.matches()).as(result.stdoutText()).isTrue();
            String address = json.group(1);
            assertThat(Integer.parseInt(json.group(2))).isBetween(100, 150);

            // What the kernel in the client namespace has now.
            assertThat(net.ipIn(net.client, "-4", "-o", "addr", "show", "dev", "veth1"))
                    .contains("inet " + address + "/24 brd 10.99.0.255 scope global veth1");
            assertThat(net.ipIn(net.client, "route", "show", "default")).contains("default via 10.99.0.1 dev veth1");
            assertThat(net.ipIn(net.client, "-o", "link", "show", "dev", "veth1"))
                    .contains("state UP")
                    .contains("mtu 1400");
            assertThat(net.ipIn(net.client, "-o", "link", "show", "dev", "lo")).contains("LOOPBACK,UP");
            // What dnsmasq believes it leased, to whom.
            assertThat(Files.readString(leases)).contains(NamespacePair.CLIENT_MAC + " " + address + " ");
            assertThat(Files.readString(resolvConf))
                    .isEqualTo("# written by webboot from the DHCP lease of veth1 from 10.99.0.1\n"
                            + "search webboot.test\nnameserver 10.99.0.53\n");
            assertThat(Files.readString(net.dnsmasqLog())).contains("DHCPACK(veth0) " + address);
        }
    }

    @Test
    void noDhcpServerFailsWithTheTimeoutSentence() {
        try (NamespacePair net = new NamespacePair(dir)) {
            ExternalTools.Result result = net.webboot(
                    "net",
                    "up",
                    "-i",
                    "veth1",
                    "--timeout",
                    "3",
                    "--resolv-conf",
                    dir.resolve("r").toString());
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr())
                    .contains("webboot: DHCP: no offer on veth1 after 3 s: is a DHCP server on this network?\n");
            assertThat(result.stdoutText()).isEmpty();
            assertThat(dir.resolve("r")).doesNotExist();
            assertThat(net.ipIn(net.client, "-4", "-o", "addr", "show", "dev", "veth1"))
                    .isEmpty();
        }
    }

    @Test
    void aLinkWithoutCarrierSaysSo() {
        try (NamespacePair net = new NamespacePair(dir)) {
            net.ipIn(net.server, "link", "set", "veth0", "down");
            ExternalTools.Result result = net.webboot("net", "up", "-i", "veth1", "--timeout", "3");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("webboot: no carrier on veth1: is the cable plugged in?\n");
        }
    }

    @Test
    void automaticChoiceFindsTheWiredInterfaceWithCarrier() throws Exception {
        try (NamespacePair net = new NamespacePair(dir)) {
            net.startDnsmasq();
            ExternalTools.Result result = net.webboot(
                    "net", "up", "--json", "--resolv-conf", dir.resolve("r").toString());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdoutText()).startsWith("{\"interface\":\"veth1\",\"address\":\"10.99.0.");
        }
    }

    @Test
    void anAddressAnotherMachineHoldsIsDeclined() throws Exception {
        try (NamespacePair net = new NamespacePair(dir)) {
            // The server's own kernel answers ARP for 10.99.0.120, which dnsmasq reserves for our MAC.
            net.ipIn(net.server, "addr", "add", "10.99.0.120/24", "dev", "veth0");
            net.startDnsmasq("--dhcp-host=" + NamespacePair.CLIENT_MAC + ",10.99.0.120");
            ExternalTools.Result result = net.webboot(
                    "net",
                    "up",
                    "-i",
                    "veth1",
                    "--json",
                    "--resolv-conf",
                    dir.resolve("r").toString());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr())
                    .contains("DHCP: the address 10.99.0.120 offered on veth1 is already used by another machine:"
                            + " declining it");
            Matcher json =
                    Pattern.compile("\"address\":\"10\\.99\\.0\\.(\\d+)/24\"").matcher(result.stdoutText());
            assertThat(json.find()).as(result.stdoutText()).isTrue();
            assertThat(Integer.parseInt(json.group(1))).isBetween(100, 150).isNotEqualTo(120);
            assertThat(Files.readString(net.dnsmasqLog()))
                    .contains("DHCPDECLINE(veth0) 10.99.0.120 " + NamespacePair.CLIENT_MAC + " address in use");
            assertThat(net.ipIn(net.client, "-4", "-o", "addr", "show", "dev", "veth1"))
                    .contains("inet 10.99.0." + json.group(1) + "/24")
                    .doesNotContain("10.99.0.120");
        }
    }

    @Test
    void automaticChoiceMovesOnWhenTheFirstInterfaceGetsNoLease() throws Exception {
        try (NamespacePair net = new NamespacePair(dir)) {
            net.addSecondPair();
            net.startDnsmasqOn("veth2", "10.99.1", "--no-ping"); // answer at once: the 3 s are for veth1
            ExternalTools.Result result = net.webboot(
                    "net",
                    "up",
                    "--timeout",
                    "3",
                    "--json",
                    "--resolv-conf",
                    dir.resolve("r").toString());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).contains("DHCP: no offer on veth1 after 3 s");
            assertThat(result.stdoutText()).startsWith("{\"interface\":\"veth3\",\"address\":\"10.99.1.");
            assertThat(net.ipIn(net.client, "route", "show", "default")).contains("default via 10.99.1.1 dev veth3");
        }
    }

    @Test
    void staticConfigurationIsApplied() throws Exception {
        try (NamespacePair net = new NamespacePair(dir)) {
            Path resolvConf = dir.resolve("resolv.conf");
            ExternalTools.Result result = net.webboot(
                    "net",
                    "up",
                    "-i",
                    "veth1",
                    "--static",
                    "10.99.0.7/24",
                    "--gateway",
                    "10.99.0.1",
                    "--dns",
                    "10.99.0.53",
                    "--dns",
                    "10.99.0.54",
                    "--json",
                    "--resolv-conf",
                    resolvConf.toString());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdoutText())
                    .isEqualTo("{\"interface\":\"veth1\",\"address\":\"10.99.0.7/24\",\"router\":\"10.99.0.1\","
                            + "\"dns\":[\"10.99.0.53\",\"10.99.0.54\"],\"domain\":null,\"source\":\"static\"}\n");
            assertThat(net.ipIn(net.client, "-4", "-o", "addr", "show", "dev", "veth1"))
                    .contains("inet 10.99.0.7/24 brd 10.99.0.255 scope global veth1");
            assertThat(net.ipIn(net.client, "route", "show", "default")).contains("default via 10.99.0.1 dev veth1");
            assertThat(Files.readString(resolvConf)).contains("nameserver 10.99.0.53\nnameserver 10.99.0.54\n");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Main.execute("net", "up", "--dns", "10.0.0.1")).isEqualTo(2);
        assertThat(Main.execute("net", "up", "--static", "10.0.0.1")).isEqualTo(2);
        assertThat(Main.execute("net", "up", "--static", "10.0.0.300/24")).isEqualTo(2);
    }

    @Test
    void netLsAgreesWithIproute2() {
        try (NamespacePair net = new NamespacePair(dir)) {
            net.ipIn(net.client, "link", "set", "veth1", "up");
            net.ipIn(net.client, "addr", "add", "10.99.0.9/24", "dev", "veth1");
            ExternalTools.Result result = net.webboot("net", "ls", "--json");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            String ipLink = net.ipIn(net.client, "-o", "link");
            String[] lines = result.stdoutText().split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("{\"name\":\"lo\",\"index\":1,").contains("\"type\":\"loopback\"");
            Matcher veth = Pattern.compile("(\\d+): veth1@\\S+ <([^>]*)> mtu (\\d+) .* link/ether (\\S+) ")
                    .matcher(ipLink);
            assertThat(veth.find()).as(ipLink).isTrue();
            assertThat(lines[1])
                    .isEqualTo("{\"name\":\"veth1\",\"index\":" + veth.group(1) + ",\"mac\":\"" + veth.group(4)
                            + "\",\"type\":\"ether\",\"up\":true,\"carrier\":true,\"wireless\":false,\"driver\":\"\","
                            + "\"mtu\":" + veth.group(3) + ",\"operstate\":\"up\",\"addresses\":[\"10.99.0.9/24\"]}");
            assertThat(veth.group(2)).contains("UP").contains("LOWER_UP");
        }
    }
}
