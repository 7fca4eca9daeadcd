package dev.webboot.boot.media;

import dev.webboot.api.catalog.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The medium's menu: the webboot menu, each catalog distribution booted unattended ({@code webboot.boot=ID}), and a
 * shell (after {@code webboot list}); {@code --append} goes at the end of every entry, so that it wins where the
 * kernel or /init takes the last of a repeated parameter. No {@code memmap=}: the size of the RAM disk depends on the
 * machine and the image (docs/media.md).
 */
record BootMenu(List<MenuItem> items) {
    /** Where the kernel and initramfs are on the medium (and beside the iPXE script). */
    static final String KERNEL = "vmlinuz";

    static final String INITRAMFS = "webboot.img";

    /** Parameters every entry starts with: a quiet console, so that webboot's menu is what the screen shows. */
    static final List<String> BASE = List.of("quiet");

    /** One entry: its GRUB id, title and kernel parameters. */
    record MenuItem(String id, String title, List<String> parameters, boolean isDefault) {
        MediaEntry entry() {
            return new MediaEntry(title, String.join(" ", parameters), isDefault);
        }
    }

    static BootMenu of(List<CatalogEntry> distributions, Optional<String> defaultBoot, List<String> append) {
        if (defaultBoot.isPresent() && distributions.stream().noneMatch(d -> d.id().equals(defaultBoot.get()))) {
            throw new IllegalArgumentException("--boot " + defaultBoot.get() + ": no such distribution in the catalog"
                    + " (webboot list names them)");
        }
        List<MenuItem> items = new ArrayList<>();
        items.add(new MenuItem("webboot", "webboot", parameters(List.of(), append), defaultBoot.isEmpty()));
        for (CatalogEntry distribution : distributions) {
            items.add(new MenuItem(
                    "boot-" + distribution.id(),
                    "webboot: boot " + distribution.name() + " " + distribution.version() + " unattended",
                    parameters(List.of("webboot.boot=" + distribution.id()), append),
                    defaultBoot.filter(distribution.id()::equals).isPresent()));
        }
        items.add(new MenuItem(
                "shell",
                "webboot: a shell (after webboot list)",
                parameters(List.of("webboot.cmd=list", "webboot.then=shell"), append),
                false));
        return new BootMenu(List.copyOf(items));
    }

    private static List<String> parameters(List<String> own, List<String> append) {
        List<String> all = new ArrayList<>(BASE);
        all.addAll(own);
        all.addAll(append);
        return List.copyOf(all);
    }

    MenuItem defaultItem() {
        return items.stream().filter(MenuItem::isDefault).findFirst().orElseThrow();
    }

    List<MediaEntry> entries() {
        return items.stream().map(MenuItem::entry).toList();
    }

    /** grub.cfg for the medium, whose files are under /boot. */
    String grubConfig() {
        StringBuilder cfg = new StringBuilder();
        cfg.append("# The webboot boot medium, written by `webboot media build` (docs/media.md).\n");
        cfg.append("# A serial console too when the machine has one (servers, QEMU); the screen stays.\n");
        cfg.append("if serial --unit=0 --speed=115200; then\n");
        cfg.append("    terminal_input --append serial\n");
        cfg.append("    terminal_output --append serial\n");
        cfg.append("fi\n");
        cfg.append("set timeout=5\n");
        cfg.append("set default=").append(defaultItem().id()).append('\n');
        for (MenuItem item : items) {
            cfg.append("\nmenuentry ")
                    .append(KernelParameters.grubWord(item.title()))
                    .append(" --id ")
                    .append(item.id())
                    .append(" {\n");
            cfg.append("    linux /boot/")
                    .append(KERNEL)
                    .append(' ')
                    .append(KernelParameters.grubLine(item.parameters()))
                    .append('\n');
            cfg.append("    initrd /boot/").append(INITRAMFS).append('\n');
            cfg.append("}\n");
        }
        return cfg.toString();
    }

    /**
     * The iPXE script: the default entry only (menus need an iPXE built with them). File names are relative, so iPXE
     * fetches them from where it fetched the script; {@code initrd=} lets the kernel's EFI stub find the initramfs
     * under UEFI iPXE.
     */
    String ipxeScript() {
        MenuItem item = defaultItem();
        List<String> words = new ArrayList<>(List.of("initrd=" + INITRAMFS));
        words.addAll(item.parameters());
        return "#!ipxe\n"
                + "# webboot over the network, written by `webboot media build --ipxe` (docs/media.md): "
                + item.title() + "\n"
                + "kernel " + KERNEL + " " + KernelParameters.ipxeLine(words) + "\n"
                + "initrd " + INITRAMFS + "\n"
                + "boot\n";
    }
}
