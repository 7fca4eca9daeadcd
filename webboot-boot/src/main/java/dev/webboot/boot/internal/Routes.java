package dev.webboot.boot.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the kernel's IPv4 routing table ({@code /proc/net/route}) to tell whether the network is already up. */
final class Routes {
    private static final int RTF_UP = 0x1;
    private static final int MAX_LINES = 10_000;

    private Routes() {}

    /** Whether an IPv4 default route that is up exists (a missing table counts as none). */
    static boolean hasDefaultRoute(Path machineRoot) throws IOException {
        Path table = machineRoot.resolve("proc/net/route");
        if (!Files.exists(table)) {
            return false;
        }
        List<String> lines;
        try (var reader = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
            lines = reader.lines().limit(MAX_LINES).toList();
        }
        return hasDefaultRoute(lines);
    }

    /** The lines of {@code /proc/net/route}: header, then {@code Iface Destination Gateway Flags ...} in hex. */
    static boolean hasDefaultRoute(List<String> lines) {
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8) {
                continue;
            }
            try {
                long destination = Long.parseLong(fields[1], 16);
                int flags = Integer.parseInt(fields[3], 16);
                long mask = Long.parseLong(fields[7], 16);
                if (destination == 0 && mask == 0 && (flags & RTF_UP) != 0) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return false;
    }
}
