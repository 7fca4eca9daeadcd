package dev.webboot.pmem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the running Linux kernel says about memory and persistent memory, from the files under a root
 * directory: {@code /} on a machine, a recorded tree in tests.
 *
 * <p>Reads {@code proc/cmdline}, {@code proc/meminfo}, {@code proc/iomem}, {@code sys/firmware/memmap/N/*}, {@code
 * sys/block/pmem*} and {@code sys/bus/nd/devices/region*}. Every file is small; each is read with a size cap.
 */
public final class MachineReader {
    private static final int MAX_FILE = 1 << 20;
    private static final int MAX_ENTRIES = 4096;
    private static final Pattern IOMEM_LINE = Pattern.compile("^([0-9a-fA-F]+)-([0-9a-fA-F]+) : (.+)$");
    private static final Pattern MEMTOTAL = Pattern.compile("^MemTotal:\\s+(\\d+) kB$", Pattern.MULTILINE);

    private final Path root;

    /** A reader of the files under {@code root}. */
    public MachineReader(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** A reader of the running machine ({@code /}). */
    public static MachineReader running() {
        return new MachineReader(Path.of("/"));
    }

    /** The kernel command line ({@code /proc/cmdline}), without its final newline. */
    public String commandLine() throws IOException {
        return read("proc/cmdline").strip();
    }

    /** The {@code memmap=} items of the kernel command line. */
    public List<MemmapParameter> memmap() throws IOException {
        try {
            return Memmap.fromCommandLine(commandLine());
        } catch (IllegalArgumentException e) {
            throw new PmemException(root.resolve("proc/cmdline") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The memory map for planning: the firmware's ({@code /sys/firmware/memmap}) when the kernel exposes it, else the
     * top level of {@code /proc/iomem}; with {@code MemTotal} of {@code /proc/meminfo} (0 when absent).
     */
    public MachineMemory memory() throws IOException {
        long total = memTotal();
        Path firmware = root.resolve("sys/firmware/memmap");
        if (Files.isDirectory(firmware)) {
            List<MemoryRange> ranges = firmwareMap(firmware);
            if (!ranges.isEmpty()) {
                return new MachineMemory(ranges, total, "/sys/firmware/memmap");
            }
        }
        List<MemoryRange> top = iomem(false);
        if (top.isEmpty()) {
            throw new PmemException(root.resolve("proc/iomem")
                    + ": no memory map (is /proc mounted, and are we root? /proc/iomem shows zeros to others)");
        }
        return new MachineMemory(top, total, "/proc/iomem");
    }

    /** The persistent-memory devices, regions and parameters of the running kernel. */
    public PmemInventory inventory() throws IOException {
        List<MemoryRange> persistent = new ArrayList<>();
        if (Files.exists(root.resolve("proc/iomem"))) {
            for (MemoryRange r : iomem(true)) {
                if (r.type().startsWith("Persistent Memory")) {
                    persistent.add(r);
                }
            }
        }
        List<MemmapParameter> memmap = Files.exists(root.resolve("proc/cmdline")) ? memmap() : List.of();
        return new PmemInventory(devices(), regions(), persistent, memmap);
    }

    /** The {@code pmem*} block devices of {@code /sys/block}, by name. */
    public List<PmemDevice> devices() throws IOException {
        List<PmemDevice> devices = new ArrayList<>();
        for (Path dir : children(root.resolve("sys/block"), "pmem*")) {
            String name = dir.getFileName().toString();
            long sectors = number(dir.resolve("size"));
            Path namespace = dir.resolve("device");
            OptionalLong start = OptionalLong.empty();
            if (Files.exists(namespace.resolve("resource"))) {
                start = OptionalLong.of(number(namespace.resolve("resource")));
            }
            String mode = Files.exists(namespace.resolve("mode"))
                    ? read(root.relativize(namespace.resolve("mode"))).strip()
                    : "";
            devices.add(new PmemDevice(name, "/dev/" + name, sectors * 512, start, mode));
        }
        devices.sort(Comparator.comparing(PmemDevice::name, MachineReader::naturalOrder));
        return devices;
    }

    /** The libnvdimm regions of {@code /sys/bus/nd/devices}, by name. */
    public List<NdRegion> regions() throws IOException {
        List<NdRegion> regions = new ArrayList<>();
        for (Path dir : children(root.resolve("sys/bus/nd/devices"), "region*")) {
            regions.add(new NdRegion(
                    dir.getFileName().toString(), number(dir.resolve("resource")), number(dir.resolve("size"))));
        }
        regions.sort(Comparator.comparing(NdRegion::name, MachineReader::naturalOrder));
        return regions;
    }

    /** {@code MemTotal} of {@code /proc/meminfo} in bytes, or 0 when the file or the line is missing. */
    public long memTotal() throws IOException {
        if (!Files.exists(root.resolve("proc/meminfo"))) {
            return 0;
        }
        Matcher m = MEMTOTAL.matcher(read("proc/meminfo"));
        if (!m.find()) {
            return 0;
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1024L);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PmemException(root.resolve("proc/meminfo") + ": MemTotal is out of range");
        }
    }

    private List<MemoryRange> firmwareMap(Path firmware) throws IOException {
        List<MemoryRange> ranges = new ArrayList<>();
        for (Path entry : children(firmware, "*")) {
            long start = number(entry.resolve("start"));
            long endInclusive = number(entry.resolve("end"));
            String type = read(root.relativize(entry.resolve("type"))).strip();
            if (Long.compareUnsigned(endInclusive, start) < 0 || endInclusive == -1L) {
                throw new PmemException(entry + ": end " + Long.toHexString(endInclusive) + " before start");
            }
            ranges.add(new MemoryRange(start, endInclusive + 1, type));
        }
        ranges.sort(Comparator.comparingLong(MemoryRange::start));
        return ranges;
    }

    /** The ranges of {@code /proc/iomem}: the top level only, or every level when {@code nested}. */
    private List<MemoryRange> iomem(boolean nested) throws IOException {
        if (!Files.exists(root.resolve("proc/iomem"))) {
            return List.of();
        }
        List<MemoryRange> ranges = new ArrayList<>();
        for (String line : read("proc/iomem").split("\n")) {
            if (line.isBlank() || (!nested && Character.isWhitespace(line.charAt(0)))) {
                continue;
            }
            Matcher m = IOMEM_LINE.matcher(line.strip());
            if (!m.matches() || m.group(1).length() > 16 || m.group(2).length() > 16) {
                throw new PmemException(root.resolve("proc/iomem") + ": unexpected line '" + line.strip() + "'");
            }
            long start = Long.parseUnsignedLong(m.group(1), 16);
            long end = Long.parseUnsignedLong(m.group(2), 16);
            if (start == 0 && end == 0) {
                continue; // what non-root readers see
            }
            if (Long.compareUnsigned(end, start) < 0 || end == -1L) {
                throw new PmemException(root.resolve("proc/iomem") + ": range ends before it starts: " + line.strip());
            }
            ranges.add(new MemoryRange(start, end + 1, m.group(3)));
            if (ranges.size() > MAX_ENTRIES) {
                throw new PmemException(root.resolve("proc/iomem") + ": more than " + MAX_ENTRIES + " ranges");
            }
        }
        return ranges;
    }

    private List<Path> children(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            for (Path p : stream) {
                children.add(p);
                if (children.size() > MAX_ENTRIES) {
                    throw new PmemException(dir + ": more than " + MAX_ENTRIES + " entries");
                }
            }
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString(), MachineReader::naturalOrder));
        return children;
    }

    /** A sysfs number: decimal, or hexadecimal with {@code 0x}. */
    private long number(Path file) throws IOException {
        String text = read(root.relativize(file)).strip();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PmemException(file + ": not a number: '" + text + "'");
        }
    }

    private String read(String relative) throws IOException {
        return read(Path.of(relative));
    }

    private String read(Path relative) throws IOException {
        Path file = root.resolve(relative);
        try (var in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE + 1);
            if (bytes.length > MAX_FILE) {
                throw new PmemException(file + ": larger than " + MAX_FILE + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /** Orders {@code pmem2} before {@code pmem10}. */
    static int naturalOrder(String a, String b) {
        Optional<Long> na = trailingNumber(a);
        Optional<Long> nb = trailingNumber(b);
        String pa = na.isPresent() ? a.replaceAll("\\d+$", "") : a;
        String pb = nb.isPresent() ? b.replaceAll("\\d+$", "") : b;
        int c = pa.compareTo(pb);
        if (c != 0 || na.isEmpty() || nb.isEmpty()) {
            return c != 0 ? c : a.compareTo(b);
        }
        return Long.compare(na.get(), nb.get());
    }

    private static Optional<Long> trailingNumber(String s) {
        Matcher m = Pattern.compile("(\\d{1,18})$").matcher(s);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
