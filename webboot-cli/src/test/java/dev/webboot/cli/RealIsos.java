package dev.webboot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.testing.RuntimeClassPath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real live ISOs of {@code scripts/build-real-iso} (Debian's live-build and dracut, built from Debian's packages,
 * cached under {@code ~/.cache/webboot/real-iso} so each is built once and reused by later runs) and boots of them through
 * {@code scripts/demo-iso} — webboot in QEMU, the console watched from the host.
 */
final class RealIsos {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealIsos() {}

    static Path repository() {
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        return Path.of(root == null ? ".." : root).toAbsolutePath().normalize();
    }

    /** The ISO of one kind (debian-live, dracut-classic, dracut-direct, dracut-ndpmem), built when not cached. */
    static synchronized Path iso(String kind) throws IOException, InterruptedException {
        Path cached = BUILT.get(kind);
        if (cached != null) {
            return cached;
        }
        Path log = Path.of("target", "build-real-iso-" + kind + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Path out = Files.createTempFile("build-real-iso", ".out");
        Process process = new ProcessBuilder(
                        repository().resolve("scripts/build-real-iso").toString(), kind)
                .directory(repository().toFile())
                .redirectOutput(out.toFile())
                .redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(45, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/build-real-iso " + kind + " did not finish in 45 minutes; see " + log);
        }
        String printed = Files.readString(out).strip();
        Files.delete(out);
        if (process.exitValue() != 0 || printed.isEmpty()) {
            throw new AssertionError("scripts/build-real-iso " + kind + " failed (exit " + process.exitValue() + "):\n"
                    + tail(Files.readString(log), 3000));
        }
        Path iso = Path.of(printed.lines().reduce((a, b) -> b).orElseThrow());
        BUILT.put(kind, iso);
        return iso;
    }

    /** What one run of scripts/demo-iso reported, with the console log it kept. */
    record Boot(int exitCode, JsonNode summary, String console, String stderr) {
        String result() {
            return summary.path("result").asText("(none)");
        }

        String matched() {
            return summary.path("matched").asText("");
        }

        boolean reached(String phase) {
            return summary.path("phases").has(phase);
        }

        /** The end of the console and the script's own messages, for assertion messages. */
        String describe() {
            return "demo-iso exit " + exitCode + ", summary " + summary + "\n--- console (end) ---\n"
                    + tail(console, 4000) + "\n--- demo-iso stderr (end) ---\n" + tail(stderr, 1500);
        }
    }

    /** Runs {@code scripts/demo-iso --iso ISO ARGS…} with webboot from this test's class path. */
    static Boot demo(Path iso, Path work, String... args) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path summary = work.resolve("summary.json");
        Path console = work.resolve("console.log");
        Path stderr = work.resolve("demo-iso.stderr");
        List<String> command = new ArrayList<>(List.of(
                repository().resolve("scripts/demo-iso").toString(),
                "--iso",
                iso.toString(),
                "--classpath",
                RuntimeClassPath.joined(),
                "--log",
                console.toString(),
                "--summary",
                summary.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(repository().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(25, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/demo-iso did not end in 25 minutes: " + iso);
        }
        String consoleText =
                Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "(no console log)";
        JsonNode parsed = Files.exists(summary) ? JSON.readTree(summary.toFile()) : JSON.createObjectNode();
        // Kept for whoever reads a failure.
        if (Files.exists(console)) {
            Files.copy(
                    console,
                    Path.of("target", "real-iso-" + work.getFileName() + ".log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return new Boot(process.exitValue(), parsed, consoleText, Files.readString(stderr));
    }

    static String tail(String text, int chars) {
        return text.substring(Math.max(0, text.length() - chars));
    }
}
