package dev.webboot.api.plan;

/** The initramfs generators whose early-boot hooks a driver patch knows how to use. */
public enum InitramfsFamily {
    /** Debian/Ubuntu initramfs-tools: {@code /init} sources {@code conf/conf.d/*} before udev starts. */
    INITRAMFS_TOOLS("initramfs-tools"),
    /** dracut: {@code lib/dracut/hooks/pre-udev/*.sh}. */
    DRACUT("dracut"),
    /** Arch's mkinitcpio: its {@code block} hook already carries {@code drivers/nvdimm}. */
    MKINITCPIO("mkinitcpio");

    private final String id;

    InitramfsFamily(String id) {
        this.id = id;
    }

    /** The name used in JSON output. */
    public String id() {
        return id;
    }
}
