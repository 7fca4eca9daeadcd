package dev.webboot.boot;

/** The source looked like a catalog id, and the catalog has no such entry. */
public final class UnknownDistroException extends BootException {
    private final String id;
    private final String catalog;

    public UnknownDistroException(String id, String catalog) {
        super(BootPhase.RESOLVE, id + ": no such distro in " + catalog + " (see webboot list)");
        this.id = id;
        this.catalog = catalog;
    }

    /** The id asked for. */
    public String id() {
        return id;
    }

    /** The catalog that was searched (its source: a file, a URL, or the built-in one). */
    public String catalog() {
        return catalog;
    }
}
