package dev.webboot.plan.bls;

import static dev.webboot.plan.ImageTrees.image;
import static dev.webboot.plan.ImageTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlsConfigTest {
    @TempDir
    Path root;

    @Test
    void entriesSortedByNameWithLoaderDefault() throws IOException {
        write(root, "/loader/loader.conf", "timeout 15\ndefault 02-speech.conf\n");
        write(
                root,
                "/loader/entries/01-linux.conf",
                "title    Arch Linux (x86_64, UEFI)\nsort-key 01\nlinux    /arch/boot/x86_64/vmlinuz-linux\n"
                        + "initrd   /arch/boot/x86_64/initramfs-linux.img\noptions  archisobasedir=arch\n");
        write(
                root,
                "/loader/entries/02-speech.conf",
                "title Speech\nlinux /k\ninitrd /a.img\ninitrd /b.img /c.img\noptions one\noptions two\n");
        write(root, "/loader/entries/03-shell.conf", "title Shell\nefi /shellx64.efi\n");
        assertThat(BlsConfig.read(image(root)))
                .containsExactly(
                        BootEntry.of(
                                "Arch Linux (x86_64, UEFI)",
                                "/arch/boot/x86_64/vmlinuz-linux",
                                List.of("/arch/boot/x86_64/initramfs-linux.img"),
                                "archisobasedir=arch",
                                false),
                        BootEntry.of("Speech", "/k", List.of("/a.img", "/b.img", "/c.img"), "one two", true));
    }

    @Test
    void globs() {
        assertThat(BlsConfig.glob("arch-*", "arch-x.conf")).isTrue();
        assertThat(BlsConfig.glob("a?c.conf", "abc.conf")).isTrue();
        assertThat(BlsConfig.glob("a*b", "acbd")).isFalse();
    }
}
