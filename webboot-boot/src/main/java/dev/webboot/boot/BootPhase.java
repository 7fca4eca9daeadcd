package dev.webboot.boot;

/** The steps of a boot, in the order {@link WebBoot} runs them. Not every boot runs every phase. */
public enum BootPhase {
    /** Bringing an interface up by DHCP (skipped when a default route exists and no interface was named). */
    NETWORK("network"),
    /** Finding what to fetch: a catalog entry, a URL or a local file, and the evidence that vouches for it. */
    RESOLVE("resolve"),
    /** Downloading, verifying and writing the image (into the pmem device, or into the cache). */
    FETCH("fetch"),
    /** Verifying an image already on disk (a cached download or a local file) before it is used. */
    VERIFY("verify"),
    /** Copying a verified image from the cache or a local file into the pmem device. */
    STAGE("stage"),
    /** Opening the image and planning the boot from its own boot menu. */
    PLAN("plan"),
    /** Building the initrd kexec gets: the entry's initrds, extended with drivers when the plan says so. */
    INITRD("initrd"),
    /** Loading the kernel with {@code kexec_file_load} (or, in a dry run, preparing everything but the call). */
    LOAD("load"),
    /** Jumping into the loaded kernel. */
    EXECUTE("execute");

    private final String id;

    BootPhase(String id) {
        this.id = id;
    }

    /** The lower-case name used in the boot log and in JSON. */
    public String id() {
        return id;
    }
}
