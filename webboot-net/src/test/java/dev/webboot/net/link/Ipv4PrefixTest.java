package dev.webboot.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4PrefixTest {
    @Test
    void parsesPrintsAndComputesTheBroadcast() {
        Ipv4Prefix prefix = Ipv4Prefix.parse("192.168.1.20/24");
        assertThat(prefix.toString()).isEqualTo("192.168.1.20/24");
        assertThat(prefix.broadcast().getHostAddress()).isEqualTo("192.168.1.255");
        assertThat(Ipv4Prefix.parse("10.1.2.3/8").broadcast().getHostAddress()).isEqualTo("10.255.255.255");
        assertThat(Ipv4Prefix.parse("10.1.2.3/32").broadcast().getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(prefix.contains(Ipv4Prefix.parseAddress("192.168.1.1"))).isTrue();
        assertThat(prefix.contains(Ipv4Prefix.parseAddress("192.168.2.1"))).isFalse();
        assertThat(Ipv4Prefix.parse("0.0.0.0/0").contains(Ipv4Prefix.parseAddress("8.8.8.8")))
                .isTrue();
    }

    @Test
    void netmasksBecomePrefixLengths() {
        assertThat(Ipv4Prefix.lengthOfNetmask(Ipv4Prefix.parseAddress("255.255.255.0")))
                .isEqualTo(24);
        assertThat(Ipv4Prefix.lengthOfNetmask(Ipv4Prefix.parseAddress("255.255.252.0")))
                .isEqualTo(22);
        assertThat(Ipv4Prefix.lengthOfNetmask(Ipv4Prefix.parseAddress("0.0.0.0")))
                .isZero();
        assertThat(Ipv4Prefix.lengthOfNetmask(Ipv4Prefix.parseAddress("255.255.255.255")))
                .isEqualTo(32);
        assertThatThrownBy(() -> Ipv4Prefix.lengthOfNetmask(Ipv4Prefix.parseAddress("255.0.255.0")))
                .hasMessage("netmask 255.0.255.0 is not contiguous");
    }

    @Test
    void refusesAnythingButDottedQuads() {
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.1")).hasMessageContaining("not an address/prefix");
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.1/33")).hasMessageContaining("not between 0 and 32");
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.256/24")).hasMessageContaining("256 is not between");
        assertThatThrownBy(() -> Ipv4Prefix.parseAddress("example.com")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Ipv4Prefix.parseAddress("1.2.3")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Ipv4Prefix.parseAddress("1.2.3.+4")).hasMessageContaining("not an IPv4 address");
    }
}
