package dev.webboot.plan.internal;

import java.util.List;

/**
 * The shell code that loads the injected modules early in each initramfs family's boot, and where it goes. The same
 * loop serves every family: each module is skipped when {@code /sys/module/NAME} exists (built in, or already loaded
 * by the initrd itself), else inserted by path with busybox {@code insmod}, falling back to kmod through the link
 * {@code /webboot/insmod} (kmod refuses {@code kmod insmod} and cannot {@code modprobe} a path). Loading by path needs
 * no {@code modules.dep}; the order written is the dependency order.
 */
public final class PmemHooks {
    /** Where the modules and the kmod link go: a top-level directory no initrd has. */
    public static final String DIRECTORY = "/webboot";

    /** The kmod link, for initrds without busybox. */
    public static final String INSMOD_LINK = DIRECTORY + "/insmod";

    /** What the kmod link points to: {@code /bin/kmod} (through {@code bin -> usr/bin} on merged-/usr systems). */
    public static final String KMOD = "/bin/kmod";

    /**
     * initramfs-tools (Debian, Ubuntu's casper, live-boot): {@code /init} sources every {@code conf/conf.d/*} right
     * after mounting /sys, /proc and /dev, before {@code init-top} scripts and udev; {@code zz-} sorts it last.
     */
    public static final String INITRAMFS_TOOLS_HOOK = "/conf/conf.d/zz-webboot-pmem";

    /**
     * dracut up to 109 (Debian's 059, Fedora ≤ 40): {@code dracut-pre-udev} sources {@code $hookdir/pre-udev/*.sh},
     * {@code hookdir=/lib/dracut/hooks}, before udev starts.
     */
    public static final String DRACUT_HOOK = "/lib/dracut/hooks/pre-udev/30-webboot-pmem.sh";

    /**
     * dracut-ng 110 and later (current Fedora): {@code list_hooks} reads only {@code /var/lib/dracut/hooks}, {@code
     * /etc/dracut/hooks} and {@code /usr/lib/dracut/hooks} (a name in the first hiding the same name in the others),
     * and {@code dracut-pre-udev.service} runs when one of those {@code pre-udev} folders is not empty. The first is
     * where dracut-ng itself installs hooks. {@link #DRACUT_HOOK} reaches it only where {@code lib -> usr/lib}, so
     * the hook is written at both paths; no dracut reads both, and where both are read as one name it runs once.
     */
    public static final String DRACUT_NG_HOOK = "/var/lib/dracut/hooks/pre-udev/30-webboot-pmem.sh";

    /**
     * mkinitcpio: {@code /init} sources {@code /config}, then runs {@code run_earlyhook} of every executable
     * {@code /hooks/NAME} listed in {@code $EARLYHOOKS}, before {@code $MODULES}, the {@code HOOKS} (udev, archiso, ...)
     * and the wait for the root device.
     */
    public static final String MKINITCPIO_HOOK = "/hooks/webboot_pmem";

    /** mkinitcpio's runtime configuration, replaced by a copy that puts {@code webboot_pmem} first in EARLYHOOKS. */
    public static final String MKINITCPIO_CONFIG = "/config";

    private PmemHooks() {}

    /** The loop, one line per statement, indented by {@code indent}. */
    public static String loop(List<String> modules, String kernelVersion, String indent) {
        return indent + "# webboot: load the pmem drivers (the ISO is on /dev/pmem0); kernel " + kernelVersion + "\n"
                + indent + "for _wb in " + String.join(" ", modules) + "; do\n"
                + indent + "\t[ -e /sys/module/$_wb ] || insmod " + DIRECTORY + "/$_wb.ko 2>/dev/null || "
                + INSMOD_LINK + " " + DIRECTORY + "/$_wb.ko\n"
                + indent + "done\n"
                + indent + "unset _wb\n";
    }

    /** {@code conf/conf.d/zz-webboot-pmem}: sourced, so no shebang. */
    public static String initramfsTools(List<String> modules, String kernelVersion) {
        return loop(modules, kernelVersion, "");
    }

    /** {@link #DRACUT_HOOK} and {@link #DRACUT_NG_HOOK}: sourced by dracut's {@code source_hook}. */
    public static String dracut(List<String> modules, String kernelVersion) {
        return "#!/bin/sh\n" + loop(modules, kernelVersion, "");
    }

    /** {@code hooks/webboot_pmem}: mkinitcpio sources it and calls {@code run_earlyhook}. */
    public static String mkinitcpio(List<String> modules, String kernelVersion) {
        return "#!/usr/bin/ash\n\nrun_earlyhook() {\n" + loop(modules, kernelVersion, "\t") + "}\n";
    }

    /** The original {@code /config} with {@code webboot_pmem} put first in {@code EARLYHOOKS}. */
    public static String mkinitcpioConfig(String original) {
        return original + (original.isEmpty() || original.endsWith("\n") ? "" : "\n")
                + "# webboot: load the pmem drivers before every other hook\n"
                + "EARLYHOOKS=\"webboot_pmem${EARLYHOOKS:+ $EARLYHOOKS}\"\n";
    }
}
