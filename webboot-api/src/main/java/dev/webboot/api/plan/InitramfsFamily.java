package dev.webboot.api.plan;

/** The initramfs generators whose early-boot hooks a driver patch knows how to use. */
public enum InitramfsFamily {
    /** Debian/Ubuntu initramfs-tools: {@code /init} sources {@code conf/conf.d/*} before udev starts. */
    INITRAMFS_TOOLS("initramfs-tools"),
    /** dracut: {@code lib/dracut/hooks/pre-udev/*.sh}. */
    DRACUT("dracut"),
    /** Arch's mkinitcpio: its {@code block} hook already carries {@code drivers/nvdimm}. */
    MKINITCPIO("mkinitcpio"),
    /**
     * NixOS's stage 1 (a generated {@code /init} script): its udev loads the modules the initrd carries; it has no
     * folder of early hooks that an appended archive could add to, so a patch of this family can only be reported,
     * never injected.
     */
    NIXOS("nixos");

    private final String id;

    InitramfsFamily(String id) {
        this.id = id;
    }

    /** The name used in JSON output. */
    public String id() {
        return id;
    }
}
