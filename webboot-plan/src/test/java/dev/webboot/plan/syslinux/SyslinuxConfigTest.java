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

    /**
     * Issue 17, item 9: a tree shaped like debian-installer's boot-screens (syslinux.cfg runs vesamenu.c32 through
     * DEFAULT, with no UI; menu.cfg includes the entry files and nests the advanced and dark-contrast submenus, whose
     * files carry their own DEFAULT and MENU DEFAULT lines). syslinux 6.04 opens the top menu on its MENU DEFAULT
     * entry, "Install"; each submenu is named by its MENU LABEL.
     */
    @Test
    void aDebianInstallerTreeDefaultsToInstallAndNamesSubmenusByTheirLabels() throws IOException {
        String d = "/debian-installer/amd64/boot-screens/";
        write(root, d + "stdmenu.cfg", "menu background splash.png\nmenu color title * #FFFFFFFF *\n");
        write(root, d + "dtmenu.cfg", "menu background\nmenu color title * #FFFFFFFF *\n");
        write(
                root,
                d + "txt.cfg",
                "default install\nlabel install\n\tmenu label ^Install\n\tmenu default\n"
                        + "\tkernel debian-installer/amd64/linux\n"
                        + "\tappend vga=788 initrd=debian-installer/amd64/initrd.gz --- quiet \n");
        write(
                root,
                d + "adtxt.cfg",
                "label expert\n\tmenu label E^xpert install\n\tkernel debian-installer/amd64/linux\n"
                        + "\tappend priority=low vga=788 initrd=debian-installer/amd64/initrd.gz --- \n"
                        + "include " + d.substring(1) + "rqtxt.cfg\n");
        write(
                root,
                d + "rqtxt.cfg",
                "label rescue\n\tmenu label ^Rescue mode\n\tkernel debian-installer/amd64/linux\n"
                        + "\tappend vga=788 initrd=debian-installer/amd64/initrd.gz rescue/enable=true --- quiet \n");
        // The dark-contrast menu's entries: the same installer, with the theme the screen reader users asked for.
        write(
                root,
                d + "dtxt.cfg",
                "default installdark\nlabel installdark\n\tmenu label ^Install\n\tmenu default\n"
                        + "\tkernel debian-installer/amd64/linux\n"
                        + "\tappend vga=788 initrd=debian-installer/amd64/initrd.gz theme=dark --- quiet \n");
        write(
                root,
                d + "menu.cfg",
                "menu hshift 4\nmenu width 70\n\n"
                        + "menu title Debian GNU/Linux installer menu (BIOS mode)\n"
                        + "include " + d.substring(1) + "stdmenu.cfg\n"
                        + "include " + d.substring(1) + "txt.cfg\n"
                        + "menu begin advanced\n    menu label ^Advanced options\n\tmenu title Advanced installer options\n"
                        + "\tinclude " + d.substring(1) + "stdmenu.cfg\n"
                        + "\tlabel mainmenu\n\t\tmenu label ^Back..\n\t\tmenu exit\n"
                        + "\tinclude " + d.substring(1) + "adtxt.cfg\n"
                        + "menu end\n"
                        + "menu begin dark\n    menu label ^Accessible dark contrast installer menu\n"
                        + "\tmenu title Debian GNU/Linux installer menu (dark contrast)\n"
                        + "\tinclude " + d.substring(1) + "dtmenu.cfg\n"
                        + "\tlabel mainmenu\n\t\tmenu label ^Back..\n\t\tmenu exit\n"
                        + "\tinclude " + d.substring(1) + "dtxt.cfg\n"
                        + "menu end\n"
                        + "label help\n\tmenu label ^Help\n\ttext help\n   Display help screens\n\tendtext\n"
                        + "\tconfig " + d.substring(1) + "prompt.cfg\n");
        write(
                root,
                "/syslinux.cfg",
                "# D-I config version 2.0\n"
                        + "# search path for the c32 support libraries (libcom32, libutil etc.)\n"
                        + "path " + d.substring(1) + "\n"
                        + "include " + d.substring(1) + "menu.cfg\n"
                        + "default " + d.substring(1) + "vesamenu.c32\nprompt 0\ntimeout 0\n");
        List<BootEntry> entries = SyslinuxConfig.read(image(root), "/syslinux.cfg");
        assertThat(entries)
                .extracting(BootEntry::title, BootEntry::isDefault)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Install", true),
                        org.assertj.core.groups.Tuple.tuple("Advanced options > Expert install", false),
                        org.assertj.core.groups.Tuple.tuple("Advanced options > Rescue mode", false),
                        org.assertj.core.groups.Tuple.tuple(
                                "Accessible dark contrast installer menu > Install", false));
    }

    @Test
    void withUiDefaultNamesTheEntryEvenInASubmenuAndASubmenuWithoutLabelIsNamedByItsTitle() throws IOException {
        List<BootEntry> entries = run("ui menu.c32\ndefault deep\n"
                + "label top\n menu default\n kernel /k\n"
                + "menu begin sub\n menu title Sub title\n label deep\n  menu label Deep\n  kernel /k\n menu end\n"
                + "menu begin tagonly\n label t\n  kernel /k\n menu end\n");
        assertThat(entries)
                .extracting(BootEntry::title, BootEntry::isDefault)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("top", false),
                        org.assertj.core.groups.Tuple.tuple("Sub title > Deep", true),
                        org.assertj.core.groups.Tuple.tuple("tagonly > t", false));
    }

    @Test
    void withoutAMenuTheCommandLineBootsTheDefaultLabel() throws IOException {
        List<BootEntry> entries = run("default b\nprompt 1\nlabel a\n menu default\n kernel /k\nlabel b\n kernel /k\n");
        assertThat(entries).extracting(BootEntry::isDefault).containsExactly(false, true);
    }
}
