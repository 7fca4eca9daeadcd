package dev.webboot.plan;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.api.plan.DistroPlugin;
import dev.webboot.api.plan.KernelCommandLine;
import dev.webboot.iso.Images;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.iso9660.IsoVolume;
import dev.webboot.plan.internal.BootConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an opened image into a {@link BootPlan}: the first {@link DistroPlugin} (highest priority first) that
 * recognizes the image names the family; the image's own boot configuration (see {@link BootConfigs} for which file
 * wins) gives the entries; the plugin adapts each to the medium; the running kernel's {@code memmap=} parameters are
 * carried into every command line (kexec hands the firmware map over, where the pmem range is plain RAM).
 *
 * <p>Immutable and thread-safe.
 */
public final class BootPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(BootPlanner.class);

    private final List<DistroPlugin> plugins;
    private final Supplier<String> runningCommandLine;

    private BootPlanner(List<DistroPlugin> plugins, Supplier<String> runningCommandLine) {
        List<DistroPlugin> sorted = new ArrayList<>(plugins);
        sorted.sort(Comparator.comparingInt(DistroPlugin::priority).reversed().thenComparing(DistroPlugin::family));
        this.plugins = List.copyOf(sorted);
        this.runningCommandLine = runningCommandLine;
    }

    /** A planner with every plugin {@link ServiceLoader} finds on this class's loader, reading {@code /proc/cmdline}. */
    public static BootPlanner standard() {
        return standard(BootPlanner.class.getClassLoader());
    }

    /** A planner with every plugin {@link ServiceLoader} finds on {@code loader}, reading {@code /proc/cmdline}. */
    public static BootPlanner standard(ClassLoader loader) {
        List<DistroPlugin> found = new ArrayList<>();
        ServiceLoader.load(DistroPlugin.class, loader).forEach(found::add);
        return new BootPlanner(found, BootPlanner::procCmdline);
    }

    /** A planner with exactly these plugins. */
    public static BootPlanner of(List<DistroPlugin> plugins) {
        return new BootPlanner(plugins, BootPlanner::procCmdline);
    }

    /** This planner, taking the running kernel's command line from {@code source} instead of {@code /proc/cmdline}. */
    public BootPlanner withRunningCommandLine(Supplier<String> source) {
        return new BootPlanner(plugins, source);
    }

    /** The plugins in the order they are asked. */
    public List<DistroPlugin> plugins() {
        return plugins;
    }

    /** The family that recognizes the image. */
    public DistroPlugin pluginFor(BootImage image) throws IOException {
        for (DistroPlugin plugin : plugins) {
            if (plugin.recognizes(image)) {
                return plugin;
            }
        }
        throw new IOException("no distro plugin recognizes the image (not even the generic one: is it on the path?)");
    }

    /**
     * Plans the boot of {@code image} from {@code medium}.
     *
     * @throws NoBootEntryException when no configuration describes a Linux entry
     * @throws dev.webboot.iso.MalformedImageException when the chosen configuration is malformed
     */
    public BootPlan plan(BootImage image, BootMedium medium) throws IOException {
        return dev.webboot.plan.internal.PmemSupport.withinBudget(() -> planWithinBudget(image, medium));
    }

    private BootPlan planWithinBudget(BootImage image, BootMedium medium) throws IOException {
        DistroPlugin plugin = pluginFor(image);
        BootConfigs.Found found = BootConfigs.read(image, medium);
        LOG.info(
                "{}: family {}, {} entries from {}",
                image.label(),
                plugin.family(),
                found.entries().size(),
                found.source());
        List<String> memmaps = memmaps(runningCommandLine.get());
        boolean anyDefault = found.entries().stream().anyMatch(BootEntry::isDefault);
        // The default entry is adapted first: looking into its initrds then has the whole scan budget
        // (PmemSupport.withinBudget), whatever a hostile menu puts before it.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < found.entries().size(); i++) {
            if (found.entries().get(i).isDefault() || (!anyDefault && i == 0)) {
                order.add(0, i);
            } else {
                order.add(i);
            }
        }
        BootEntry[] planned = new BootEntry[found.entries().size()];
        for (int i : order) {
            BootEntry entry = found.entries().get(i);
            if (!anyDefault && i == 0) {
                entry = entry.withDefault(true);
            }
            BootEntry adapted = plugin.adapt(entry, image, medium);
            if (medium instanceof BootMedium.IsoFile) {
                // The ISO then sits on a disk the distribution's initramfs reaches by itself: pmem drivers are not
                // needed, and requiring them would refuse a file boot of an ISO that lacks them.
                adapted = adapted.withPatch(Optional.empty());
            }
            KernelCommandLine cmdline = adapted.parsedCmdline().without("memmap");
            for (String memmap : memmaps) {
                cmdline = cmdline.with(memmap);
            }
            planned[i] = adapted.withCmdline(cmdline).withDefault(entry.isDefault());
        }
        List<BootEntry> entries = List.of(planned);
        return new BootPlan(plugin.family(), image.label(), entries, found.source(), found.dropped());
    }

    /**
     * Plans the boot of an opened ISO 9660 image from {@code medium}: its volume label and UUID are the image's.
     *
     * @throws NoBootEntryException when no configuration describes a Linux entry
     * @throws dev.webboot.iso.MalformedImageException when the image or the chosen configuration is malformed
     */
    public BootPlan plan(Iso9660FileSystem iso, BootMedium medium) throws IOException {
        IsoVolume volume = iso.volume();
        return plan(new BootImage(iso.getPath("/"), volume.label(), volume.uuid()), medium);
    }

    /**
     * Opens the ISO at {@code image} (a file, a block device, or {@code ISO!/path} inside another image), plans its
     * boot from {@code medium} and closes it: the one call a caller needs that does not read the image further.
     *
     * @throws NoBootEntryException when no configuration describes a Linux entry
     * @throws dev.webboot.iso.MalformedImageException when the image or the chosen configuration is malformed
     */
    public BootPlan plan(Path image, BootMedium medium) throws IOException {
        try (Iso9660FileSystem iso = Iso9660FileSystem.open(Images.open(image.toString()))) {
            return plan(iso, medium);
        }
    }

    /** The {@code memmap=} parameters of a command line, in order. */
    public static List<String> memmaps(String cmdline) {
        return KernelCommandLine.parse(cmdline).parameters().stream()
                .filter(p -> KernelCommandLine.keyOf(p).equals("memmap"))
                .toList();
    }

    private static String procCmdline() {
        try {
            return KernelCommandLine.read(Path.of("/proc/cmdline"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
