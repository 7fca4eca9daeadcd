package dev.webboot.boot;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to boot and how. Build one with {@link #builder(String)}; every optional part has a default that boots the
 * catalog's or the menu's default the safe way (verified, into the first pmem device, with driver injection).
 *
 * @param source a catalog id ({@code debian-live}), an http(s) or file URL, or a local ISO file
 * @param entry the index of the boot entry in the plan; empty: {@link BootListener#chooseEntry} decides
 * @param medium where the booted kernel finds its ISO ({@link Medium#FILE} needs a cache, or a local ISO file as
 *     the source, on a disk the booted system can mount)
 * @param device the pmem device (or a file standing in for one); empty: the first pmem device of the machine
 * @param cache a directory that keeps downloaded images (verified again before each reuse); empty: no cache
 * @param insecure accept a missing signature or checksum (evidence that is present and wrong is refused even then)
 * @param dryRun do everything but {@code kexec_file_load} and the jump
 * @param inject extend the initrd with the pmem drivers when the plan says the distribution's initrd lacks them
 * @param append kernel parameters added after the plan's (space-separated, kernel quoting rules)
 * @param networkInterface the interface to bring up; empty: only when there is no default route, the best one
 * @param catalog a catalog file or URL instead of the built-in catalog
 * @param catalogKeyrings keyrings whose keys may sign a catalog fetched from a URL
 * @param sha256 the image's SHA-256 (instead of sums)
 * @param sums a checksum file (URL or file) naming the image
 * @param signature a detached OpenPGP signature (URL or file) of {@code sums}
 * @param keyrings OpenPGP keys to trust for {@code signature} (and, for a catalog entry, besides its shipped keys)
 * @param mirrors other sources of the same image, tried in order when the first fails
 * @param logFile where the boot log goes; empty: {@code <cache>/webboot-boot.log}, else
 *     {@code /run/webboot/boot.log}
 * @param arguments the {@code webboot boot} arguments that asked for this boot, source included, carried to webboot's
 *     second instance ({@code webboot.boot=}, {@code webboot.args=}) when it boots itself again with a {@code memmap=}
 *     it planned; empty: only the source is carried
 */
public record BootRequest(
        String source,
        OptionalInt entry,
        Medium medium,
        Optional<Path> device,
        Optional<Path> cache,
        boolean insecure,
        boolean dryRun,
        boolean inject,
        String append,
        Optional<String> networkInterface,
        Optional<String> catalog,
        List<Path> catalogKeyrings,
        Optional<String> sha256,
        Optional<String> sums,
        Optional<String> signature,
        List<Path> keyrings,
        List<String> mirrors,
        Optional<Path> logFile,
        List<String> arguments) {

    /** Where the booted kernel finds the ISO. */
    public enum Medium {
        /** A pmem device when the machine has one, else a file in the cache (which must then be given). */
        AUTO,
        /** The ISO is the whole pmem device; the RAM it lives in survives the kexec. */
        PMEM,
        /** The ISO is a file in the cache, on a disk the booted kernel mounts by its UUID. */
        FILE
    }

    public BootRequest {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a boot needs a source: a catalog id, a URL or a file");
        }
        Objects.requireNonNull(entry, "entry");
        if (entry.isPresent() && entry.getAsInt() < 0) {
            throw new IllegalArgumentException("the entry index must not be negative: " + entry.getAsInt());
        }
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(append, "append");
        Objects.requireNonNull(networkInterface, "networkInterface");
        Objects.requireNonNull(catalog, "catalog");
        catalogKeyrings = List.copyOf(catalogKeyrings);
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sums, "sums");
        Objects.requireNonNull(signature, "signature");
        keyrings = List.copyOf(keyrings);
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(logFile, "logFile");
        arguments = List.copyOf(arguments);
        if (sha256.isPresent() && sums.isPresent()) {
            throw new IllegalArgumentException("give a SHA-256 or a sums file, not both");
        }
        if (signature.isPresent() && sums.isEmpty()) {
            throw new IllegalArgumentException("a signature needs the sums file it signs");
        }
    }

    /** A builder for booting {@code source} (a catalog id, a URL or a local file) with every default. */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This request, booting entry {@code index} of the plan. */
    public BootRequest withEntry(int index) {
        return toBuilder().entry(index).build();
    }

    /** This request, stopping before the kexec or not. */
    public BootRequest withDryRun(boolean newDryRun) {
        return toBuilder().dryRun(newDryRun).build();
    }

    /** Builds a {@link BootRequest}. */
    public static final class Builder {
        private String source;
        private OptionalInt entry = OptionalInt.empty();
        private Medium medium = Medium.AUTO;
        private Optional<Path> device = Optional.empty();
        private Optional<Path> cache = Optional.empty();
        private boolean insecure;
        private boolean dryRun;
        private boolean inject = true;
        private String append = "";
        private Optional<String> networkInterface = Optional.empty();
        private Optional<String> catalog = Optional.empty();
        private List<Path> catalogKeyrings = List.of();
        private Optional<String> sha256 = Optional.empty();
        private Optional<String> sums = Optional.empty();
        private Optional<String> signature = Optional.empty();
        private List<Path> keyrings = List.of();
        private List<String> mirrors = List.of();
        private Optional<Path> logFile = Optional.empty();
        private List<String> arguments = List.of();

        private Builder(String source) {
            this.source = source;
        }

        private Builder(BootRequest r) {
            source = r.source;
            entry = r.entry;
            medium = r.medium;
            device = r.device;
            cache = r.cache;
            insecure = r.insecure;
            dryRun = r.dryRun;
            inject = r.inject;
            append = r.append;
            networkInterface = r.networkInterface;
            catalog = r.catalog;
            catalogKeyrings = r.catalogKeyrings;
            sha256 = r.sha256;
            sums = r.sums;
            signature = r.signature;
            keyrings = r.keyrings;
            mirrors = r.mirrors;
            logFile = r.logFile;
            arguments = r.arguments;
        }

        public Builder source(String newSource) {
            this.source = newSource;
            return this;
        }

        /** Boots entry {@code index} of the plan instead of asking the listener. */
        public Builder entry(int index) {
            this.entry = OptionalInt.of(index);
            return this;
        }

        public Builder medium(Medium newMedium) {
            this.medium = newMedium;
            return this;
        }

        /** The pmem device (or a regular file standing in for one). */
        public Builder device(Path newDevice) {
            this.device = Optional.of(newDevice);
            return this;
        }

        public Builder cache(Path directory) {
            this.cache = Optional.of(directory);
            return this;
        }

        public Builder insecure(boolean newInsecure) {
            this.insecure = newInsecure;
            return this;
        }

        public Builder dryRun(boolean newDryRun) {
            this.dryRun = newDryRun;
            return this;
        }

        public Builder inject(boolean newInject) {
            this.inject = newInject;
            return this;
        }

        /** Kernel parameters added after the plan's ({@code --append}). */
        public Builder append(String parameters) {
            this.append = parameters;
            return this;
        }

        public Builder networkInterface(String name) {
            this.networkInterface = Optional.of(name);
            return this;
        }

        public Builder catalog(String fileOrUrl) {
            this.catalog = Optional.of(fileOrUrl);
            return this;
        }

        public Builder catalogKeyrings(List<Path> files) {
            this.catalogKeyrings = List.copyOf(files);
            return this;
        }

        public Builder sha256(String hex) {
            this.sha256 = Optional.of(hex);
            return this;
        }

        public Builder sums(String urlOrFile) {
            this.sums = Optional.of(urlOrFile);
            return this;
        }

        public Builder signature(String urlOrFile) {
            this.signature = Optional.of(urlOrFile);
            return this;
        }

        public Builder keyrings(List<Path> files) {
            this.keyrings = List.copyOf(files);
            return this;
        }

        public Builder mirrors(List<String> urls) {
            this.mirrors = List.copyOf(urls);
            return this;
        }

        public Builder logFile(Path file) {
            this.logFile = Optional.of(file);
            return this;
        }

        /** The {@code webboot boot} arguments that asked for this boot (see {@link BootRequest#arguments()}). */
        public Builder arguments(List<String> words) {
            this.arguments = List.copyOf(words);
            return this;
        }

        /**
         * @throws IllegalArgumentException when the options contradict each other (a SHA-256 and sums, a signature
         *     without sums)
         */
        public BootRequest build() {
            return new BootRequest(
                    source,
                    entry,
                    medium,
                    device,
                    cache,
                    insecure,
                    dryRun,
                    inject,
                    append,
                    networkInterface,
                    catalog,
                    catalogKeyrings,
                    sha256,
                    sums,
                    signature,
                    keyrings,
                    mirrors,
                    logFile,
                    arguments);
        }
    }
}
