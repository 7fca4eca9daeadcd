package dev.webboot.boot.internal;

import dev.webboot.boot.BootException;
import dev.webboot.boot.BootPhase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds where a file lives as the booted kernel will see it: the file system it is on (from
 * {@code /proc/self/mountinfo}), the file's path inside that file system, and the file system's UUID as blkid prints it
 * (from the {@code /dev/disk/by-uuid} links, else read from the file system's superblock: ext2/3/4 or FAT). That is what {@code findiso=}, {@code iso-scan/filename=} and {@code img_dev=} need.
 */
public final class FilesystemLocator {
    private static final int MAX_MOUNTS = 10_000;
    private static final int MAX_LINKS = 10_000;

    private final Path machineRoot;

    public FilesystemLocator(Path machineRoot) {
        this.machineRoot = machineRoot;
    }

    /**
     * Where a file is.
     *
     * @param mountPoint the mount point of its file system
     * @param pathInFilesystem the file's absolute path inside its file system
     * @param filesystemType the file system type ({@code ext4}, {@code vfat})
     * @param source the mounted device ({@code /dev/sdb1})
     * @param uuid the file system's UUID as blkid prints it
     */
    public record Location(
            String mountPoint, String pathInFilesystem, String filesystemType, String source, String uuid) {}

    /** One line of {@code /proc/self/mountinfo}. */
    record Mount(String majorMinor, String root, String mountPoint, String type, String source) {}

    /** Locates {@code file}, which must exist. */
    public Location locate(Path file) throws IOException {
        String real = file.toRealPath().toString();
        Mount mount = mountOf(real, mounts())
                .orElseThrow(() -> new BootException(
                        BootPhase.PLAN, real + ": no mount in /proc/self/mountinfo holds it (is /proc mounted?)"));
        String relative = real.substring(mount.mountPoint().length());
        if (!relative.startsWith("/")) {
            relative = "/" + relative;
        }
        String inFs = mount.root().equals("/") ? relative : mount.root() + relative;
        Optional<String> uuid = uuidOf(mount);
        if (uuid.isEmpty()) {
            throw new BootException(
                    BootPhase.PLAN,
                    real + ": the " + mount.type() + " file system on " + mount.source()
                            + " has no UUID the booted system could find it by; put the cache on a disk"
                            + " partition");
        }
        return new Location(mount.mountPoint(), inFs, mount.type(), mount.source(), uuid.get());
    }

    List<Mount> mounts() throws IOException {
        Path info = machineRoot.resolve("proc/self/mountinfo");
        List<String> lines;
        try (var reader = Files.newBufferedReader(info, StandardCharsets.UTF_8)) {
            lines = reader.lines().limit(MAX_MOUNTS).toList();
        }
        return parse(lines);
    }

    /** Parses mountinfo lines: {@code id parent maj:min root mountpoint options [optional...] - type source super}. */
    static List<Mount> parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            int dash = -1;
            for (int i = 6; i < fields.length; i++) {
                if (fields[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (fields.length < 7 || dash < 0 || dash + 2 >= fields.length) {
                continue;
            }
            mounts.add(new Mount(
                    fields[2],
                    unescape(fields[3]),
                    unescape(fields[4]),
                    unescape(fields[dash + 1]),
                    unescape(fields[dash + 2])));
        }
        return mounts;
    }

    /** The mount that holds {@code path}: the longest mount point above it, the later one when mounted over. */
    static Optional<Mount> mountOf(String path, List<Mount> mounts) {
        Mount best = null;
        for (Mount mount : mounts) {
            String point = mount.mountPoint();
            boolean above = point.equals("/")
                    || path.equals(point)
                    || (path.startsWith(point) && path.charAt(point.length()) == '/');
            if (above && (best == null || point.length() >= best.mountPoint().length())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    /** mountinfo writes space, tab, newline and backslash as {@code \ooo}. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    private Optional<String> uuidOf(Mount mount) throws IOException {
        Optional<String> linked = linkedUuid(mount);
        if (linked.isPresent()) {
            return linked;
        }
        if (!mount.source().startsWith("/")) {
            return Optional.empty(); // tmpfs, overlay, proc: nothing on a disk
        }
        Path device = machineRoot.resolve(mount.source().substring(1));
        if (!Files.exists(device)) {
            return Optional.empty();
        }
        return superblockUuid(device);
    }

    /** The {@code /dev/disk/by-uuid} link that points at the mount's device (same device number, or same path). */
    private Optional<String> linkedUuid(Mount mount) throws IOException {
        Path byUuid = machineRoot.resolve("dev/disk/by-uuid");
        if (!Files.isDirectory(byUuid)) {
            return Optional.empty();
        }
        int seen = 0;
        try (DirectoryStream<Path> links = Files.newDirectoryStream(byUuid)) {
            for (Path link : links) {
                if (++seen > MAX_LINKS) {
                    break;
                }
                Path target;
                try {
                    target = link.toRealPath();
                } catch (IOException e) {
                    continue; // a dangling link
                }
                Path source = mount.source().startsWith("/")
                        ? machineRoot.resolve(mount.source().substring(1))
                        : null;
                if ((source != null && Files.exists(source) && Files.isSameFile(source, target))
                        || majorMinor(target).map(mount.majorMinor()::equals).orElse(false)) {
                    return Optional.of(link.getFileName().toString());
                }
            }
        }
        return Optional.empty();
    }

    /** A block device's {@code major:minor}, from its {@code st_rdev}. */
    private static Optional<String> majorMinor(Path device) {
        try {
            Object rdev = Files.getAttribute(device, "unix:rdev");
            if (!(rdev instanceof Long value) || value == 0) {
                return Optional.empty();
            }
            long major = ((value >>> 8) & 0xfff) | ((value >>> 32) & ~0xfffL);
            long minor = (value & 0xff) | ((value >>> 12) & ~0xffL);
            return Optional.of(major + ":" + minor);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Reads the UUID the way blkid prints it from the superblock of the file systems a USB stick or disk carries. */
    static Optional<String> superblockUuid(Path device) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(device)) {
            ByteBuffer ext = read(channel, 1024, 1024);
            if (ext.remaining() >= 0x78 && (ext.getShort(0x38) & 0xffff) == 0xEF53) {
                return Optional.of(uuid(ext, 0x68));
            }
            ByteBuffer boot = read(channel, 0, 512);
            if (boot.remaining() == 512 && (boot.getShort(510) & 0xffff) == 0xAA55) {
                if (ascii(boot, 0x52, 5).equals("FAT32")) {
                    return Optional.of(serial(boot.getInt(0x43)));
                }
                if (ascii(boot, 0x36, 3).equals("FAT")) {
                    return Optional.of(serial(boot.getInt(0x27)));
                }
            }
        }
        return Optional.empty();
    }

    private static ByteBuffer read(SeekableByteChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(offset);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // keep reading: a device may return short reads
        }
        return buffer.flip();
    }

    private static String ascii(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** A 16-byte UUID, in the 8-4-4-4-12 form. */
    private static String uuid(ByteBuffer buffer, int offset) {
        byte[] bytes = new byte[16];
        buffer.get(offset, bytes);
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** A FAT volume serial number as blkid prints it: {@code ABCD-1234}. */
    private static String serial(int value) {
        return String.format("%04X-%04X", (value >>> 16) & 0xffff, value & 0xffff);
    }
}
