package dev.webboot.boot.internal;

import dev.webboot.api.plan.KernelCommandLine;
import dev.webboot.pmem.Memmap;
import dev.webboot.pmem.MemmapKind;
import dev.webboot.pmem.MemmapParameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line webboot boots itself again with when the running kernel has no RAM disk for the image, or one too
 * small: the planned {@code memmap=} in place of the running one's persistent-memory items, a marker that stops a
 * second re-launch, and the boot request (kept as it is when the kernel was asked for it with {@code webboot.boot=},
 * else written there from the {@code webboot boot} arguments, in the encoding /init decodes).
 */
final class SelfRelaunch {
    /** On the second instance's command line: it must not boot itself again. */
    static final String MARKER = "webboot.replanned";

    private SelfRelaunch() {}

    /** Whether the running kernel is already webboot's second instance. */
    static boolean relaunched(String running) {
        return KernelCommandLine.parse(running).has(MARKER);
    }

    /** The persistent-memory items of the running command line's {@code memmap=}, for a sentence; empty if none. */
    static Optional<String> runningMemmap(String running) {
        List<String> items = new ArrayList<>();
        for (String parameter : KernelCommandLine.parse(running).parameters()) {
            persistentAndOthers(parameter).ifPresent(split -> items.addAll(split.persistent()));
        }
        return items.isEmpty() ? Optional.empty() : Optional.of("memmap=" + String.join(",", items));
    }

    /**
     * The second instance's command line.
     *
     * @param running the running kernel's command line
     * @param memmap the planned item, such as {@code 1G!4G}
     * @param source what to boot (a catalog id, a URL, a file)
     * @param arguments the {@code webboot boot} arguments, source included; empty: only the source
     */
    static String commandLine(String running, String memmap, String source, List<String> arguments) {
        List<String> out = new ArrayList<>();
        int place = -1;
        for (String parameter : KernelCommandLine.parse(running).parameters()) {
            Optional<Split> split = persistentAndOthers(parameter);
            if (split.isEmpty()) {
                out.add(parameter);
                continue;
            }
            if (place < 0) {
                place = out.size();
            }
            // Other memmap= items (a reserved bad range, exactmap) are the user's and stay.
            if (!split.get().others().isEmpty()) {
                out.add("memmap=" + String.join(",", split.get().others()));
            }
        }
        KernelCommandLine line = new KernelCommandLine(out);
        String planned = "memmap=" + memmap;
        if (place >= 0) {
            out.add(place, planned);
            line = new KernelCommandLine(out);
        } else {
            line = line.with(planned);
        }
        line = line.replacing(MARKER + "=1");
        if (!line.has("webboot.boot")) {
            line = line.with("webboot.boot=" + encode(source));
            List<String> rest = new ArrayList<>(arguments);
            rest.remove(source);
            if (!rest.isEmpty()) {
                line = line.replacing("webboot.args=" + encode(String.join(" ", rest)));
            }
        }
        return line.toString();
    }

    /** A {@code memmap=} parameter's persistent items and its other items. */
    private record Split(List<String> persistent, List<String> others) {}

    /** Splits a {@code memmap=} parameter that has a persistent item; empty for any other parameter. */
    private static Optional<Split> persistentAndOthers(String parameter) {
        String bare = parameter.length() >= 2 && parameter.startsWith("\"") && parameter.endsWith("\"")
                ? parameter.substring(1, parameter.length() - 1)
                : parameter;
        if (!bare.startsWith("memmap=")) {
            return Optional.empty();
        }
        List<MemmapParameter> items;
        try {
            items = Memmap.parse(bare.substring("memmap=".length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not webboot's to judge: the kernel gets it as it was
        }
        List<String> persistent = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (MemmapParameter item : items) {
            (item.kind() == MemmapKind.PERSISTENT ? persistent : others).add(item.text());
        }
        return persistent.isEmpty() ? Optional.empty() : Optional.of(new Split(persistent, others));
    }

    /**
     * The encoding /init decodes ({@code +} a space, {@code %XX} a byte): one word whatever the value holds. /init
     * splits webboot.args= on spaces, so an argument that holds a space arrives as two.
     */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == ' ') {
                out.append('+');
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_./:,=@".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
