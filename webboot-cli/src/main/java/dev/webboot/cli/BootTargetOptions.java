package dev.webboot.cli;

import dev.webboot.boot.BootRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where and how the chosen image is booted: the options {@code boot} and {@code menu} share. */
final class BootTargetOptions {
    @Option(
            names = {"-i", "--interface"},
            paramLabel = "IF",
            description = "Bring this interface up by DHCP (default: only when there is no default route).")
    Optional<String> networkInterface;

    @Option(
            names = "--dry-run",
            description = "Do everything but the kexec; print the plan, the entry and the cmdline.")
    boolean dryRun;

    @Option(
            names = "--medium",
            paramLabel = "auto|pmem|file",
            description = "pmem: the ISO is the whole pmem device; file: the ISO stays a file in --cache; auto"
                    + " (default): pmem when the machine has a pmem device, else file.")
    String medium = "auto";

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            description = "The pmem device to stage into (default: the first one); a regular file is accepted too"
                    + " and written as the device would be.")
    Optional<Path> device;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Keep downloaded images here (verified again before reuse); the boot log goes here too.")
    Optional<Path> cache;

    @Option(names = "--append", paramLabel = "ARGS", description = "Kernel parameters added after the plan's.")
    String append = "";

    @Option(names = "--no-inject", description = "Do not add the pmem drivers to an initrd that lacks them.")
    boolean noInject;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "Write the boot log here (default: DIR/webboot-boot.log with --cache, else"
                    + " /run/webboot/boot.log).")
    Optional<Path> log;

    /** The medium named by {@code --medium}, or a usage error. */
    BootRequest.Medium medium(CommandLine command) {
        try {
            return BootRequest.Medium.valueOf(medium.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command, "--medium must be auto, pmem or file, not " + medium);
        }
    }

    /** Puts these options into {@code builder}. */
    BootRequest.Builder applyTo(BootRequest.Builder builder, CommandLine command) {
        builder.medium(medium(command)).dryRun(dryRun).inject(!noInject).append(append);
        networkInterface.ifPresent(builder::networkInterface);
        device.ifPresent(builder::device);
        cache.ifPresent(builder::cache);
        log.ifPresent(builder::logFile);
        return builder;
    }
}
