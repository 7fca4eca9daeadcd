package dev.webboot.net.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads the network interfaces from sysfs ({@code /sys/class/net}). */
public final class Links {
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;
    private static final int ARPHRD_IEEE80211 = 801;
    private static final int IFF_UP = 1;

    private final Path classNet;

    /** Reads {@code classNet} (normally {@code /sys/class/net}). */
    public Links(Path classNet) {
        this.classNet = classNet;
    }

    /** The running system's interfaces. */
    public static Links system() {
        return new Links(Path.of("/sys/class/net"));
    }

    /** Every interface, ordered by kernel index. */
    public List<LinkInfo> list() throws IOException {
        List<LinkInfo> links = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(classNet)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry.resolve("ifindex"))) {
                    links.add(read(entry));
                }
            }
        }
        links.sort(Comparator.comparingInt(LinkInfo::index));
        return links;
    }

    /** The named interface, or empty when there is none. */
    public Optional<LinkInfo> find(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        Path entry = classNet.resolve(name);
        return Files.isRegularFile(entry.resolve("ifindex")) ? Optional.of(read(entry)) : Optional.empty();
    }

    /** The named interface; fails with a sentence listing the interfaces that exist when there is none. */
    public LinkInfo require(String name) throws IOException {
        Optional<LinkInfo> link = find(name);
        if (link.isPresent()) {
            return link.get();
        }
        List<String> names = list().stream().map(LinkInfo::name).toList();
        throw new NetworkException("no network interface " + name + " (there are: " + String.join(", ", names) + ")");
    }

    private static LinkInfo read(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        int arpType = number(dir.resolve("type")).orElse(-1);
        boolean wireless = Files.isDirectory(dir.resolve("wireless")) || Files.exists(dir.resolve("phy80211"));
        String type =
                switch (arpType) {
                    case ARPHRD_LOOPBACK -> "loopback";
                    case ARPHRD_ETHER -> wireless ? "wireless" : "ether";
                    case ARPHRD_IEEE80211 -> "wireless";
                    default -> "arphrd-" + arpType;
                };
        int flags = hex(dir.resolve("flags")).orElse(0);
        String driver = "";
        Path driverLink = dir.resolve("device/driver");
        if (Files.isSymbolicLink(driverLink)) {
            Path target = Files.readSymbolicLink(driverLink).getFileName();
            driver = target == null ? "" : target.toString();
        }
        return new LinkInfo(
                name,
                number(dir.resolve("ifindex")).orElse(0),
                text(dir.resolve("address")).orElse(""),
                type,
                (flags & IFF_UP) != 0,
                number(dir.resolve("carrier")).orElse(0) == 1,
                wireless,
                driver,
                number(dir.resolve("mtu")).orElse(0),
                text(dir.resolve("operstate")).orElse("unknown"));
    }

    /** A sysfs attribute's trimmed text; empty when it cannot be read (carrier of a down link fails with EINVAL). */
    private static Optional<String> text(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> number(Path file) {
        try {
            return text(file).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> hex(Path file) {
        try {
            return text(file).map(s -> Integer.parseUnsignedInt(s.startsWith("0x") ? s.substring(2) : s, 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
