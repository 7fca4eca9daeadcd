package dev.webboot.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCommandLineTest {
    @Test
    void splitsOnBlanksButNotInsideDoubleQuotes() {
        assertThat(KernelCommandLine.parse("  a=1\tsystemd.run=\"echo a b\"  \"x y\" c ")
                        .parameters())
                .containsExactly("a=1", "systemd.run=\"echo a b\"", "\"x y\"", "c");
    }

    @Test
    void valuesKeysAndRemoval() {
        KernelCommandLine cmdline =
                KernelCommandLine.parse("root=live:CDLABEL=X rd.live.image live-media=removable q=\"a b\"");
        assertThat(cmdline.value("root")).contains("live:CDLABEL=X");
        assertThat(cmdline.value("q")).contains("a b");
        assertThat(cmdline.has("rd.live.image")).isTrue();
        assertThat(cmdline.without("live-media").toString()).isEqualTo("root=live:CDLABEL=X rd.live.image q=\"a b\"");
        assertThat(cmdline.withoutExactly("rd.live.image").parameters()).hasSize(3);
    }

    @Test
    void replacingKeepsThePlaceAndAddingGoesBeforeInitArguments() {
        KernelCommandLine cmdline = KernelCommandLine.parse("a=1 b=2 a=3 -- single");
        assertThat(cmdline.replacing("a=9").toString()).isEqualTo("a=9 b=2 -- single");
        assertThat(cmdline.with("memmap=1G!4G").toString()).isEqualTo("a=1 b=2 a=3 memmap=1G!4G -- single");
        assertThat(KernelCommandLine.parse("x --- quiet").with("y").toString()).isEqualTo("x --- quiet y");
        assertThat(KernelCommandLine.parse("").replacing("z=1").parameters()).isEqualTo(List.of("z=1"));
    }

    @Test
    void bootImageResolveNeverLeavesTheRoot() {
        BootImage image = new BootImage(java.nio.file.Path.of("/srv/iso"), "L", "U");
        assertThat(image.resolve("/../../etc/passwd")).isEqualTo(java.nio.file.Path.of("/srv/iso/etc/passwd"));
        assertThat(image.resolve("casper//./vmlinuz")).isEqualTo(java.nio.file.Path.of("/srv/iso/casper/vmlinuz"));
    }
}
