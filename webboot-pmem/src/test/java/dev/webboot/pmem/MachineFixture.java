package dev.webboot.pmem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the files a {@link MachineReader} reads ({@code sys/firmware/memmap/N/*}, {@code proc/iomem}, {@code
 * proc/meminfo}, {@code proc/cmdline}, other sysfs files) from a recording under {@code
 * src/test/resources/machines/}: one line per fact, {@code FW start end type}, {@code IOMEM line}, {@code MEMINFO
 * line}, {@code CMDLINE text}, {@code FILE /path value}.
 */
final class MachineFixture {
    private MachineFixture() {}

    static Path materialize(String machine, Path root) throws IOException {
        List<String> lines;
        try (InputStream in = MachineFixture.class.getResourceAsStream("/machines/" + machine + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + machine);
            }
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        int fw = 0;
        List<String> iomem = new ArrayList<>();
        List<String> meminfo = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            String tag = line.substring(0, space);
            String rest = line.substring(space + 1);
            switch (tag) {
                case "FW" -> {
                    String[] f = rest.split(" ", 3);
                    Path dir = Files.createDirectories(root.resolve("sys/firmware/memmap/" + fw++));
                    Files.writeString(dir.resolve("start"), f[0] + "\n");
                    Files.writeString(dir.resolve("end"), f[1] + "\n");
                    Files.writeString(dir.resolve("type"), f[2] + "\n");
                }
                case "IOMEM" -> iomem.add(rest);
                case "MEMINFO" -> meminfo.add(rest);
                case "CMDLINE" -> write(root.resolve("proc/cmdline"), rest + "\n");
                case "FILE" -> {
                    String[] f = rest.split(" ", 2);
                    write(root.resolve(f[0].substring(1)), f[1] + "\n");
                }
                default -> throw new IllegalArgumentException(machine + ": unknown line " + line);
            }
        }
        if (!iomem.isEmpty()) {
            write(root.resolve("proc/iomem"), String.join("\n", iomem) + "\n");
        }
        if (!meminfo.isEmpty()) {
            write(root.resolve("proc/meminfo"), String.join("\n", meminfo) + "\n");
        }
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
