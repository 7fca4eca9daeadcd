package dev.webboot.boot.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Copies a boot image to a whole disk (a USB stick), as {@code dd} would, then flushes it ({@code fsync}); but first
 * refuses, with one sentence, anything that is not a whole disk, a disk the running system lives on, a disk with a
 * mounted or swapped-on partition, and a disk something else holds (device mapper, LVM, RAID: {@code holders} in
 * sysfs). What the kernel says is read from {@code /proc/self/mountinfo}, {@code /proc/swaps} and {@code /sys}.
 */
public final class MediaWriter {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int CHUNK = 4 << 20;

    private final Path proc;
    private final Path sys;

    private MediaWriter(Path proc, Path sys) {
        this.proc = proc;
        this.sys = sys;
    }

    /** The writer for this machine ({@code /proc}, {@code /sys}). */
    public static MediaWriter system() {
        return new MediaWriter(Path.of("/proc"), Path.of("/sys"));
    }

    /** Why {@code image} must not be written to {@code device}, as one sentence; empty when it may. */
    public Optional<String> refusal(Path image, Path device) throws IOException {
        if (!Files.isRegularFile(image)) {
            return Optional.of(image + ": no such image file");
        }
        if (!Files.exists(device)) {
            return Optional.of(device + ": no such device (lsblk lists the disks; a USB stick is /dev/sdX)");
        }
        int mode = (Integer) Files.getAttribute(device, "unix:mode");
        if ((mode & S_IFMT) != S_IFBLK) {
            return Optional.of(
                    device + " is not a block device; give a whole disk such as /dev/sdb (lsblk lists" + " them)");
        }
        String number = deviceNumber(device);
        Path node = sys.resolve("dev/block").resolve(number).toRealPath();
        if (Files.exists(node.resolve("partition"))) {
            return Optional.of(device + " is a partition; write to the whole disk /dev/"
                    + node.getParent().getFileName() + " instead");
        }
        String disk = node.getFileName().toString();
        if (systemDisks().contains(node)) {
            return Optional.of(device + " holds the running system (/); webboot will not overwrite it");
        }
        // The disk and its partitions, by device number.
        List<Path> parts = new ArrayList<>(List.of(node));
        try (Stream<Path> children = Files.list(node)) {
            children.filter(c -> Files.exists(c.resolve("partition"))).sorted().forEach(parts::add);
        }
        Set<String> numbers = new LinkedHashSet<>();
        for (Path part : parts) {
            numbers.add(Files.readString(part.resolve("dev")).strip());
        }
        for (String line : Files.readAllLines(proc.resolve("self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            int dash = List.of(fields).indexOf("-");
            if (fields.length < 5 || dash < 0 || dash + 2 >= fields.length) {
                continue;
            }
            String source = fields[dash + 2];
            if (numbers.contains(fields[2]) || numbers.contains(deviceNumberOrEmpty(source))) {
                return Optional.of(
                        device + " is mounted (" + source + " on " + unescape(fields[4]) + "); unmount it first");
            }
        }
        for (String line : Files.readAllLines(proc.resolve("swaps"), StandardCharsets.UTF_8)) {
            String source = line.split("\\s+")[0];
            if (numbers.contains(deviceNumberOrEmpty(source))) {
                return Optional.of(device + " is in use as swap (" + source + "); swapoff it first");
            }
        }
        for (Path part : parts) {
            Path holders = part.resolve("holders");
            if (Files.isDirectory(holders)) {
                try (Stream<Path> held = Files.list(holders)) {
                    Optional<String> holder =
                            held.map(h -> h.getFileName().toString()).sorted().findFirst();
                    if (holder.isPresent()) {
                        return Optional.of(device + " is in use by " + holder.get() + " (device mapper, LVM or RAID"
                                + " on /dev/" + part.getFileName() + "); stop that first");
                    }
                }
            }
        }
        if (readLong(node.resolve("ro")) == 1) {
            return Optional.of(device + " is read-only");
        }
        long capacity = readLong(node.resolve("size")) * 512;
        long size = Files.size(image);
        if (size > capacity) {
            return Optional.of(image + " (" + size + " bytes) does not fit on " + device + " (/dev/" + disk + ", "
                    + capacity + " bytes)");
        }
        return Optional.empty();
    }

    /**
     * Copies {@code image} to the start of {@code device} and flushes it to the disk, after {@link #refusal} found no
     * reason not to; {@code progress} gets the bytes written so far. Returns the bytes written.
     */
    public long write(Path image, Path device, LongConsumer progress) throws IOException {
        Optional<String> refusal = refusal(image, device);
        if (refusal.isPresent()) {
            throw new DeviceRefusedException(device, refusal.get());
        }
        long written = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel in = FileChannel.open(image, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(device, StandardOpenOption.WRITE)) {
            while (in.read(buffer) >= 0 || buffer.position() > 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    written += out.write(buffer, written);
                }
                buffer.clear();
                progress.accept(written);
            }
            out.force(true);
        }
        return written;
    }

    /** The sysfs nodes of the whole disks under the root file system (through partitions and device-mapper slaves). */
    private Set<Path> systemDisks() throws IOException {
        Set<Path> disks = new LinkedHashSet<>();
        for (String line : Files.readAllLines(proc.resolve("self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            int dash = List.of(fields).indexOf("-");
            if (fields.length < 5 || !fields[4].equals("/") || dash < 0 || dash + 2 >= fields.length) {
                continue;
            }
            for (String number : List.of(fields[2], deviceNumberOrEmpty(fields[dash + 2]))) {
                Path node = sys.resolve("dev/block").resolve(number);
                if (!number.isEmpty() && Files.exists(node)) {
                    collectDisks(node.toRealPath(), disks, 0);
                }
            }
        }
        return disks;
    }

    private static void collectDisks(Path node, Set<Path> disks, int depth) throws IOException {
        if (depth > 16) {
            return;
        }
        Path disk = Files.exists(node.resolve("partition")) ? node.getParent() : node;
        disks.add(disk);
        Path slaves = node.resolve("slaves");
        if (Files.isDirectory(slaves)) {
            try (Stream<Path> below = Files.list(slaves)) {
                for (Path slave : below.toList()) {
                    collectDisks(slave.toRealPath(), disks, depth + 1);
                }
            }
        }
    }

    /** {@code MAJOR:MINOR} of a block device node. */
    private static String deviceNumber(Path device) throws IOException {
        long rdev = (Long) Files.getAttribute(device, "unix:rdev");
        // glibc's gnu_dev_major/minor: the 64-bit dev_t's split fields.
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        return major + ":" + minor;
    }

    /** The device number of {@code source} when it is a block device node, else an empty string. */
    private static String deviceNumberOrEmpty(String source) {
        if (!source.startsWith("/dev/")) {
            return "";
        }
        try {
            Path path = Path.of(source);
            if (!Files.exists(path)) {
                return "";
            }
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & S_IFMT) == S_IFBLK ? deviceNumber(path) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long readLong(Path file) throws IOException {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (NoSuchFileException | NumberFormatException e) {
            return 0;
        }
    }

    /** mountinfo writes a space as {@code \040}, a tab, newline and backslash likewise. */
    private static String unescape(String field) {
        return field.replace("\\040", " ")
                .replace("\\011", "\t")
                .replace("\\012", "\n")
                .replace("\\134", "\\");
    }
}
