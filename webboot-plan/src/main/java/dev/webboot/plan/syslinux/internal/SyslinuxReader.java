package dev.webboot.plan.syslinux.internal;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.plan.internal.ConfigText;
import dev.webboot.plan.internal.ImagePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The line-oriented syslinux configuration reader behind {@link dev.webboot.plan.syslinux.SyslinuxConfig}. */
public final class SyslinuxReader {
    /** Deepest chain of INCLUDE/CONFIG. */
    public static final int MAX_INCLUDE_DEPTH = 16;
    /** Most labels collected. */
    public static final int MAX_LABELS = 1024;
    /** Most lines read over all files. */
    public static final int MAX_LINES = 200_000;

    private final Path root;
    private final Deque<String> including = new ArrayDeque<>();
    private final List<Label> labels = new ArrayList<>();
    private final Deque<String> menuTitles = new ArrayDeque<>();
    private String defaultLabel = "";
    private String directory = "/";
    private int lines;
    private Label current;

    public SyslinuxReader(Path root) {
        this.root = root;
    }

    private static final class Label {
        String name;
        String title = "";
        String kernel = "";
        boolean linuxKeyword;
        String append = "";
        List<String> initrds = new ArrayList<>();
        boolean menuDefault;
        boolean hidden;
        boolean notLinux;
        String directory;
        List<String> menuPath;
    }

    public List<BootEntry> read(String configPath) throws IOException {
        String path = ImagePaths.normalize(configPath);
        directory = parent(path);
        if (!readFile(path, null, 0)) {
            throw new NoSuchFileException(path);
        }
        List<BootEntry> out = new ArrayList<>();
        Label chosen = null;
        for (Label label : labels) {
            if (label.name.equals(defaultLabel) && chosen == null) {
                chosen = label;
            }
        }
        if (chosen == null) {
            chosen = labels.stream().filter(l -> l.menuDefault).findFirst().orElse(null);
        }
        for (Label label : labels) {
            if (label.notLinux || label.kernel.isEmpty() || !isLinuxKernel(label)) {
                continue;
            }
            if (label.hidden && label != chosen) {
                continue;
            }
            List<String> initrds = new ArrayList<>(label.initrds);
            List<String> params = new ArrayList<>();
            for (String param : label.append.strip().split("\\s+")) {
                if (param.isEmpty()) {
                    continue;
                }
                if (param.toLowerCase(Locale.ROOT).startsWith("initrd=")) {
                    for (String initrd : param.substring(7).split(",")) {
                        if (!initrd.isEmpty()) {
                            initrds.add(resolve(label.directory, initrd));
                        }
                    }
                } else {
                    params.add(param);
                }
            }
            String title = label.title.isEmpty() ? label.name : label.title;
            List<String> titles = new ArrayList<>(label.menuPath);
            titles.add(title);
            out.add(BootEntry.of(
                    String.join(" > ", titles),
                    resolve(label.directory, label.kernel),
                    initrds,
                    String.join(" ", params),
                    label == chosen));
        }
        return out;
    }

    private static boolean isLinuxKernel(Label label) {
        if (label.linuxKeyword) {
            return true;
        }
        String name = label.kernel.toLowerCase(Locale.ROOT);
        return !(name.endsWith(".c32")
                || name.endsWith(".com")
                || name.endsWith(".cbt")
                || name.endsWith(".bin")
                || name.endsWith(".bss")
                || name.endsWith(".0")
                || name.endsWith(".img")
                || name.contains("memtest"));
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String resolve(String directory, String path) {
        return ImagePaths.normalize(path.startsWith("/") ? path : directory + "/" + path);
    }

    private boolean readFile(String path, ConfigText from, int fromOffset) throws IOException {
        if (including.contains(path)) {
            String problem = path + " includes itself; refusing the loop";
            throw from != null ? from.error(fromOffset, problem) : new MalformedImageException(path, -1, problem);
        }
        if (including.size() >= MAX_INCLUDE_DEPTH) {
            throw from.error(fromOffset, "INCLUDE/CONFIG nested deeper than " + MAX_INCLUDE_DEPTH);
        }
        Optional<Path> file = ImagePaths.find(root, path);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return false;
        }
        ConfigText config = ConfigText.read(file.get(), path);
        including.push(path);
        try {
            parse(config);
        } finally {
            including.pop();
        }
        return true;
    }

    private void parse(ConfigText config) throws IOException {
        String text = config.text();
        int offset = 0;
        boolean inText = false;
        while (offset < text.length()) {
            int end = text.indexOf('\n', offset);
            if (end < 0) {
                end = text.length();
            }
            int lineOffset = offset;
            String line = ConfigText.utf8(text.substring(offset, end)).strip();
            offset = end + 1;
            if (++lines > MAX_LINES) {
                throw config.error(lineOffset, "more than " + MAX_LINES + " lines");
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] split = line.split("\\s+", 2);
            String keyword = split[0].toLowerCase(Locale.ROOT);
            String rest = split.length > 1 ? split[1].strip() : "";
            if (inText) {
                inText = !keyword.equals("endtext");
                continue;
            }
            switch (keyword) {
                case "text" -> inText = true;
                case "default" -> defaultLabel = rest.split("\\s+")[0];
                case "label" -> {
                    if (labels.size() >= MAX_LABELS) {
                        throw config.error(lineOffset, "more than " + MAX_LABELS + " labels");
                    }
                    current = new Label();
                    current.name = rest;
                    current.directory = directory;
                    List<String> path = new ArrayList<>(menuTitles);
                    java.util.Collections.reverse(path);
                    current.menuPath = path;
                    labels.add(current);
                }
                case "kernel" -> setKernel(rest, false);
                case "linux" -> setKernel(rest, true);
                case "boot", "bss", "pxe", "fdimage", "comboot", "com32", "localboot" -> {
                    if (current != null) {
                        current.notLinux = true;
                    }
                }
                case "append" -> {
                    if (current != null) {
                        current.append = rest.equals("-") ? "" : rest;
                    }
                }
                case "initrd" -> {
                    if (current != null) {
                        for (String initrd : rest.split(",")) {
                            if (!initrd.isBlank()) {
                                current.initrds.add(resolve(directory, initrd.strip()));
                            }
                        }
                    }
                }
                case "include" -> {
                    String target = rest.split("\\s+")[0];
                    if (!target.isEmpty()) {
                        readFile(resolve(directory, target), config, lineOffset);
                    }
                }
                case "config" -> {
                    if (current != null) {
                        // A label that loads another config is a menu link, not a Linux entry.
                        current.notLinux = true;
                    } else if (!rest.isEmpty()) {
                        String[] parts = rest.split("\\s+");
                        String target = resolve(directory, parts[0]);
                        directory = parts.length > 1 ? resolve(directory, parts[1]) : parent(target);
                        readFile(target, config, lineOffset);
                        // CONFIG replaces the running configuration: nothing after it counts.
                        return;
                    }
                }
                case "menu" -> menu(rest, config, lineOffset);
                default -> {}
            }
        }
    }

    private void setKernel(String rest, boolean linuxKeyword) {
        if (current == null) {
            return;
        }
        String[] parts = rest.split("\\s+", 2);
        current.kernel = parts[0];
        current.linuxKeyword = linuxKeyword;
        if (parts.length > 1 && current.append.isEmpty()) {
            current.append = parts[1];
        }
    }

    private void menu(String rest, ConfigText config, int lineOffset) throws MalformedImageException {
        String[] split = rest.split("\\s+", 2);
        String keyword = split[0].toLowerCase(Locale.ROOT);
        String value = split.length > 1 ? split[1].strip() : "";
        switch (keyword) {
            case "label" -> {
                if (current != null) {
                    current.title = value.replace("^", "");
                }
            }
            case "default" -> {
                if (current != null) {
                    current.menuDefault = true;
                }
            }
            case "hide" -> {
                if (current != null) {
                    current.hidden = true;
                }
            }
            case "begin" -> {
                if (menuTitles.size() >= 16) {
                    throw config.error(lineOffset, "MENU BEGIN nested deeper than 16");
                }
                menuTitles.push(value);
                current = null;
            }
            case "title" -> {
                if (current == null && !menuTitles.isEmpty() && !value.isEmpty()) {
                    menuTitles.pop();
                    menuTitles.push(value.replace("^", ""));
                }
            }
            case "end" -> {
                if (!menuTitles.isEmpty()) {
                    menuTitles.pop();
                }
                current = null;
            }
            default -> {}
        }
    }
}
