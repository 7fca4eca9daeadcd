package dev.webboot.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLinesTest {
    @Test
    void carriesTheRunningConsolesOverThenAppendsTheUsersParameters() {
        assertThat(CommandLines.compose(
                        "boot=live quiet memmap=1G!4G",
                        "BOOT_IMAGE=/vmlinuz console=tty0 console=ttyS0,115200 memmap=1G!4G",
                        "nomodeset webboot.x=\"a b\""))
                .isEqualTo("boot=live quiet memmap=1G!4G console=tty0 console=ttyS0,115200 nomodeset"
                        + " webboot.x=\"a b\"");
    }

    @Test
    void repeatsNothingThePlanAlreadyHasAndKeepsInitArgumentsLast() {
        assertThat(CommandLines.compose("quiet console=ttyS0 -- single", "console=ttyS0 -- console=ignored", "quiet"))
                .isEqualTo("quiet console=ttyS0 -- single");
        assertThat(CommandLines.compose("quiet -- single", "console=ttyS0", "splash"))
                .isEqualTo("quiet console=ttyS0 splash -- single");
        assertThat(CommandLines.compose("quiet", "", "")).isEqualTo("quiet");
    }
}
