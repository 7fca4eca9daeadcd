/**
 * The whole boot as a library: bring the network up, fetch and verify an image straight into a pmem device (or a
 * cache), open it, plan the boot from the distribution's own menu, build the initrd, and kexec.
 *
 * <pre>{@code
 * BootOutcome outcome = WebBoot.builder().build()
 *         .boot(BootRequest.builder("debian-live").dryRun(true).build(), new BootListener() {});
 * System.out.println(outcome.cmdline());
 * }</pre>
 *
 * <p>{@link dev.webboot.boot.WebBoot} runs the flow, {@link dev.webboot.boot.BootRequest} says what to boot,
 * {@link dev.webboot.boot.BootListener} watches it (and may choose the entry), {@link dev.webboot.boot.BootOutcome}
 * says what happened, and {@link dev.webboot.boot.BootLog} is the file a user reads after a failure.
 */
package dev.webboot.boot;
