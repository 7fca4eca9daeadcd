package dev.webboot.boot;

import dev.webboot.api.plan.KernelCommandLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The running kernel's {@code console=} parameters, which {@code webboot boot} carries over to the booted kernel
 * after the plan's own command line (the machine's consoles are where the user watches; the distribution's menu
 * cannot know them). {@code webboot plan} shows them too, so what it prints is what boot passes.
 */
public final class RunningConsoles {
    private RunningConsoles() {}

    /**
     * The {@code console=} parameters of a kernel command line, in order, up to {@code --} (after it come init's
     * arguments).
     *
     * @param cmdline a kernel command line such as {@code /proc/cmdline}'s
     * @return for example {@code [console=tty0, console=ttyS0,115200]}
     */
    public static List<String> of(String cmdline) {
        return KernelCommandLine.parse(cmdline).parameters().stream()
                .takeWhile(parameter -> !parameter.equals(KernelCommandLine.INIT_SEPARATOR))
                .filter(parameter -> KernelCommandLine.keyOf(parameter).equals("console"))
                .toList();
    }

    /**
     * The running kernel's command line, {@code /proc/cmdline}; empty where there is none.
     *
     * @return the command line, stripped
     */
    public static String runningCommandLine() {
        try {
            return KernelCommandLine.read(Path.of("/proc/cmdline"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
