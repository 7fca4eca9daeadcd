package dev.webboot.kexec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The modules of one kernel release ({@code /lib/modules/RELEASE}) and what each needs first: from {@code
 * modules.dep} when {@code depmod} made one, else from each module's own {@code depends=} (read on demand). Knows the
 * modules built into the kernel ({@code modules.builtin}).
 */
public final class ModuleIndex {
    private static final int MAX_MODULES = 200_000;
    private static final int MAX_DEPTH = 256;

    /** Where a module's dependency list came from. */
    public enum Source {
        MODULES_DEP,
        MODINFO
    }

    private final Path directory;
    private final Source source;
    private final Map<String, Path> files;
    private final Map<String, List<String>> depends;
    private final Set<String> builtin;
    private final Map<String, SoftDependencies> softdeps;
    private final Map<String, List<String>> aliases;

    private ModuleIndex(
            Path directory,
            Source source,
            Map<String, Path> files,
            Map<String, List<String>> depends,
            Set<String> builtin,
            Map<String, SoftDependencies> softdeps,
            Map<String, List<String>> aliases) {
        this.directory = directory;
        this.source = source;
        this.files = files;
        this.depends = depends;
        this.builtin = builtin;
        this.softdeps = softdeps;
        this.aliases = aliases;
    }

    /**
     * A module's soft dependencies: names (modules or aliases) modprobe loads before and after it when it can, and
     * skips when it cannot.
     *
     * @param pre loaded before the module (after its hard dependencies)
     * @param post loaded after it
     */
    public record SoftDependencies(List<String> pre, List<String> post) {
        static final SoftDependencies NONE = new SoftDependencies(List.of(), List.of());

        public SoftDependencies {
            pre = List.copyOf(pre);
            post = List.copyOf(post);
        }

        /** Parses {@code pre: a b post: c}. */
        static SoftDependencies parse(String text) {
            List<String> pre = new ArrayList<>();
            List<String> post = new ArrayList<>();
            List<String> target = null;
            for (String word : text.strip().split("\\s+")) {
                if (word.equals("pre:")) {
                    target = pre;
                } else if (word.equals("post:")) {
                    target = post;
                } else if (target != null && !word.isEmpty() && pre.size() + post.size() < MAX_DEPTH) {
                    target.add(word);
                }
            }
            return new SoftDependencies(pre, post);
        }
    }

    /** Reads {@code modules.dep} of {@code directory} when there is one, else indexes the module files in it. */
    public static ModuleIndex read(Path directory) throws IOException {
        return Files.exists(directory.resolve("modules.dep")) ? fromModulesDep(directory) : fromModinfo(directory);
    }

    /** An index from {@code modules.dep} ({@code path: dependency-path…} per line). */
    public static ModuleIndex fromModulesDep(Path directory) throws IOException {
        Map<String, Path> files = new HashMap<>();
        Map<String, List<String>> depends = new HashMap<>();
        Path dep = directory.resolve("modules.dep");
        int lineNumber = 0;
        for (String line : lines(dep)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ModuleLoadException(dep + ": line " + lineNumber + " has no 'module:' at its start", 0);
            }
            Path file = directory.resolve(line.substring(0, colon).strip());
            String name = ModuleFiles.moduleName(file);
            List<String> deps = new ArrayList<>();
            for (String d : line.substring(colon + 1).strip().split("\\s+")) {
                if (!d.isEmpty()) {
                    deps.add(ModuleFiles.moduleName(Path.of(d)));
                }
            }
            files.putIfAbsent(name, file);
            depends.putIfAbsent(name, List.copyOf(deps));
            if (files.size() > MAX_MODULES) {
                throw new ModuleLoadException(dep + ": more than " + MAX_MODULES + " modules", 0);
            }
        }
        return new ModuleIndex(
                directory,
                Source.MODULES_DEP,
                files,
                depends,
                builtin(directory),
                softdepFile(directory),
                aliases(directory));
    }

    /** An index of the module files under {@code directory}, dependencies read from each one's {@code .modinfo}. */
    public static ModuleIndex fromModinfo(Path directory) throws IOException {
        Map<String, Path> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(p -> Files.isRegularFile(p) && ModuleFiles.isModuleFile(p))
                    .limit(MAX_MODULES)
                    .sorted()
                    .forEach(p -> files.putIfAbsent(ModuleFiles.moduleName(p), p));
        }
        return new ModuleIndex(
                directory,
                Source.MODINFO,
                files,
                new HashMap<>(),
                builtin(directory),
                new HashMap<>(),
                aliases(directory));
    }

    /** The directory indexed. */
    public Path directory() {
        return directory;
    }

    /** Where dependencies come from. */
    public Source source() {
        return source;
    }

    /** The file of a module, when the index has it. */
    public Optional<Path> file(String module) {
        return Optional.ofNullable(files.get(ModuleFiles.canonical(module)));
    }

    /** True when the kernel has the module built in ({@code modules.builtin}). */
    public boolean isBuiltin(String module) {
        return builtin.contains(ModuleFiles.canonical(module));
    }

    /** The modules a module needs loaded before it, as the index says (direct ones for modinfo, all for modules.dep). */
    public List<String> dependencies(String module) throws IOException {
        String name = ModuleFiles.canonical(module);
        List<String> known = depends.get(name);
        if (known != null) {
            return known;
        }
        Path file = files.get(name);
        if (file == null) {
            return List.of();
        }
        List<String> deps = ModuleFiles.info(file).depends();
        depends.put(name, deps);
        return deps;
    }

    /**
     * The soft dependencies of a module: from {@code modules.softdep}, or from its own {@code softdep=} when the index
     * reads {@code .modinfo}. Like modprobe, only the first entry for a module counts.
     */
    public SoftDependencies softDependencies(String module) throws IOException {
        String name = ModuleFiles.canonical(module);
        SoftDependencies known = softdeps.get(name);
        if (known != null || source == Source.MODULES_DEP) {
            return known == null ? SoftDependencies.NONE : known;
        }
        Path file = files.get(name);
        SoftDependencies parsed = SoftDependencies.NONE;
        if (file != null) {
            List<String> entries = ModuleFiles.info(file).softdeps();
            if (!entries.isEmpty()) {
                parsed = SoftDependencies.parse(entries.get(0));
            }
        }
        softdeps.put(name, parsed);
        return parsed;
    }

    /**
     * The modules a soft-dependency name stands for: itself when it is a module of the index; else every module
     * {@code modules.alias} gives for it (exact aliases only), in the file's order; none when it is built in or
     * unknown.
     */
    List<String> resolve(String name) {
        String canonical = ModuleFiles.canonical(name);
        if (isBuiltin(canonical)) {
            return List.of();
        }
        if (files.containsKey(canonical)) {
            return List.of(canonical);
        }
        return aliases.getOrDefault(name, List.of()).stream()
                .filter(files::containsKey)
                .toList();
    }

    /**
     * The modules to insert, in order, so that each comes after what it needs: the named ones and everything they
     * depend on. Built-in modules are left out; so are {@code loaded} ones (those of {@code /proc/modules}).
     *
     * @throws ModuleLoadException when a module is neither a file of the index nor built in, or dependencies loop
     */
    public List<String> loadOrder(Collection<String> modules, Set<String> loaded) throws IOException {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        Set<String> inProgress = new HashSet<>();
        for (String module : modules) {
            visit(ModuleFiles.canonical(module), loaded, order, inProgress, 0, module);
        }
        return List.copyOf(order);
    }

    private void visit(
            String name,
            Set<String> loaded,
            LinkedHashSet<String> order,
            Set<String> inProgress,
            int depth,
            String root)
            throws IOException {
        if (order.contains(name) || loaded.contains(name) || isBuiltin(name)) {
            return;
        }
        if (depth > MAX_DEPTH || !inProgress.add(name)) {
            throw new ModuleLoadException(
                    directory + ": the dependencies of " + root + " loop through " + name + "; run depmod", 0);
        }
        if (!files.containsKey(name)) {
            throw new ModuleLoadException(
                    directory + ": no module " + name + (name.equals(root) ? "" : " (needed by " + root + ")")
                            + ", and the kernel does not have it built in",
                    0);
        }
        List<String> deps = dependencies(name);
        // modules.dep lists the deepest dependency last; modprobe inserts from the end, so does webboot.
        for (int i = deps.size() - 1; i >= 0; i--) {
            visit(deps.get(i), loaded, order, inProgress, depth + 1, root);
        }
        SoftDependencies soft = softDependencies(name);
        for (String pre : soft.pre()) {
            visitSoft(pre, loaded, order, inProgress, depth + 1, root);
        }
        inProgress.remove(name);
        order.add(name);
        for (String post : soft.post()) {
            visitSoft(post, loaded, order, inProgress, depth + 1, root);
        }
    }

    /** A soft dependency: loaded when it resolves to modules of the index, skipped otherwise, as modprobe does. */
    private void visitSoft(
            String softName,
            Set<String> loaded,
            LinkedHashSet<String> order,
            Set<String> inProgress,
            int depth,
            String root)
            throws IOException {
        for (String module : resolve(softName)) {
            if (!inProgress.contains(module)) {
                visit(module, loaded, order, inProgress, depth, root);
            }
        }
    }

    /** The first {@code softdep NAME …} line of {@code modules.softdep} for each module. */
    private static Map<String, SoftDependencies> softdepFile(Path directory) throws IOException {
        Map<String, SoftDependencies> result = new HashMap<>();
        Path file = directory.resolve("modules.softdep");
        if (!Files.exists(file)) {
            return result;
        }
        for (String line : lines(file)) {
            String[] words = line.strip().split("\\s+", 3);
            if (words.length == 3 && words[0].equals("softdep")) {
                result.putIfAbsent(ModuleFiles.canonical(words[1]), SoftDependencies.parse(words[2]));
            }
        }
        return result;
    }

    /** The exact aliases of {@code modules.alias} ({@code alias crc32c crc32c_intel}); wildcard ones are left out. */
    private static Map<String, List<String>> aliases(Path directory) throws IOException {
        Map<String, List<String>> result = new HashMap<>();
        Path file = directory.resolve("modules.alias");
        if (!Files.exists(file)) {
            return result;
        }
        for (String line : lines(file)) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 3
                    && words[0].equals("alias")
                    && words[1].chars().noneMatch(c -> "*?[".indexOf(c) >= 0)) {
                result.computeIfAbsent(words[1], k -> new ArrayList<>()).add(ModuleFiles.canonical(words[2]));
            }
        }
        return result;
    }

    /**
     * The canonical names ({@code nd_pmem}) of the modules built into the kernel whose modules directory is {@code
     * directory} (its {@code modules.builtin}); empty when the file is missing. The directory may lie in an image (a
     * live ISO's squashfs).
     */
    public static Set<String> builtinModules(Path directory) throws IOException {
        return builtin(directory);
    }

    private static Set<String> builtin(Path directory) throws IOException {
        Path file = directory.resolve("modules.builtin");
        if (!Files.exists(file)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String line : lines(file)) {
            if (!line.isBlank()) {
                names.add(ModuleFiles.moduleName(Path.of(line.strip())));
            }
        }
        return names;
    }

    private static final int MAX_INDEX_BYTES = 64 << 20;

    /** The file's lines; the cap holds while reading, so a pipe or a lying size cannot make it larger. */
    private static List<String> lines(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_INDEX_BYTES + 1);
        }
        if (bytes.length > MAX_INDEX_BYTES) {
            throw new ModuleLoadException(file + ": larger than 64 MiB", 0);
        }
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
}
