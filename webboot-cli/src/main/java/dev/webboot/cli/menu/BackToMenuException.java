package dev.webboot.cli.menu;

/** Thrown out of a running boot when the user goes back from the boot entry list: nothing was booted. */
public final class BackToMenuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackToMenuException() {
        super("the boot was left for the menu", null, false, false);
    }
}
