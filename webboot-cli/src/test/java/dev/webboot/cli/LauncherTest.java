package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 1: the {@code webboot} command a user installs with {@code scripts/install}, and its completion.
 * Runs after {@code package} (tag {@code packaged}, the {@code launcher} surefire execution of this module), on the
 * launcher and completion scripts the build made, installed into a temporary {@code DESTDIR}.
 */
@Tag("packaged")
class LauncherTest {
    private static final Path ROOT = Path.of(System.getenv().getOrDefault("WEBBOOT_TEST_ROOT", ".."));
    private static final Path TARGET = ROOT.resolve("webboot-cli/target");

    @TempDir
    Path dir;

    private Path install() {
        Path stage = dir.resolve("stage");
        ExternalTools.run(
                ROOT,
                "env",
                "DESTDIR=" + stage,
                "PREFIX=/usr/local",
                ROOT.resolve("scripts/install").toString());
        return stage.resolve("usr/local");
    }

    @Test
    void installsTheLauncherAndBothCompletionsUnderDestdirAndPrefix() throws IOException {
        Path prefix = install();
        Path launcher = prefix.resolve("bin/webboot");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.readAllBytes(launcher)).isEqualTo(Files.readAllBytes(TARGET.resolve("webboot")));
        assertThat(prefix.resolve("share/bash-completion/completions/webboot"))
                .hasSameBinaryContentAs(TARGET.resolve("webboot-completion.bash"));
        assertThat(Files.readString(prefix.resolve("share/zsh/site-functions/_webboot")))
                .startsWith("#compdef webboot\n");
        // Nothing outside DESTDIR: the stage holds exactly the three files.
        try (var files = Files.walk(dir.resolve("stage"))) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> dir.resolve("stage").relativize(p).toString()))
                    .containsExactlyInAnyOrder(
                            "usr/local/bin/webboot",
                            "usr/local/share/bash-completion/completions/webboot",
                            "usr/local/share/zsh/site-functions/_webboot");
        }
    }

    @Test
    void theInstalledCommandRunsFromPathAsTheJarDoes() throws IOException {
        Path bin = install().resolve("bin");
        String path = "PATH=" + bin + ":" + System.getenv("PATH");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jarVersion = ExternalTools.run(
                        dir, java, "-jar", TARGET.resolve("webboot.jar").toString(), "--version")
                .stdoutText();
        assertThat(jarVersion).startsWith("webboot ");
        assertThat(ExternalTools.run(dir, "env", path, "webboot", "--version").stdoutText())
                .isEqualTo(jarVersion);

        Path tree = Files.createDirectories(dir.resolve("tree/isolinux"));
        Files.writeString(tree.resolve("isolinux.cfg"), "default live\n");
        Files.writeString(dir.resolve("tree/README"), "hello\n");
        Path iso = IsoBuilder.of(dir.resolve("tree")).label("LAUNCHER").build(dir.resolve("launcher.iso"));
        String listing = ExternalTools.run(dir, "env", path, "webboot", "iso", "ls", "-R", iso.toString())
                .stdoutText();
        // The same names xorriso itself lists in the image it built.
        String xorriso = ExternalTools.run(
                        dir,
                        ExternalTools.require("xorriso", "xorriso").toString(),
                        "-indev",
                        iso.toString(),
                        "-find",
                        "/",
                        "-exec",
                        "lsdl")
                .stdoutText();
        for (String path1 : List.of("/README", "/isolinux", "/isolinux/isolinux.cfg")) {
            assertThat(listing).contains(path1);
            assertThat(xorriso).contains("'" + path1 + "'");
        }
        assertThat(listing.lines()).hasSize(3);
    }

    @Test
    void bashCompletesIsToIso() {
        Path completion = install().resolve("share/bash-completion/completions/webboot");
        String bash = ExternalTools.require("bash", "bash").toString();
        String script = "source '" + completion + "'\n"
                + "complete -p webboot\n"
                + "COMP_LINE='webboot is'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(webboot is); COMP_CWORD=1\n"
                + "_complete_webboot webboot is webboot\n"
                + "printf 'reply:%s\\n' \"${COMPREPLY[@]}\"\n"
                + "COMP_LINE='webboot iso '; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(webboot iso ''); COMP_CWORD=2\n"
                + "_complete_webboot webboot '' iso\n"
                + "printf 'sub:%s\\n' \"${COMPREPLY[@]}\"\n";
        String out = ExternalTools.run(dir, bash, "--norc", "--noprofile", "-c", script)
                .stdoutText();
        assertThat(out).contains("complete -o default -F _complete_webboot webboot");
        assertThat(out.lines().filter(l -> l.startsWith("reply:"))).containsExactly("reply:iso");
        assertThat(out.lines().filter(l -> l.startsWith("sub:")))
                .containsExactlyInAnyOrder("sub:cat", "sub:extract", "sub:info", "sub:ls");
    }

    @Test
    void zshCompletesIsToIsoFromSiteFunctions() throws IOException {
        ExternalTools.require("zsh", "zsh");
        Path prefix = install();
        Path home = Files.createDirectories(dir.resolve("home"));
        String command = "env -i TERM=xterm HOME=" + home + " PATH=" + prefix.resolve("bin") + ":/usr/bin:/bin zsh -f";
        try (Tmux zsh = Tmux.start(dir, 100, 20, command)) {
            zsh.keys(
                    "fpath=(" + prefix.resolve("share/zsh/site-functions")
                            + " $fpath); autoload -U compinit; compinit -u; echo ready",
                    "Enter");
            zsh.waitFor("\nready");
            zsh.keys("webboot is", "Tab");
            zsh.waitFor("webboot iso");
            zsh.keys("Tab");
            String screen = zsh.waitFor("extract");
            assertThat(screen).contains("cat").contains("info").contains("ls");
        }
    }
}
