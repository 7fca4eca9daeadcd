package dev.webboot.api.plan;

import dev.webboot.api.io.BoundedReads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A kernel command line as a list of parameters, split the way the kernel splits it: on spaces, except inside double
 * quotes ({@code systemd.run="a b"} is one parameter). Immutable; every change returns a new instance.
 *
 * @param parameters the parameters in order, each as written ({@code key=value}, {@code key}, quotes kept)
 */
public record KernelCommandLine(List<String> parameters) {

    /** The kernel hands every parameter after this one to init. */
    public static final String INIT_SEPARATOR = "--";

    /**
     * Debian's and Ubuntu's installers (debian-installer's {@code user-params}, Ubuntu's curtin/subiquity) copy every
     * parameter after this one into the installed system's boot loader; for the kernel it is an ordinary parameter.
     */
    public static final String INSTALLER_SEPARATOR = "---";

    public KernelCommandLine {
        parameters = List.copyOf(parameters);
    }

    /**
     * The command line in a file such as {@code /proc/cmdline}, stripped; empty when there is no such file. The one
     * reader of the running kernel's command line (planner, boot flow, {@code plan}'s consoles), capped at 64 KiB
     * while reading (the kernel's own limit is a few KiB).
     *
     * @param file {@code /proc/cmdline}, or its copy under a test's machine root
     * @return the command line
     * @throws IOException when the file cannot be read or is larger than the cap
     */
    public static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        return new String(BoundedReads.readAll(file, 64 * 1024, "a kernel command line"), StandardCharsets.UTF_8)
                .strip();
    }

    /** Splits a command line into parameters. */
    public static KernelCommandLine parse(String cmdline) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < cmdline.length(); i++) {
            char c = cmdline.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (!quoted && Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return new KernelCommandLine(out);
    }

    /** The parameter's name: the part before the first {@code =}. */
    public static String keyOf(String parameter) {
        int eq = parameter.indexOf('=');
        return eq < 0 ? parameter : parameter.substring(0, eq);
    }

    /** Whether a parameter with this name (with or without a value) is present. */
    public boolean has(String key) {
        return parameters.stream().anyMatch(p -> keyOf(p).equals(key));
    }

    /** The value of the first {@code key=value} parameter, without surrounding quotes. */
    public Optional<String> value(String key) {
        for (String p : parameters) {
            if (keyOf(p).equals(key) && p.length() > key.length()) {
                String v = p.substring(key.length() + 1);
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Without every parameter named {@code key}. */
    public KernelCommandLine without(String key) {
        return without(p -> keyOf(p).equals(key));
    }

    /** Without the exact parameter {@code parameter} ({@code live-media=removable}). */
    public KernelCommandLine withoutExactly(String parameter) {
        return without(p -> p.equals(parameter));
    }

    /** Without every parameter the predicate accepts. */
    public KernelCommandLine without(Predicate<String> unwanted) {
        return new KernelCommandLine(
                parameters.stream().filter(unwanted.negate()).toList());
    }

    /**
     * With {@code parameter} appended to the kernel's parameters: before the first {@value #INIT_SEPARATOR}, after
     * which the kernel hands everything to init, or {@value #INSTALLER_SEPARATOR}, after which everything is copied
     * into an installed system's boot loader (so what webboot adds for this boot never becomes permanent there).
     */
    public KernelCommandLine with(String parameter) {
        List<String> out = new ArrayList<>(parameters);
        int separator = firstSeparator();
        if (separator >= 0) {
            out.add(separator, parameter);
        } else {
            out.add(parameter);
        }
        return new KernelCommandLine(out);
    }

    /**
     * The parameters after the first {@value #INSTALLER_SEPARATOR} (the ones an installer carries over into the
     * installed system), or none when there is no such separator before a {@value #INIT_SEPARATOR}.
     */
    public List<String> carriedOver() {
        int separator = firstSeparator();
        if (separator < 0 || !parameters.get(separator).equals(INSTALLER_SEPARATOR)) {
            return List.of();
        }
        return parameters.subList(separator + 1, parameters.size());
    }

    private int firstSeparator() {
        for (int i = 0; i < parameters.size(); i++) {
            String p = parameters.get(i);
            if (p.equals(INIT_SEPARATOR) || p.equals(INSTALLER_SEPARATOR)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * With {@code parameter} in the place of the first parameter of the same name (others of that name removed), or
     * appended when there is none.
     */
    public KernelCommandLine replacing(String parameter) {
        String key = keyOf(parameter);
        int first = -1;
        List<String> out = new ArrayList<>();
        for (String p : parameters) {
            if (keyOf(p).equals(key)) {
                if (first < 0) {
                    first = out.size();
                    out.add(parameter);
                }
            } else {
                out.add(p);
            }
        }
        return first < 0 ? with(parameter) : new KernelCommandLine(out);
    }

    /** The parameters joined with single spaces. */
    @Override
    public String toString() {
        return String.join(" ", parameters);
    }
}
