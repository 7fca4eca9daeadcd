package dev.webboot.pmem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a {@code memmap=nn!ss} range for a RAM block device that will hold an image of a given size.
 *
 * <p>The range must lie wholly inside usable RAM of the firmware's map: a reserved hole inside it splits the
 * persistent region and {@code nd_pmem} refuses it ("misaligned, unable to map", as QEMU's hole at {@code
 * 0xbffe0000} does to {@code 1G!2G}). Start and size are multiples of {@link #SECTION_ALIGNMENT}, the x86-64 and
 * arm64 memory-section size, because {@code nd_pmem} maps the region with {@code memremap_pages}, which works in
 * whole sections.
 *
 * <p>Preference: the lowest range at or above 4 GiB (nothing a boot loader loads lives there); else the highest
 * range wholly between 2 and 4 GiB; else the highest range above 256 MiB. Boot loaders put kernels and initrds low (the
 * kernel at 16 MiB, GRUB's initrd just below 2 GiB or 4 GiB), and a range over them would be corrupted.
 */
public final class MemmapPlanner {
    /** The alignment of start and size: 128 MiB, the memory-section size of x86-64 and arm64. */
    public static final long SECTION_ALIGNMENT = 128L << 20;

    /** RAM left for webboot and the system it boots when nothing else is said: 1 GiB. */
    public static final long DEFAULT_RESERVE = 1L << 30;

    private static final long GIB = 1L << 30;
    private static final long LOWEST_START = 256L << 20;

    private final long alignment;
    private final long reserve;

    /** A planner with 128 MiB alignment that leaves 1 GiB of RAM. */
    public MemmapPlanner() {
        this(SECTION_ALIGNMENT, DEFAULT_RESERVE);
    }

    /**
     * @param alignment the alignment of start and size, a power of two of at least {@link #SECTION_ALIGNMENT}
     * @param reserve the RAM in bytes that must stay usable once the range is taken
     */
    public MemmapPlanner(long alignment, long reserve) {
        if (Long.bitCount(alignment) != 1 || alignment < SECTION_ALIGNMENT) {
            throw new IllegalArgumentException("alignment must be a power of two of at least 128 MiB: " + alignment);
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("negative reserve " + reserve);
        }
        this.alignment = alignment;
        this.reserve = reserve;
    }

    /**
     * Plans a range for an image of {@code imageSize} bytes.
     *
     * @throws PmemException when no usable RAM range is large enough, or taking one would leave less than the reserve
     */
    public MemmapPlan plan(MachineMemory memory, long imageSize) throws PmemException {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + imageSize);
        }
        long size = alignUp(imageSize);
        if (size < 0) {
            throw new PmemException("an image of " + imageSize + " bytes is too large for any machine");
        }
        List<MemoryRange> ram = usableRam(memory.ranges());
        long ramTotal = ram.stream().mapToLong(MemoryRange::size).sum();
        long managed = memory.totalRam() > 0 ? Math.min(memory.totalRam(), ramTotal) : ramTotal;
        if (managed - size < reserve) {
            throw new PmemException(String.format(
                    Locale.ROOT,
                    "a %s RAM disk (the image rounded up to %s) would leave %s of the machine's %s of RAM, less than"
                            + " the %s webboot and the booted system need",
                    human(size),
                    human(alignment),
                    human(Math.max(0, managed - size)),
                    human(managed),
                    human(reserve)));
        }
        long fourGiB = 4 * GIB;
        Optional<MemmapPlan> plan = lowest(ram, fourGiB, Long.MAX_VALUE, size)
                .map(start -> plan(
                        start,
                        size,
                        memory,
                        managed,
                        "the lowest usable RAM at or above 4 GiB, where boot loaders put nothing"))
                .or(() -> highest(ram, 2 * GIB, fourGiB, size)
                        .map(start -> plan(
                                start,
                                size,
                                memory,
                                managed,
                                "the highest usable RAM between 2 and 4 GiB (no room above 4 GiB), above where boot"
                                        + " loaders put kernels and most initrds")))
                .or(() -> highest(ram, LOWEST_START, fourGiB, size)
                        .map(start -> plan(
                                start,
                                size,
                                memory,
                                managed,
                                "the highest usable RAM above 256 MiB (nothing fits above 4 GiB or wholly between"
                                        + " 2 and 4 GiB); a boot loader that put the initrd there would corrupt it")));
        return plan.orElseThrow(() -> new PmemException("no " + human(alignment) + "-aligned range of " + human(size)
                + " lies wholly inside usable RAM of " + memory.source() + " (largest usable block: "
                + human(ram.stream().mapToLong(MemoryRange::size).max().orElse(0)) + ")"));
    }

    private MemmapPlan plan(long start, long size, MachineMemory memory, long managed, String where) {
        MemoryRange block = usableRam(memory.ranges()).stream()
                .filter(r -> r.start() <= start && start + size <= r.end())
                .findFirst()
                .orElseThrow();
        String memmap = Memmap.persistent(size, start);
        String reason = String.format(
                Locale.ROOT,
                "%s: %s of %s, %s-aligned, inside the usable RAM block %#x-%#x of %s; %s of %s RAM stays usable"
                        + " (at least %s is kept)",
                memmap,
                human(size),
                where,
                human(alignment),
                block.start(),
                block.end() - 1,
                memory.source(),
                human(managed - size),
                human(managed),
                human(reserve));
        return new MemmapPlan(memmap, start, size, reason);
    }

    private Optional<Long> lowest(List<MemoryRange> ram, long from, long to, long size) {
        for (MemoryRange r : ram) {
            long start = alignUp(Math.max(r.start(), from));
            long limit = Math.min(r.end(), to);
            if (start >= 0 && start <= limit - size) {
                return Optional.of(start);
            }
        }
        return Optional.empty();
    }

    private Optional<Long> highest(List<MemoryRange> ram, long from, long to, long size) {
        for (int i = ram.size() - 1; i >= 0; i--) {
            MemoryRange r = ram.get(i);
            long low = Math.max(r.start(), from);
            long start = alignDown(Math.min(r.end(), to) - size);
            if (start >= low && start >= 0) {
                return Optional.of(start);
            }
        }
        return Optional.empty();
    }

    /**
     * The usable RAM of a map: {@code System RAM} ranges merged where they touch, minus anything another range claims
     * (maps may list a reserved range inside a RAM one).
     */
    static List<MemoryRange> usableRam(List<MemoryRange> map) {
        List<MemoryRange> sorted = new ArrayList<>(map);
        sorted.sort(Comparator.comparingLong(MemoryRange::start));
        List<MemoryRange> merged = new ArrayList<>();
        for (MemoryRange r : sorted) {
            if (!r.isUsableRam() || r.size() == 0) {
                continue;
            }
            MemoryRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.start() <= last.end()) {
                merged.set(
                        merged.size() - 1,
                        new MemoryRange(last.start(), Math.max(last.end(), r.end()), MemoryRange.SYSTEM_RAM));
            } else {
                merged.add(r);
            }
        }
        List<MemoryRange> result = merged;
        for (MemoryRange hole : sorted) {
            if (hole.isUsableRam() || hole.size() == 0) {
                continue;
            }
            List<MemoryRange> next = new ArrayList<>();
            for (MemoryRange r : result) {
                if (hole.end() <= r.start() || hole.start() >= r.end()) {
                    next.add(r);
                    continue;
                }
                if (hole.start() > r.start()) {
                    next.add(new MemoryRange(r.start(), hole.start(), MemoryRange.SYSTEM_RAM));
                }
                if (hole.end() < r.end()) {
                    next.add(new MemoryRange(hole.end(), r.end(), MemoryRange.SYSTEM_RAM));
                }
            }
            result = next;
        }
        return List.copyOf(result);
    }

    private long alignUp(long value) {
        return (value + alignment - 1) & -alignment;
    }

    private long alignDown(long value) {
        return value & -alignment;
    }

    /** A byte count for people: {@code 1 GiB}, {@code 3.5 GiB}, {@code 640 MiB}. */
    static String human(long bytes) {
        if (bytes >= GIB) {
            double gib = bytes / (double) GIB;
            return gib == Math.rint(gib)
                    ? String.format(Locale.ROOT, "%d GiB", bytes / GIB)
                    : String.format(Locale.ROOT, "%.1f GiB", gib);
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
        }
        return bytes + " bytes";
    }
}
