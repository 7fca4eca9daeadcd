package dev.webboot.boot.internal;

import dev.webboot.api.plan.KernelCommandLine;
import dev.webboot.boot.RunningConsoles;

/** The final kernel command line: the plan's, the running kernel's consoles, then what the user appended. */
final class CommandLines {
    private CommandLines() {}

    /**
     * Composes the command line of the booted kernel.
     *
     * <p>The running kernel's {@code console=} parameters are carried over the way the planner carries
     * {@code memmap=}: the machine's consoles are where the user watches (a serial line in a rack, QEMU's
     * {@code ttyS0}), and the distribution's menu cannot know them. They come after the plan's own (the last
     * {@code console=} becomes {@code /dev/console}) and are not repeated when the plan already has them exactly.
     * The appended parameters come last, so a user's {@code console=} wins; an appended parameter the line already
     * holds exactly is not repeated.
     *
     * @param planned the plan's command line ({@code memmap=} already carried over)
     * @param running the running kernel's command line ({@code /proc/cmdline})
     * @param append the user's extra parameters
     */
    static String compose(String planned, String running, String append) {
        KernelCommandLine line = KernelCommandLine.parse(planned);
        for (String parameter : RunningConsoles.of(running)) {
            if (!line.parameters().contains(parameter)) {
                line = line.with(parameter);
            }
        }
        for (String parameter : KernelCommandLine.parse(append).parameters()) {
            if (!line.parameters().contains(parameter)) {
                line = line.with(parameter);
            }
        }
        return line.toString();
    }
}
