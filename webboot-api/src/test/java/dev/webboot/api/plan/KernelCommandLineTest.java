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
    }

    @Test
    void addedParametersStayBeforeTheInstallersCarryOverSeparator() {
        // Ubuntu's menu: what follows --- is copied into the installed system's boot loader.
        KernelCommandLine ubuntu =
                KernelCommandLine.parse("layerfs-path=minimal.standard.live.squashfs --- quiet splash");
        KernelCommandLine adapted =
                ubuntu.with("boot=casper").with("live-media=/dev/pmem0").with("memmap=1G!4G");
        assertThat(adapted.toString())
                .isEqualTo("layerfs-path=minimal.standard.live.squashfs boot=casper live-media=/dev/pmem0 memmap=1G!4G"
                        + " --- quiet splash");
        assertThat(adapted.carriedOver()).containsExactly("quiet", "splash");
        assertThat(adapted.replacing("memmap=2G!4G").toString())
                .isEqualTo("layerfs-path=minimal.standard.live.squashfs boot=casper live-media=/dev/pmem0 memmap=2G!4G"
                        + " --- quiet splash");
        // Whichever separator comes first wins: after --, a --- is init's argument.
        assertThat(KernelCommandLine.parse("a -- b --- c").with("y").toString()).isEqualTo("a y -- b --- c");
        assertThat(KernelCommandLine.parse("a -- b --- c").carriedOver()).isEmpty();
        assertThat(KernelCommandLine.parse("a --- b -- c").with("y").toString()).isEqualTo("a y --- b -- c");
        assertThat(KernelCommandLine.parse("a b").carriedOver()).isEmpty();
        assertThat(KernelCommandLine.parse("").replacing("z=1").parameters()).isEqualTo(List.of("z=1"));
    }

    @Test
    void bootImageResolveNeverLeavesTheRoot() {
        BootImage image = new BootImage(java.nio.file.Path.of("/srv/iso"), "L", "U");
        assertThat(image.resolve("/../../etc/passwd")).isEqualTo(java.nio.file.Path.of("/srv/iso/etc/passwd"));
        assertThat(image.resolve("casper//./vmlinuz")).isEqualTo(java.nio.file.Path.of("/srv/iso/casper/vmlinuz"));
    }
}
