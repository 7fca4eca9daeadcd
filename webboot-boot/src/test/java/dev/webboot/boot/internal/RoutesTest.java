package dev.webboot.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /proc/net/route} as the kernel writes it. */
class RoutesTest {
    private static final String HEADER =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    @Test
    void aDefaultRouteIsDestinationAndMaskZeroAndUp() {
        assertThat(Routes.hasDefaultRoute(List.of(
                        HEADER,
                        "eth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                        "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0")))
                .isTrue();
        assertThat(Routes.hasDefaultRoute(
                        List.of(HEADER, "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0")))
                .isFalse();
        assertThat(Routes.hasDefaultRoute(
                        List.of(HEADER, "eth0\t00000000\t0202000A\t0002\t0\t0\t0\t00000000\t0\t0\t0")))
                .as("not up")
                .isFalse();
        assertThat(Routes.hasDefaultRoute(List.of(HEADER, "short line", "eth0\tzz\t0\t1\t0\t0\t0\t0")))
                .isFalse();
    }

    @Test
    void aMachineWithoutTheTableHasNoRoute(@TempDir Path dir) throws Exception {
        assertThat(Routes.hasDefaultRoute(dir)).isFalse();
        Files.createDirectories(dir.resolve("proc/net"));
        Files.writeString(
                dir.resolve("proc/net/route"),
                HEADER + "\n" + "eth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        assertThat(Routes.hasDefaultRoute(dir)).isTrue();
    }
}
