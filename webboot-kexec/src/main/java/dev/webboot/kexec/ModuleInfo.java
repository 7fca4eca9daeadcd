package dev.webboot.kexec;

import java.util.List;
import java.util.Objects;

/**
 * What a kernel module's {@code .modinfo} section says about it (what {@code modinfo} prints).
 *
 * @param name the module's name ({@code nd_pmem}), or an empty string when the section has no {@code name=}
 * @param depends the modules it needs loaded first ({@code depends=}), possibly none
 * @param vermagic the kernel release and options it was built for, or an empty string
 * @param license its license, or an empty string
 * @param softdeps its {@code softdep=} entries ({@code pre: realtek}), in order; modprobe follows the first
 */
public record ModuleInfo(String name, List<String> depends, String vermagic, String license, List<String> softdeps) {
    public ModuleInfo {
        Objects.requireNonNull(name, "name");
        depends = List.copyOf(depends);
        softdeps = List.copyOf(softdeps);
        Objects.requireNonNull(vermagic, "vermagic");
        Objects.requireNonNull(license, "license");
    }
}
