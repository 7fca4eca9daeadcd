package dev.webboot.plan.syslinux;

import static dev.webboot.plan.ImageTrees.image;
import static dev.webboot.plan.ImageTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslinuxConfigTest {
    @TempDir
    Path root;

    private List<BootEntry> run(String config) throws IOException {
        write(root, "/isolinux/isolinux.cfg", config);
        return SyslinuxConfig.read(image(root), "/isolinux/isolinux.cfg");
    }

    @Test
    void keywordsAreCaseInsensitiveAndAppendInitrdsBecomeTheInitrdList() throws IOException {
        List<BootEntry> entries = run("UI vesamenu.c32\nDEFAULT live\nTIMEOUT 50\n"
                + "Label live\n  Menu Label ^Live system\n  KERNEL /live/vmlinuz\n"
                + "  APPEND initrd=/live/initrd.img,/live/extra.img boot=live components quiet\n"
                + "label other\n  linux vmlinuz\n  initrd initrd.gz\n  append quiet\n");
        assertThat(entries)
                .containsExactly(
                        BootEntry.of(
                                "Live system",
                                "/live/vmlinuz",
                                List.of("/live/initrd.img", "/live/extra.img"),
                                "boot=live components quiet",
                                true),
                        BootEntry.of("other", "/isolinux/vmlinuz", List.of("/isolinux/initrd.gz"), "quiet", false));
    }

    @Test
    void modulesAreNotLinuxEntries() throws IOException {
        List<BootEntry> entries = run("default vesamenu.c32\n"
                + "label hdt\n menu label Hardware\n com32 hdt.c32\n"
                + "label mem\n kernel /boot/memtest86+.bin\n"
                + "label chain\n kernel chain.c32\n append hd0 0\n"
                + "label linux\n menu default\n kernel /k\n append -\n");
        assertThat(entries).containsExactly(BootEntry.of("linux", "/k", List.of(), "", true));
    }

    @Test
    void includeMenuBeginAndHide() throws IOException {
        write(root, "/isolinux/live.cfg", "label live\n menu label Live\n kernel /k\n append a\n");
        List<BootEntry> entries = run("include live.cfg\n"
                + "menu begin advanced\n menu title Advanced options\n"
                + " label safe\n  menu label Safe mode\n  kernel /k\n  append b\n"
                + " label hidden\n  menu hide\n  kernel /k\n"
                + "menu end\n"
                + "label after\n kernel /k\n");
        assertThat(entries)
                .extracting(BootEntry::title)
                .containsExactly("Live", "Advanced options > Safe mode", "after");
    }

    @Test
    void configSwitchesFileAndDirectory() throws IOException {
        write(root, "/boot/syslinux/real.cfg", "label real\n kernel vmlinuz\n");
        assertThat(run("config /boot/syslinux/real.cfg\nlabel ignored\n kernel /k\n"))
                .containsExactly(BootEntry.of("real", "/boot/syslinux/vmlinuz", List.of(), "", false));
    }

    @Test
    void selfIncludeIsRefused() {
        assertThatThrownBy(() -> run("label a\n kernel /k\ninclude isolinux.cfg\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("/isolinux/isolinux.cfg: line 3:")
                .hasMessageContaining("includes itself");
    }

    @Test
    void textBlocksAreSkipped() throws IOException {
        assertThat(run("label a\n kernel /k\n text help\n kernel /wrong\n endtext\n"))
                .extracting(BootEntry::kernel)
                .containsExactly("/k");
    }
}
