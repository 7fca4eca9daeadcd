package dev.webboot.boot;

import dev.webboot.kexec.Kexec;
import dev.webboot.kexec.KexecRequest;
import dev.webboot.kexec.LoadedKernel;
import java.io.IOException;

/**
 * What loads and boots the kernel at the end of the flow: {@link #system()} on a real machine; tests put a recording
 * one in its place to see exactly what would have been kexec'd.
 */
public interface KexecBackend {
    /**
     * Loads the kernel (see {@link Kexec#load}); with {@code dryRun}, prepares everything and stops before the system
     * call.
     */
    LoadedKernel load(KexecRequest request, boolean dryRun) throws IOException;

    /** Jumps into the loaded kernel; returns only by throwing on a real machine. */
    void execute() throws IOException;

    /** {@code kexec_file_load} and {@code reboot(LINUX_REBOOT_CMD_KEXEC)} on this machine. */
    static KexecBackend system() {
        Kexec kexec = Kexec.system();
        return new KexecBackend() {
            @Override
            public LoadedKernel load(KexecRequest request, boolean dryRun) throws IOException {
                return kexec.load(request, dryRun);
            }

            @Override
            public void execute() throws IOException {
                kexec.execute();
            }
        };
    }
}
