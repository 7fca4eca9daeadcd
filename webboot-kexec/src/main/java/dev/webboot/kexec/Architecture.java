package dev.webboot.kexec;

import java.util.Locale;

/** The CPU architectures webboot can kexec on, with their Linux system-call numbers. */
public enum Architecture {
    /** x86-64 (Java's {@code amd64}). */
    X86_64("x86_64", 319, 320, 169, 313, 175),
    /** 64-bit ARM (Java's {@code aarch64}), the asm-generic numbers. */
    ARM64("arm64", 279, 294, 142, 273, 105);

    private final String linuxName;
    final long memfdCreate;
    final long kexecFileLoad;
    final long reboot;
    final long finitModule;
    final long initModule;

    Architecture(
            String linuxName, long memfdCreate, long kexecFileLoad, long reboot, long finitModule, long initModule) {
        this.linuxName = linuxName;
        this.memfdCreate = memfdCreate;
        this.kexecFileLoad = kexecFileLoad;
        this.reboot = reboot;
        this.finitModule = finitModule;
        this.initModule = initModule;
    }

    /** The name Linux uses ({@code x86_64}, {@code arm64}). */
    public String linuxName() {
        return linuxName;
    }

    /** The {@code kexec_file_load} system-call number. */
    public long kexecFileLoadNumber() {
        return kexecFileLoad;
    }

    /** The {@code memfd_create} system-call number. */
    public long memfdCreateNumber() {
        return memfdCreate;
    }

    /** The {@code reboot} system-call number. */
    public long rebootNumber() {
        return reboot;
    }

    /** The {@code finit_module} system-call number. */
    public long finitModuleNumber() {
        return finitModule;
    }

    /** The {@code init_module} system-call number. */
    public long initModuleNumber() {
        return initModule;
    }

    /**
     * The architecture this Java runtime runs on.
     *
     * @throws UnsupportedOperationException on any other
     */
    public static Architecture current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> ARM64;
            default -> throw new UnsupportedOperationException(
                    "kexec is supported on x86_64 and arm64, not on " + arch);
        };
    }
}
