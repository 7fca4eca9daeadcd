package dev.webboot.plan.bls;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.plan.internal.ConfigText;
import dev.webboot.plan.internal.ImagePaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Boot Loader Specification entries: {@code /loader/entries/*.conf}, each with {@code title}, {@code linux},
 * {@code initrd} (repeatable, and several paths per line) and {@code options}; entries without {@code linux} (EFI
 * programs) are left out. Entries are sorted by file name; the default is {@code default} of
 * {@code /loader/loader.conf} (a file name, {@code *} globs allowed), else the first.
 */
public final class BlsConfig {
    /** Most entry files read. */
    public static final int MAX_ENTRIES = 256;

    private BlsConfig() {}

    /** The Linux entries under {@code /loader/entries}; empty when there is no such directory. */
    public static List<BootEntry> read(BootImage image) throws IOException {
        Optional<Path> dir = ImagePaths.find(image.root(), "/loader/entries");
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.get(), "*.conf")) {
            for (Path file : stream) {
                if (files.size() >= MAX_ENTRIES) {
                    break;
                }
                files.add(file);
            }
        }
        files.sort(
                (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        String wanted = defaultPattern(image);
        List<BootEntry> out = new ArrayList<>();
        boolean defaultSeen = false;
        for (Path file : files) {
            String name = file.getFileName().toString();
            ConfigText text = ConfigText.read(file, ImagePaths.imagePathOf(image.root(), file));
            String title = name.substring(0, name.length() - 5);
            String linux = "";
            List<String> initrds = new ArrayList<>();
            List<String> options = new ArrayList<>();
            for (String raw : text.text().split("\n")) {
                String line = ConfigText.utf8(raw).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\\s+", 2);
                String value = kv.length > 1 ? kv[1].strip() : "";
                switch (kv[0]) {
                    case "title" -> title = value;
                    case "linux" -> linux = ImagePaths.normalize(value);
                    case "initrd" -> {
                        for (String initrd : value.split("\\s+")) {
                            if (!initrd.isEmpty()) {
                                initrds.add(ImagePaths.normalize(initrd));
                            }
                        }
                    }
                    case "options" -> options.add(value);
                    default -> {}
                }
            }
            if (linux.isEmpty()) {
                continue;
            }
            boolean isDefault = !defaultSeen && !wanted.isEmpty() && glob(wanted, name);
            defaultSeen |= isDefault;
            out.add(BootEntry.of(title, linux, initrds, String.join(" ", options), isDefault));
        }
        return out;
    }

    private static String defaultPattern(BootImage image) throws IOException {
        Optional<Path> loader = ImagePaths.find(image.root(), "/loader/loader.conf");
        if (loader.isEmpty() || !Files.isRegularFile(loader.get())) {
            return "";
        }
        for (String line :
                ConfigText.read(loader.get(), "/loader/loader.conf").text().split("\n")) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv[0].equals("default") && kv.length > 1) {
                String pattern = kv[1].strip();
                return pattern.endsWith(".conf") || pattern.endsWith("*") ? pattern : pattern + ".conf";
            }
        }
        return "";
    }

    /** {@code *} and {@code ?} globs, matched without regular expressions (no backtracking blow-up). */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
