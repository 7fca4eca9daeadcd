package dev.webboot.net.bringup;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** Writes the resolver configuration ({@code resolv.conf(5)}) for the configured DNS servers. */
public final class ResolvConf {
    /** The C library reads at most three name servers (MAXNS). */
    private static final int MAX_NAMESERVERS = 3;

    private ResolvConf() {}

    /** The file's text: a comment naming its origin, the search domain, up to three name servers. */
    public static String text(String origin, List<Inet4Address> servers, Optional<String> domain) {
        StringBuilder out = new StringBuilder("# written by webboot from " + origin + "\n");
        domain.filter(d -> d.matches("[A-Za-z0-9.-]+"))
                .ifPresent(d -> out.append("search ").append(d).append('\n'));
        servers.stream().limit(MAX_NAMESERVERS).forEach(s -> out.append("nameserver ")
                .append(s.getHostAddress())
                .append('\n'));
        return out.toString();
    }

    /** Replaces {@code file} atomically (a new file renamed over it), so a reader never sees half of it. */
    public static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".resolv.conf.", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // A bind-mounted resolv.conf (as `ip netns exec` sets up) cannot be renamed over: write in place.
                Files.writeString(file, text, StandardCharsets.US_ASCII);
            }
            file.toFile().setReadable(true, false);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
