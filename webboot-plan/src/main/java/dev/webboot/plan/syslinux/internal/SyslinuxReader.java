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
    /** The top menu; {@code MENU BEGIN … MENU END} nest submenus in it, as syslinux's menu system builds them. */
    private final Menu top = new Menu(null, "");

    private Menu menu = top;
    private int menuDepth;
    private String defaultLabel = "";
    /** A {@code UI} directive: only then does {@code DEFAULT} choose the menu's entry (menu.txt, DEFAULT). */
    private boolean hasUi;

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
        boolean hidden;
        boolean notLinux;
        String directory;
        Menu menu;
    }

    /**
     * A (sub)menu as syslinux 6's menu reader keeps it: its entries are labels and submenus in order; its name in its
     * parent is the {@code MENU LABEL} given inside it, else its {@code MENU TITLE}, else the {@code MENU BEGIN} tag.
     */
    private static final class Menu {
        final Menu parent;
        final String tag;
        String label = "";
        String title = "";
        final List<Object> items = new ArrayList<>();
        /** The last entry marked {@code MENU DEFAULT} in this menu (a label, or a submenu marked inside itself). */
        Object marked;

        Menu(Menu parent, String tag) {
            this.parent = parent;
            this.tag = tag;
        }

        String name() {
            return !label.isEmpty() ? label : !title.isEmpty() ? title : tag;
        }

        /** The entry this menu opens on: the marked one, else its first; a submenu opens on its own default. */
        Optional<Label> defaultLabel() {
            Object item = marked != null ? marked : items.isEmpty() ? null : items.get(0);
            if (item instanceof Label label) {
                return Optional.of(label);
            }
            return item instanceof Menu submenu ? submenu.defaultLabel() : Optional.empty();
        }

        List<String> path() {
            List<String> names = new ArrayList<>();
            for (Menu m = this; m.parent != null; m = m.parent) {
                names.add(0, m.name());
            }
            return names;
        }
    }

    public List<BootEntry> read(String configPath) throws IOException {
        String path = ImagePaths.normalize(configPath);
        directory = parent(path);
        if (!readFile(path, null, 0)) {
            throw new NoSuchFileException(path);
        }
        List<BootEntry> out = new ArrayList<>();
        Label chosen = chosen().orElse(null);
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
            List<String> titles = label.menu.path();
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

    /**
     * The entry syslinux boots when nobody chooses, by syslinux 6.04's rules (com32/menu/readconfig.c, menu.txt):
     * {@code DEFAULT} names it when there is a {@code UI} directive, or when no menu is run at all (the command line
     * boots the default label); a menu module started by {@code DEFAULT vesamenu.c32} without {@code UI} ignores
     * {@code DEFAULT} and opens the top menu on its {@code MENU DEFAULT} entry, else its first (as a {@code UI} menu
     * does when {@code DEFAULT} names no label). A {@code MENU DEFAULT} inside a submenu is that submenu's.
     */
    private Optional<Label> chosen() {
        boolean menuModule = defaultLabel.toLowerCase(Locale.ROOT).endsWith("menu.c32");
        if (hasUi || !menuModule) {
            for (Label label : labels) {
                if (label.name.equals(defaultLabel)) {
                    return Optional.of(label);
                }
            }
        }
        return hasUi || menuModule ? top.defaultLabel() : Optional.empty();
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
                case "ui" -> hasUi = true;
                case "label" -> {
                    if (labels.size() >= MAX_LABELS) {
                        throw config.error(lineOffset, "more than " + MAX_LABELS + " labels");
                    }
                    current = new Label();
                    current.name = rest;
                    current.directory = directory;
                    current.menu = menu;
                    menu.items.add(current);
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
                } else {
                    menu.label = value.replace("^", ""); // a submenu's own MENU LABEL names it in its parent
                }
            }
            case "default" -> {
                if (current != null) {
                    menu.marked = current;
                } else if (menu.parent != null) {
                    menu.parent.marked = menu; // the submenu itself is its parent's default
                }
            }
            case "hide" -> {
                if (current != null) {
                    current.hidden = true;
                }
            }
            case "begin" -> {
                if (menuDepth >= 16) {
                    throw config.error(lineOffset, "MENU BEGIN nested deeper than 16");
                }
                Menu submenu = new Menu(menu, value);
                menu.items.add(submenu);
                menu = submenu;
                menuDepth++;
                current = null;
            }
            case "title" -> menu.title = value.replace("^", "");
            case "end" -> {
                if (menu.parent != null) {
                    menu = menu.parent;
                    menuDepth--;
                }
                current = null;
            }
            default -> {}
        }
    }
}
