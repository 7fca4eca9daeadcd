package dev.webboot.boot;

import dev.webboot.kexec.Kexec;
import dev.webboot.kexec.KexecRequest;
import dev.webboot.kexec.LoadedKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the machine's kexec: prepares everything with the real {@link Kexec} (memory files, header checks) but
 * always stops before the system call, and records what it was given, bytes included.
 */
final class RecordingKexec implements KexecBackend {
    /** One load: the command line and the bytes of the kernel and the initrd as they were handed over. */
    record Load(String cmdline, byte[] kernel, byte[] initrd, boolean dryRun, LoadedKernel loaded) {}

    final List<Load> loads = new ArrayList<>();
    int executions;

    @Override
    public LoadedKernel load(KexecRequest request, boolean dryRun) throws IOException {
        byte[] kernel = Files.readAllBytes(request.kernel());
        byte[] initrd = new byte[0];
        for (Path path : request.initrds()) {
            byte[] more = Files.readAllBytes(path);
            byte[] all = java.util.Arrays.copyOf(initrd, initrd.length + more.length);
            System.arraycopy(more, 0, all, initrd.length, more.length);
            initrd = all;
        }
        LoadedKernel loaded = Kexec.system().load(request, true);
        loads.add(new Load(request.commandLine(), kernel, initrd, dryRun, loaded));
        return loaded;
    }

    @Override
    public void execute() {
        executions++;
    }
}
