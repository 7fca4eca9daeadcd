package dev.webboot.cli;

import static dev.webboot.testing.ExternalTools.require;
import static dev.webboot.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.iso.initramfs.Compression;
import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.iso.initramfs.MemberType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webboot initrd ls|cat|append} on an initrd made by GNU cpio and gzip, through {@link Main#execute}. */
class InitrdCommandTest {
    @TempDir
    Path tmp;

    Path initrd;

    record Run(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static synchronized Run webboot(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            System.out.flush();
            return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeEach
    void makeInitrd() throws IOException {
        require("cpio", "cpio");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve("usr/lib/modules"));
        Files.createSymbolicLink(tree.resolve("lib"), Path.of("usr/lib"));
        Files.writeString(tree.resolve("init"), "#!/bin/sh\necho \"hi\"\n");
        run(tree, "sh", "-c", "find . | LC_ALL=C sort | cpio --quiet -o -H newc | gzip -n > ../initrd.img");
        initrd = tmp.resolve("initrd.img");
    }

    @Test
    void lsPrintsOneJsonObjectPerMember() {
        Run run = webboot("initrd", "ls", "--json", initrd.toString());
        assertThat(run.status()).as(run.stderr()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines)
                .contains("{\"segment\":0,\"compression\":\"gzip\",\"path\":\"/init\",\"type\":\"file\",\"size\":20,"
                        + "\"mode\":420,\"uid\":0,\"gid\":0,\"mtime\":"
                        + lines.stream()
                                .filter(l -> l.contains("\"/init\""))
                                .findFirst()
                                .orElseThrow()
                                .replaceAll(".*\"mtime\":(\\d+)}", "$1")
                        + "}");
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .startsWith("{\"segment\":0,\"compression\":\"gzip\",\"path\":\"/lib\",\"type\":\"symlink\",\"size\":7")
                .endsWith(",\"target\":\"usr/lib\"}"));
        Run text = webboot("initrd", "ls", initrd.toString());
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("/lib -> usr/lib").contains(" /init\n");
    }

    @Test
    void lsAndCatReadAnInitrdInsideAnIsoAsIsoAndSquashfsDo() throws IOException {
        // What a user saw: "initrd ls 'live.iso!/live/initrd.img'" said "no such file".
        Path isoTree = Files.createDirectories(tmp.resolve("isotree/live"));
        Files.copy(initrd, isoTree.resolve("initrd.img"));
        Path iso = tmp.resolve("live.iso");
        run(
                tmp,
                require("xorriso", "xorriso").toString(),
                "-as",
                "mkisofs",
                "-quiet",
                "-R",
                "-o",
                iso.toString(),
                tmp.resolve("isotree").toString());
        CliRun.Result inIso = CliRun.webboot(tmp, "initrd", "ls", "--json", iso + "!/live/initrd.img");
        assertThat(inIso.exitCode()).as(inIso.stderr()).isZero();
        assertThat(inIso.out())
                .isEqualTo(webboot("initrd", "ls", "--json", initrd.toString()).out());
        CliRun.Result cat = CliRun.webboot(tmp, "initrd", "cat", iso + "!/live/initrd.img", "/init");
        assertThat(cat.exitCode()).as(cat.stderr()).isZero();
        assertThat(cat.out()).isEqualTo("#!/bin/sh\necho \"hi\"\n");
    }

    @Test
    void catPrintsTheBytes() {
        Run run = webboot("initrd", "cat", initrd.toString(), "/init");
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.out()).isEqualTo("#!/bin/sh\necho \"hi\"\n");
        Run missing = webboot("initrd", "cat", initrd.toString(), "/nope");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr())
                .isEqualTo("webboot: " + initrd + ": /nope: no such member" + System.lineSeparator());
    }

    @Test
    void appendWritesTheOriginalBytesPlusOneArchive() throws IOException {
        Path module = tmp.resolve("nd_pmem.ko");
        Files.write(module, new byte[] {1, 2, 3, 4, 5});
        Path hooks = Files.createDirectories(tmp.resolve("hooks"));
        Files.writeString(hooks.resolve("webboot"), "#!/bin/sh\n");
        Path out = tmp.resolve("out.img");
        Run run = webboot(
                "initrd",
                "append",
                initrd.toString(),
                "-o",
                out.toString(),
                "--compress",
                "zstd",
                module + "=/lib/modules/6.1.0/nd_pmem.ko",
                hooks + "=/scripts/init-top");
        assertThat(run.status()).as(run.stderr()).isZero();
        byte[] original = Files.readAllBytes(initrd);
        assertThat(Arrays.copyOf(Files.readAllBytes(out), original.length)).isEqualTo(original);
        try (Initramfs initramfs = Initramfs.open(out)) {
            assertThat(initramfs.segments()).hasSize(2);
            assertThat(initramfs.segments().get(1).compression()).isEqualTo(Compression.ZSTD);
            assertThat(initramfs.read("/usr/lib/modules/6.1.0/nd_pmem.ko")).containsExactly(1, 2, 3, 4, 5);
            assertThat(initramfs.find("/lib").orElseThrow().type()).isEqualTo(MemberType.SYMLINK);
            assertThat(new String(initramfs.read("/scripts/init-top/webboot"), StandardCharsets.UTF_8))
                    .isEqualTo("#!/bin/sh\n");
        }
        Run cat = webboot("initrd", "cat", out.toString(), "/lib/modules/6.1.0/nd_pmem.ko");
        assertThat(cat.stdout()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void malformedInitrdFailsWithOneSentence() throws IOException {
        Path bad = tmp.resolve("bad.img");
        Files.writeString(bad, "not an initrd at all");
        Run run = webboot("initrd", "ls", bad.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr())
                .isEqualTo("webboot: " + bad + ": invalid magic at start of compressed archive at byte offset 0"
                        + System.lineSeparator());
        Run cut = webboot("initrd", "cat", tmp.resolve("missing.img").toString(), "/init");
        assertThat(cut.status()).isEqualTo(1);
        assertThat(cut.stderr())
                .isEqualTo("webboot: " + tmp.resolve("missing.img") + ": no such file" + System.lineSeparator());
    }

    @Test
    void usageErrorsExitTwo() {
        Path out = tmp.resolve("out.img");
        Run badCompression =
                webboot("initrd", "append", initrd.toString(), "-o", out.toString(), "--compress", "lz4", "x=/y");
        assertThat(badCompression.status()).isEqualTo(2);
        assertThat(badCompression.stderr()).contains("--compress must be none, gzip, xz or zstd");
        assertThat(webboot("initrd", "append", initrd.toString(), "x=/y").status())
                .isEqualTo(2);
        assertThat(webboot("initrd", "ls").status()).isEqualTo(2);
        assertThat(webboot("initrd").status()).isEqualTo(2);
    }
}
