package dev.webboot.plan.grub.internal;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.plan.internal.ConfigText;
import dev.webboot.plan.internal.ImagePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a GRUB configuration the way GRUB's normal mode would, with the image as its disk, and then "selects" every
 * menu entry in turn to learn what its {@code linux} and {@code initrd} commands load.
 *
 * <p>Everything is bounded: nesting of {@code source}/{@code configfile}/function calls, the number of commands
 * executed (so {@code while true} ends), the length of variable values and the number of entries. A file that is
 * sourced while it is already being run is refused with an exception naming both files.
 */
public final class GrubInterpreter {
    private static final Logger LOG = LoggerFactory.getLogger(GrubInterpreter.class);

    /** Deepest chain of {@code source}/{@code configfile}. */
    public static final int MAX_INCLUDE_DEPTH = 16;
    /** Deepest chain of function calls (and submenus). */
    public static final int MAX_CALL_DEPTH = 32;
    /** Most commands executed over the whole run. */
    public static final int MAX_STEPS = 200_000;
    /** Longest variable value or argument. */
    public static final int MAX_VALUE_LENGTH = 64 * 1024;
    /** Most menu entries collected. */
    public static final int MAX_ENTRIES = 1024;
    /** Most characters a regular expression may examine per {@code regexp} command. */
    static final long REGEX_BUDGET = 1_000_000;
    /**
     * The text all expansions of one run may produce together. Each value is capped at {@link #MAX_VALUE_LENGTH}
     * and each run at {@link #MAX_STEPS} commands, but a loop that grows a variable to the cap and copies it on each
     * step would still copy 13 GB (found by fuzzing); real menus expand a few KiB.
     */
    static final long MAX_EXPANDED_CHARS = 16L << 20;

    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    private final GrubWorld world;
    private final Map<String, Node.Block> parsed = new HashMap<>();
    private final Map<String, ConfigText> texts = new HashMap<>();
    private final Deque<String> sources = new ArrayDeque<>();
    private final Map<String, Boolean> hostDevices = new HashMap<>();
    private int steps;
    private int callDepth;
    private int entryCount;

    private GrubInterpreter(GrubWorld world) {
        this.world = world;
        world.hostUuid().ifPresent(uuid -> hostDevices.put(GrubWorld.HOST_DEVICE, true));
    }

    /** The state one script runs in: variables, functions, positional parameters and the menu it builds. */
    private static final class Scope {
        final Map<String, String> variables;
        final Map<String, Node.Block> functions;
        List<String> positional = List.of();
        List<MenuItem> menu = new ArrayList<>();
        int status;
        // Set while an entry is being selected.
        boolean inEntry;
        String kernel = "";
        List<String> initrds = List.of();
        String cmdline = "";

        Scope(Map<String, String> variables, Map<String, Node.Block> functions) {
            this.variables = variables;
            this.functions = functions;
        }

        Scope copy() {
            Scope copy = new Scope(new LinkedHashMap<>(variables), new HashMap<>(functions));
            copy.positional = positional;
            return copy;
        }
    }

    /** A menuentry or submenu as defined, with the scope its body will run in. */
    private record MenuItem(
            boolean submenu, String title, String id, List<String> extraArgs, Node.Block body, String source) {}

    private static final class ControlFlow extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String kind;
        final int status;

        ControlFlow(String kind, int status) {
            super(kind, null, false, false);
            this.kind = kind;
            this.status = status;
        }
    }

    /** The result of a run: the flattened entries and the value of {@code default}. */
    public record Result(List<GrubEntry> entries, String defaultEntry) {
        public Result {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Runs {@code configPath} (an absolute path inside the image) with the given variables preset and returns every
     * menu entry, submenus flattened.
     */
    public static Result run(GrubWorld world, String configPath, Map<String, String> presets) throws IOException {
        GrubInterpreter interpreter = new GrubInterpreter(world);
        Scope scope = new Scope(new LinkedHashMap<>(presets), new HashMap<>());
        scope.variables.putIfAbsent("root", world.imageDevice());
        // The UEFI view: webboot stands in for a UEFI machine's GRUB, whose menu is what distributions maintain.
        scope.variables.putIfAbsent("grub_platform", "efi");
        scope.variables.putIfAbsent("grub_cpu", "x86_64");
        String config = ImagePaths.normalize(configPath);
        if (!interpreter.include(scope, config, false, config, 0)) {
            throw new java.nio.file.NoSuchFileException(config);
        }
        List<GrubEntry> entries = new ArrayList<>();
        interpreter.select(scope, scope.menu, List.of(), List.of(), List.of(), entries);
        return new Result(entries, scope.variables.getOrDefault("default", ""));
    }

    // ---- files

    private ConfigText text(String path) {
        return texts.get(path);
    }

    /** Runs a file in {@code scope}; false when it does not exist. */
    private boolean include(Scope scope, String path, boolean newMenu, String from, int fromOffset) throws IOException {
        if (sources.contains(path)) {
            ConfigText including = texts.get(from);
            List<String> stack = new ArrayList<>(sources);
            java.util.Collections.reverse(stack);
            String chain = String.join(" -> ", stack) + " -> " + path;
            String problem = path + " sources itself (" + chain + "); refusing the loop";
            throw including != null
                    ? including.error(fromOffset, problem)
                    : new MalformedImageException(path, -1, problem);
        }
        if (sources.size() >= MAX_INCLUDE_DEPTH) {
            throw texts.get(from).error(fromOffset, "source/configfile nested deeper than " + MAX_INCLUDE_DEPTH);
        }
        Optional<Path> file = ImagePaths.find(world.root(), path);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return false;
        }
        Node.Block script = parsed.get(path);
        if (script == null) {
            ConfigText config = ConfigText.read(file.get(), path);
            texts.put(path, config);
            script = GrubParser.parse(config);
            parsed.put(path, script);
        }
        sources.push(path);
        List<MenuItem> outer = scope.menu;
        if (newMenu) {
            scope.menu = new ArrayList<>();
        }
        try {
            scope.status = execute(scope, script);
        } catch (ControlFlow flow) {
            // return/exit end the file; a break or continue outside any loop ends it too, as nothing encloses it.
            LOG.debug("{} ended by {}", path, flow.kind);
        } finally {
            sources.pop();
        }
        // configfile opens a new menu: its entries replace the current ones (inside an entry, the caller then treats
        // the entry as a submenu of them); a file that defines no entry leaves the menu as it was.
        if (newMenu && scope.menu.isEmpty()) {
            scope.menu = outer;
        }
        return true;
    }

    // ---- execution

    private long expandedChars;

    private void step(Node node) throws MalformedImageException {
        if (++steps > MAX_STEPS) {
            throw currentText().error(node.offset(), "more than " + MAX_STEPS + " commands executed (endless loop?)");
        }
    }

    private ConfigText currentText() {
        ConfigText text = sources.isEmpty() ? null : texts.get(sources.peek());
        return text != null ? text : new ConfigText("grub", "");
    }

    private int execute(Scope scope, Node node) throws IOException {
        step(node);
        if (node instanceof Node.Block block) {
            int status = 0;
            for (Node command : block.commands()) {
                status = execute(scope, command);
            }
            return status;
        }
        if (node instanceof Node.Command command) {
            int status = command(scope, command);
            scope.status = status;
            return status;
        }
        if (node instanceof Node.If conditional) {
            for (int i = 0; i < conditional.conditions().size(); i++) {
                if (execute(scope, conditional.conditions().get(i)) == 0) {
                    return execute(scope, conditional.bodies().get(i));
                }
            }
            return execute(scope, conditional.otherwise());
        }
        if (node instanceof Node.Loop loop) {
            int status = 0;
            while ((execute(scope, loop.condition()) == 0) != loop.until()) {
                step(loop);
                try {
                    status = execute(scope, loop.body());
                } catch (ControlFlow flow) {
                    if (flow.kind.equals("break")) {
                        break;
                    }
                    if (!flow.kind.equals("continue")) {
                        throw flow;
                    }
                }
            }
            return status;
        }
        if (node instanceof Node.For loop) {
            int status = 0;
            for (String item : expand(scope, loop.items())) {
                step(loop);
                scope.variables.put(loop.variable(), item);
                try {
                    status = execute(scope, loop.body());
                } catch (ControlFlow flow) {
                    if (flow.kind.equals("break")) {
                        break;
                    }
                    if (!flow.kind.equals("continue")) {
                        throw flow;
                    }
                }
            }
            return status;
        }
        if (node instanceof Node.Function function) {
            scope.functions.put(function.name(), function.body());
            return 0;
        }
        if (node instanceof Node.Menu menu) {
            return defineMenu(scope, menu);
        }
        throw new IllegalStateException("unknown node " + node);
    }

    private int defineMenu(Scope scope, Node.Menu menu) throws IOException {
        List<String> args = expand(scope, menu.arguments());
        String title = null;
        String id = "";
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--id") || arg.equals("--class") || arg.equals("--users") || arg.equals("--hotkey")) {
                if (i + 1 < args.size() && arg.equals("--id")) {
                    id = args.get(i + 1);
                }
                i++;
            } else if (arg.startsWith("--id=")) {
                id = arg.substring(5);
            } else if (arg.startsWith("--") && title == null) {
                continue;
            } else if (title == null) {
                title = arg;
            } else {
                extra.add(arg);
            }
        }
        if (title == null) {
            return 1;
        }
        if (++entryCount > MAX_ENTRIES) {
            throw currentText().error(menu.offset(), "more than " + MAX_ENTRIES + " menu entries");
        }
        scope.menu.add(new MenuItem(menu.submenu(), title, id, extra, menu.body(), sources.peek()));
        return 0;
    }

    private int command(Scope scope, Node.Command command) throws IOException {
        List<String> args = expand(scope, command.words());
        if (args.isEmpty()) {
            return 0;
        }
        String name = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (scope.inEntry) {
            switch (name) {
                case "linux", "linuxefi", "linux16", "linux32", "linuxx64" -> {
                    if (rest.isEmpty()) {
                        return 1;
                    }
                    scope.kernel = location(scope, rest.get(0));
                    scope.cmdline = loaderCommandLine(rest.subList(1, rest.size()));
                    scope.initrds = List.of();
                    return 0;
                }
                case "initrd", "initrdefi", "initrd16", "initrd32" -> {
                    List<String> initrds = new ArrayList<>();
                    for (String arg : rest) {
                        if (!arg.startsWith("--")) {
                            initrds.add(location(scope, arg));
                        }
                    }
                    scope.initrds = initrds;
                    return 0;
                }
                case "chainloader",
                        "multiboot",
                        "multiboot2",
                        "kfreebsd",
                        "knetbsd",
                        "kopenbsd",
                        "appleloader",
                        "reboot",
                        "halt",
                        "fwsetup" -> {
                    scope.kernel = "";
                    throw new ControlFlow("exit", 0);
                }
                default -> {}
            }
        }
        if (rest.isEmpty() && ASSIGNMENT.matcher(name).matches()) {
            // GRUB accepts name=value as a command of its own (archiso writes default=archlinux).
            int eq = name.indexOf('=');
            assign(scope, name.substring(0, eq), name.substring(eq + 1));
            return 0;
        }
        Node.Block function = scope.functions.get(name);
        if (function != null) {
            return call(scope, function, rest, command);
        }
        switch (name) {
            case "set":
                for (String arg : rest) {
                    int eq = arg.indexOf('=');
                    if (eq > 0) {
                        assign(scope, arg.substring(0, eq), arg.substring(eq + 1));
                    }
                }
                return 0;
            case "unset":
                rest.forEach(scope.variables::remove);
                return 0;
            case "true":
                return 0;
            case "false":
                return 1;
            case "[":
                if (rest.isEmpty() || !rest.get(rest.size() - 1).equals("]")) {
                    return 1;
                }
                return test(scope, rest.subList(0, rest.size() - 1)) ? 0 : 1;
            case "test":
                return test(scope, rest) ? 0 : 1;
            case "source":
            case ".":
                return rest.isEmpty() ? 1 : includeArgument(scope, rest.get(0), false, command);
            case "configfile":
                return rest.isEmpty() ? 1 : includeArgument(scope, rest.get(0), true, command);
            case "search", "search.file", "search.fs_label", "search.fs_uuid":
                return search(scope, name, rest);
            case "probe":
                return probe(scope, rest);
            case "regexp":
                return regexp(scope, rest);
            case "loopback":
                if (!rest.isEmpty() && !rest.get(0).equals("-d")) {
                    hostDevices.remove(device(rest.get(0)));
                }
                return 0;
            case "return":
                throw new ControlFlow("return", rest.isEmpty() ? scope.status : (int) parseInt(rest.get(0)));
            case "break":
                throw new ControlFlow("break", 0);
            case "continue":
                throw new ControlFlow("continue", 0);
            case "exit":
                throw new ControlFlow("exit", rest.isEmpty() ? 0 : (int) parseInt(rest.get(0)));
            case "shift":
                if (!scope.positional.isEmpty()) {
                    scope.positional = scope.positional.subList(1, scope.positional.size());
                }
                return 0;
            case "setparams":
                scope.positional = List.copyOf(rest);
                return 0;
            default:
                // insmod, loadfont, terminal_output, gfxmode, echo, export, ...: nothing a plan depends on.
                return 0;
        }
    }

    /** GRUB keeps {@code root} as a bare device name: {@code set root=(hd0,gpt2)} stores {@code hd0,gpt2}. */
    private static void assign(Scope scope, String name, String value) {
        scope.variables.put(name, name.equals("root") ? device(value) : value);
    }

    private int call(Scope scope, Node.Block function, List<String> args, Node.Command command) throws IOException {
        if (callDepth >= MAX_CALL_DEPTH) {
            throw currentText().error(command.offset(), "function calls nested deeper than " + MAX_CALL_DEPTH);
        }
        List<String> saved = scope.positional;
        scope.positional = List.copyOf(args);
        callDepth++;
        try {
            return execute(scope, function);
        } catch (ControlFlow flow) {
            if (flow.kind.equals("return")) {
                return flow.status;
            }
            throw flow;
        } finally {
            callDepth--;
            scope.positional = saved;
        }
    }

    private int includeArgument(Scope scope, String argument, boolean newMenu, Node.Command command)
            throws IOException {
        String[] location = split(scope, argument);
        if (isHost(location[0])) {
            return 1;
        }
        String from = sources.peek();
        return include(scope, location[1], newMenu, from, command.offset()) ? 0 : 1;
    }

    // ---- devices and paths

    private static String device(String name) {
        String d = name;
        if (d.startsWith("(")) {
            d = d.substring(1);
        }
        if (d.endsWith(")")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }

    private boolean isHost(String device) {
        return hostDevices.containsKey(device(device));
    }

    /** {@code (dev)/path} or {@code /path} on {@code $root}: the device and the normalized path. */
    private static String[] split(Scope scope, String argument) {
        if (argument.startsWith("(")) {
            int close = argument.indexOf(')');
            if (close > 0) {
                return new String[] {argument.substring(1, close), ImagePaths.normalize(argument.substring(close + 1))};
            }
        }
        return new String[] {device(scope.variables.getOrDefault("root", "")), ImagePaths.normalize(argument)};
    }

    /** A kernel or initrd argument as an image path. */
    private static String location(Scope scope, String argument) {
        return split(scope, argument)[1];
    }

    private boolean fileTest(Scope scope, char kind, String argument) throws IOException {
        String[] location = split(scope, argument);
        if (isHost(location[0])) {
            boolean isIso = world.isoPath()
                    .map(p -> ImagePaths.normalize(p).equals(location[1]))
                    .orElse(false);
            return isIso && kind != 'd';
        }
        Optional<Path> file = ImagePaths.find(world.root(), location[1]);
        if (file.isEmpty()) {
            return false;
        }
        return switch (kind) {
            case 'f' -> Files.isRegularFile(file.get());
            case 'd' -> Files.isDirectory(file.get());
            case 's' -> Files.isRegularFile(file.get()) && Files.size(file.get()) > 0;
            default -> true;
        };
    }

    private boolean test(Scope scope, List<String> args) throws IOException {
        return GrubTest.evaluate(args, (kind, path) -> fileTest(scope, kind, path));
    }

    /** {@code search [--file|--label|--fs-uuid] [--set[=VAR]] [--no-floppy] [--hint...] NAME}. */
    private int search(Scope scope, String command, List<String> args) throws IOException {
        char kind =
                switch (command) {
                    case "search.fs_label" -> 'l';
                    case "search.fs_uuid" -> 'u';
                    default -> 'f';
                };
        String variable = null;
        boolean bareSet = command.contains(".");
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--file", "-f" -> kind = 'f';
                case "--label", "-l" -> kind = 'l';
                case "--fs-uuid", "-u" -> kind = 'u';
                case "--set", "-s" -> bareSet = true;
                default -> {
                    if (arg.startsWith("--set=")) {
                        variable = arg.substring(6);
                    } else if (arg.startsWith("--hint") && !arg.contains("=")) {
                        i++;
                    } else if (!arg.startsWith("-") || arg.equals("-")) {
                        positional.add(arg);
                    }
                }
            }
        }
        if (positional.isEmpty()) {
            return 1;
        }
        String name = positional.get(positional.size() - 1);
        if (variable == null && bareSet && positional.size() >= 2) {
            // search --set VAR NAME, or search.file NAME VAR
            variable = command.contains(".") ? positional.get(positional.size() - 1) : positional.get(0);
            if (command.contains(".")) {
                name = positional.get(0);
            }
        } else if (variable == null && command.contains(".") && positional.size() >= 2) {
            variable = positional.get(1);
            name = positional.get(0);
        }
        // Without --set (or a variable argument) search only reports what it found.
        boolean setsVariable = variable != null || bareSet;
        if (variable == null) {
            variable = "root";
        }
        Optional<String> found =
                switch (kind) {
                    case 'l' -> name.equals(world.label()) ? Optional.of(world.imageDevice()) : Optional.empty();
                    case 'u' -> name.equalsIgnoreCase(world.uuid())
                            ? Optional.of(world.imageDevice())
                            : world.hostUuid().filter(name::equalsIgnoreCase).map(u -> GrubWorld.HOST_DEVICE);
                    default -> findFile(name);
                };
        if (found.isEmpty()) {
            return 1;
        }
        if (setsVariable) {
            scope.variables.put(variable, found.get());
        }
        return 0;
    }

    private Optional<String> findFile(String path) throws IOException {
        String normalized = ImagePaths.normalize(path);
        if (ImagePaths.find(world.root(), normalized).isPresent()) {
            return Optional.of(world.imageDevice());
        }
        if (world.isoPath().map(p -> ImagePaths.normalize(p).equals(normalized)).orElse(false)
                && world.hostUuid().isPresent()) {
            return Optional.of(GrubWorld.HOST_DEVICE);
        }
        return Optional.empty();
    }

    /** {@code probe [--set VAR] --fs-uuid|--label|--fs DEVICE}. */
    private int probe(Scope scope, List<String> args) {
        String variable = null;
        char kind = 0;
        String target = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--set", "-s" -> variable = i + 1 < args.size() ? args.get(++i) : null;
                case "--fs-uuid", "-u" -> kind = 'u';
                case "--label", "-l" -> kind = 'l';
                case "--fs", "-f" -> kind = 'f';
                case "--driver", "-d", "--partmap", "-p" -> kind = 'd';
                default -> {
                    if (arg.startsWith("--set=")) {
                        variable = arg.substring(6);
                    } else {
                        target = arg;
                    }
                }
            }
        }
        if (target == null) {
            return 1;
        }
        boolean host = isHost(target);
        String answer =
                switch (kind) {
                    case 'u' -> host ? world.hostUuid().orElse("") : world.uuid();
                    case 'l' -> host ? "" : world.label();
                    case 'f' -> host ? "ext2" : "iso9660";
                    default -> "";
                };
        if (answer.isEmpty()) {
            return 1;
        }
        if (variable != null) {
            scope.variables.put(variable, answer);
        }
        return 0;
    }

    /** {@code regexp [--set [N:]VAR]... REGEXP STRING}, POSIX extended expressions read as Java ones. */
    private int regexp(Scope scope, List<String> args) {
        List<String[]> sets = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String set = null;
            if (arg.startsWith("--set=")) {
                set = arg.substring(6);
            } else if ((arg.equals("--set") || arg.equals("-s")) && i + 1 < args.size()) {
                set = args.get(++i);
            } else {
                positional.add(arg);
            }
            if (set != null) {
                int colon = set.indexOf(':');
                sets.add(
                        colon > 0
                                ? new String[] {set.substring(0, colon), set.substring(colon + 1)}
                                : new String[] {"1", set});
            }
        }
        if (positional.size() < 2) {
            return 1;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(posixToJava(positional.get(0)));
        } catch (PatternSyntaxException e) {
            return 1;
        }
        Matcher matcher = pattern.matcher(new BoundedCharSequence(positional.get(1), new long[] {REGEX_BUDGET}));
        try {
            if (!matcher.find()) {
                return 1;
            }
            for (String[] set : sets) {
                int group = (int) parseInt(set[0]);
                if (group >= 0 && group <= matcher.groupCount()) {
                    String value = matcher.group(group);
                    scope.variables.put(set[1], value == null ? "" : value);
                }
            }
            return 0;
        } catch (BoundedCharSequence.BudgetExceeded e) {
            LOG.warn("regexp {} gave up: expression too costly", positional.get(0));
            return 1;
        }
    }

    private static String posixToJava(String posix) {
        return posix.replace("[:alpha:]", "\\p{Alpha}")
                .replace("[:digit:]", "\\p{Digit}")
                .replace("[:alnum:]", "\\p{Alnum}")
                .replace("[:space:]", "\\s")
                .replace("[:upper:]", "\\p{Upper}")
                .replace("[:lower:]", "\\p{Lower}")
                .replace("[:xdigit:]", "\\p{XDigit}")
                .replace("[:punct:]", "\\p{Punct}");
    }

    private static long parseInt(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- expansion

    private String lookup(Scope scope, String name) {
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            int n = (int) Math.min(parseInt(name), Integer.MAX_VALUE);
            return n >= 1 && n <= scope.positional.size() ? scope.positional.get(n - 1) : "";
        }
        return switch (name) {
            case "#" -> String.valueOf(scope.positional.size());
            case "@", "*" -> String.join(" ", scope.positional);
            case "?" -> String.valueOf(scope.status);
            default -> scope.variables.getOrDefault(name, "");
        };
    }

    private List<String> expand(Scope scope, List<Word> words) throws MalformedImageException {
        List<String> out = new ArrayList<>();
        for (Word word : words) {
            int firstOfWord = out.size();
            StringBuilder current = new StringBuilder();
            boolean have = false;
            for (Word.Part part : word.parts()) {
                if (part instanceof Word.Literal literal) {
                    current.append(literal.text());
                    have |= literal.quoted() || !literal.text().isEmpty();
                } else if (part instanceof Word.Variable variable) {
                    String value = lookup(scope, variable.name());
                    if (variable.quoted()) {
                        current.append(value);
                        have = true;
                    } else if (!value.isEmpty()) {
                        // Unquoted expansions are split into fields on blanks, as GRUB does.
                        boolean leading = isBlank(value.charAt(0));
                        boolean trailing = isBlank(value.charAt(value.length() - 1));
                        String trimmed = value.strip();
                        if (leading && have) {
                            out.add(current.toString());
                            current.setLength(0);
                            have = false;
                        }
                        if (!trimmed.isEmpty()) {
                            String[] fields = trimmed.split("[ \\t\\n\\r]+");
                            for (int i = 0; i < fields.length; i++) {
                                if (i > 0) {
                                    out.add(current.toString());
                                    current.setLength(0);
                                }
                                current.append(fields[i]);
                            }
                            have = true;
                        }
                        if (trailing && have) {
                            out.add(current.toString());
                            current.setLength(0);
                            have = false;
                        }
                    }
                }
                if (current.length() > MAX_VALUE_LENGTH) {
                    throw currentText().error(word.offset(), "value longer than " + MAX_VALUE_LENGTH + " characters");
                }
            }
            if (have) {
                out.add(current.toString());
            }
            for (int i = firstOfWord; i < out.size(); i++) {
                expandedChars += out.get(i).length();
            }
            if (expandedChars > MAX_EXPANDED_CHARS) {
                throw currentText().error(word.offset(), "more than 16 MiB of text expanded (endless loop?)");
            }
            if (out.size() > 10_000) {
                throw currentText().error(word.offset(), "more than 10000 arguments");
            }
        }
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** GRUB's rule for the kernel command line: blanks make an argument quoted; quotes and backslashes escaped. */
    static String loaderCommandLine(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            if (out.length() > 0) {
                out.append(' ');
            }
            boolean space = arg.indexOf(' ') >= 0;
            if (space) {
                out.append('"');
            }
            for (int i = 0; i < arg.length(); i++) {
                char c = arg.charAt(i);
                if (c == '\\' || c == '\'' || c == '"') {
                    out.append('\\');
                }
                out.append(c);
            }
            if (space) {
                out.append('"');
            }
        }
        return out.toString();
    }

    // ---- selecting entries

    private void select(
            Scope parent,
            List<MenuItem> menu,
            List<String> titles,
            List<String> ids,
            List<Integer> indexes,
            List<GrubEntry> out)
            throws IOException {
        if (titles.size() > 8) {
            return;
        }
        for (int i = 0; i < menu.size(); i++) {
            MenuItem item = menu.get(i);
            List<String> itemTitles = append(titles, item.title());
            List<String> itemIds = append(ids, item.id());
            List<Integer> itemIndexes = append(indexes, i);
            Scope scope = parent.copy();
            scope.menu = new ArrayList<>();
            scope.inEntry = !item.submenu();
            scope.positional = item.extraArgs();
            scope.variables.put("chosen", item.title());
            if (item.source() != null) {
                sources.push(item.source());
            }
            callDepth++;
            try {
                if (callDepth > MAX_CALL_DEPTH) {
                    throw currentText().error(item.body().offset(), "submenus nested deeper than " + MAX_CALL_DEPTH);
                }
                execute(scope, item.body());
            } catch (ControlFlow flow) {
                // exit/return end the entry; what it loaded so far stands.
            } finally {
                callDepth--;
                if (item.source() != null) {
                    sources.pop();
                }
            }
            if (!scope.inEntry || scope.kernel.isEmpty()) {
                if (!scope.menu.isEmpty()) {
                    select(scope, scope.menu, itemTitles, itemIds, itemIndexes, out);
                } else if (!item.submenu()) {
                    out.add(new GrubEntry(itemTitles, itemIds, itemIndexes, "", List.of(), ""));
                }
                continue;
            }
            out.add(new GrubEntry(itemTitles, itemIds, itemIndexes, scope.kernel, scope.initrds, scope.cmdline));
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
