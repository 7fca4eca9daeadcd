package dev.webboot.boot.internal;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.api.plan.KernelCommandLine;
import dev.webboot.boot.BootException;
import dev.webboot.boot.BootListener;
import dev.webboot.boot.BootLog;
import dev.webboot.boot.BootOutcome;
import dev.webboot.boot.BootPhase;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.FailureSentence;
import dev.webboot.boot.ImageDoesNotFitException;
import dev.webboot.boot.PhaseTiming;
import dev.webboot.boot.Plural;
import dev.webboot.boot.Verification;
import dev.webboot.boot.WebBoot;
import dev.webboot.boot.initramfs.InitramfsBuilder;
import dev.webboot.boot.initramfs.RunningRoot;
import dev.webboot.fetch.DownloadSink;
import dev.webboot.fetch.DownloadSinks;
import dev.webboot.fetch.FetchResult;
import dev.webboot.fetch.Fetcher;
import dev.webboot.fetch.HashAlgorithm;
import dev.webboot.fetch.Progress;
import dev.webboot.fetch.ProgressListener;
import dev.webboot.fetch.SignatureVerdict;
import dev.webboot.fetch.SinkFullException;
import dev.webboot.fetch.VerificationException;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.kexec.KernelHeaders;
import dev.webboot.kexec.KexecRequest;
import dev.webboot.kexec.LoadedKernel;
import dev.webboot.kexec.MemoryFile;
import dev.webboot.net.bringup.NetworkBringUp;
import dev.webboot.net.bringup.NetworkConfiguration;
import dev.webboot.plan.BootPlanner;
import dev.webboot.plan.NoBootEntryException;
import dev.webboot.plan.drivers.InjectedInitrd;
import dev.webboot.pmem.BlockDevice;
import dev.webboot.pmem.BlockDevices;
import dev.webboot.pmem.ImageTooLargeException;
import dev.webboot.pmem.MachineMemory;
import dev.webboot.pmem.MachineReader;
import dev.webboot.pmem.MemmapPlan;
import dev.webboot.pmem.MemmapPlanner;
import dev.webboot.pmem.PmemDevice;
import dev.webboot.pmem.PmemException;
import dev.webboot.pmem.StageResult;
import dev.webboot.pmem.Stager;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One run of the boot flow: each phase is timed, logged and reported to the listener; any failure becomes a
 * {@link BootException} whose sentence is also the last line of the boot log.
 */
public final class BootFlow {
    private final WebBoot.Settings settings;
    private final BootRequest request;
    private final BootListener listener;
    private final List<PhaseTiming> timings = new ArrayList<>();
    private BootLog log;
    private BootPhase current = BootPhase.RESOLVE;
    private boolean networkChecked;

    public BootFlow(WebBoot.Settings settings, BootRequest request, BootListener listener) {
        this.settings = settings;
        this.request = request;
        this.listener = listener;
    }

    /** The boot's medium decision: where the image goes and how the booted kernel finds it. */
    private record Target(BootRequest.Medium medium, Optional<Path> device) {}

    /** Where the verified image is, and how it got there. */
    private record Staged(Path image, long size, Verification verification) {}

    public BootOutcome run() throws BootException {
        Path logFile = request.logFile().orElse(BootLog.defaultLocation(request.cache()));
        log = BootLog.open(logFile, settings.logEcho());
        try {
            log.openProblem().ifPresent(this::warn);
            return boot();
        } catch (BootException e) {
            log.line("FAILED in " + e.phase().id() + ": " + e.getMessage());
            throw e;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            BootException failure = new BootException(current, sentence(e), e);
            log.line("FAILED in " + current.id() + ": " + failure.getMessage());
            throw failure;
        } finally {
            try {
                log.close();
            } catch (IOException e) {
                // the lines were flushed one by one; nothing left to save
            }
        }
    }

    private BootOutcome boot() throws IOException {
        log.line("boot " + request.source() + (request.dryRun() ? " (dry run)" : ""));
        Fetcher fetcher = new Fetcher(settings.downloader());
        if (request.networkInterface().isPresent()
                || (SourceResolver.isCatalogId(request.source())
                        && request.catalog().filter(SourceResolver::isUrl).isPresent())) {
            ensureNetwork(List.of());
        }
        ResolvedSource source =
                timed(BootPhase.RESOLVE, request.source(), () -> SourceResolver.resolve(request, fetcher));
        log.line("source: " + source.describe());
        ensureNetwork(SourceResolver.urls(source));
        Target target = target(source, fetcher);
        Staged staged;
        try {
            staged = obtain(source, target, fetcher);
        } catch (ImageDoesNotFitException e) {
            if (!mayReplan() || e.imageBytes() <= 0) {
                throw e;
            }
            throw relaunch(
                    source,
                    e.imageBytes(),
                    e.device() + " holds " + e.deviceBytes() + " bytes, less than the image's " + e.imageBytes());
        }
        return planAndLoad(source, target, staged);
    }

    /** Brings the network up when a remote URL is needed and there is no default route (or an interface is named). */
    private void ensureNetwork(List<URI> urls) throws IOException {
        if (networkChecked) {
            return;
        }
        boolean named = request.networkInterface().isPresent();
        boolean remote = urls.isEmpty() || urls.stream().anyMatch(BootFlow::isRemote);
        if (!named && (!remote || Routes.hasDefaultRoute(settings.machineRoot()))) {
            networkChecked = !urls.isEmpty();
            return;
        }
        networkChecked = true;
        String detail = request.networkInterface().orElse("the first interface with a link");
        NetworkConfiguration config = timed(BootPhase.NETWORK, detail, () -> {
            NetworkBringUp bringUp = settings.network().orElseGet(NetworkBringUp::system);
            return bringUp.dhcp(request.networkInterface());
        });
        log.line("network: " + config.interfaceName() + " "
                + config.address().address().getHostAddress() + "/"
                + config.address().length()
                + config.router().map(r -> " via " + r.getHostAddress()).orElse("") + " (" + config.source()
                + ")");
    }

    /** Whether fetching {@code url} needs a network beyond this machine. */
    private static boolean isRemote(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        String host = url.getHost() == null ? "" : url.getHost();
        if (host.equals("localhost")) {
            return false;
        }
        try {
            // Only literal addresses are checked: resolving a name may itself need the network.
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return !InetAddress.getByName(host).isLoopbackAddress();
            }
        } catch (IOException e) {
            return true;
        }
        return true;
    }

    /** Decides the medium and finds the pmem device. */
    private Target target(ResolvedSource source, Fetcher fetcher) throws IOException {
        Optional<Path> device = request.device();
        if (device.isEmpty() && request.medium() != BootRequest.Medium.FILE) {
            device = firstPmemDevice();
        }
        if (device.isEmpty() && mayReplan()) {
            throw relaunch(source, announcedSize(source, fetcher), "there is no pmem device");
        }
        BootRequest.Medium medium = request.medium();
        if (medium == BootRequest.Medium.AUTO) {
            if (device.isPresent()) {
                medium = BootRequest.Medium.PMEM;
            } else if (request.cache().isPresent()) {
                medium = BootRequest.Medium.FILE;
                warn("no pmem device: booting the ISO as a file in the cache "
                        + request.cache().get());
            } else {
                throw new BootException(
                        BootPhase.RESOLVE,
                        "no pmem device to hold the ISO: boot this machine with a memmap= parameter (see webboot pmem"
                                + " plan --size BYTES), name a device with --device, or give --cache DIR on a disk"
                                + " to boot the ISO as a file");
            }
        }
        if (medium == BootRequest.Medium.PMEM && device.isEmpty()) {
            throw new BootException(
                    BootPhase.RESOLVE,
                    "no pmem device: boot this machine with a memmap= parameter (see webboot pmem plan --size"
                            + " BYTES) or name a device with --device");
        }
        if (medium == BootRequest.Medium.FILE
                && request.cache().isEmpty()
                && source.localFile().isEmpty()) {
            throw new BootException(
                    BootPhase.RESOLVE,
                    "--medium file boots the ISO from the cache: give --cache DIR on a disk the booted system can"
                            + " mount");
        }
        return new Target(medium, medium == BootRequest.Medium.PMEM ? device : Optional.empty());
    }

    /**
     * Whether webboot may plan the RAM disk itself and boot itself again: the image goes into pmem (asked for, or
     * AUTO without a cache to fall back on), into the first pmem device, not one the user named.
     */
    private boolean mayReplan() {
        return request.device().isEmpty()
                && (request.medium() == BootRequest.Medium.PMEM
                        || (request.medium() == BootRequest.Medium.AUTO
                                && request.cache().isEmpty()));
    }

    /**
     * The image's size before any of it is fetched: a local file's, the catalog's {@code minPmemBytes}, else the
     * server's Content-Length (a request whose body is refused unread, as a too-small device refuses it).
     */
    private long announcedSize(ResolvedSource source, Fetcher fetcher) throws IOException {
        if (source.localFile().isPresent()) {
            return Files.size(source.localFile().get());
        }
        Optional<Long> catalog =
                source.catalogEntry().map(e -> e.minPmemBytes()).filter(bytes -> bytes > 0);
        if (catalog.isPresent()) {
            return catalog.get();
        }
        return timed(BootPhase.RESOLVE, "the size of " + source.describe(), () -> {
            String name = "the RAM disk webboot has yet to plan";
            try (DownloadSink nothing = new CapacitySink(
                    DownloadSinks.channel(Channels.newChannel(OutputStream.nullOutputStream()), name), 0, name)) {
                fetcher.fetch(
                        source.download(),
                        nothing,
                        source.expectation(),
                        request.insecure(),
                        progressListener(),
                        settings.cancellation());
            } catch (SinkFullException e) {
                if (e.resourceBytes().isPresent() && e.resourceBytes().getAsLong() > 0) {
                    return e.resourceBytes().getAsLong();
                }
            }
            throw new BootException(
                    BootPhase.RESOLVE,
                    "there is no pmem device, and "
                            + source.download().sources().get(0)
                            + " does not say its size, so webboot cannot plan a memmap= for it: boot this machine"
                            + " with one (see webboot pmem plan --size BYTES) or give --cache DIR on a disk");
        });
    }

    /**
     * Plans a {@code memmap=} for the image from the firmware's memory map and kexecs webboot's own kernel and
     * initramfs with it, the boot request carried on the command line; returns only by throwing (on a real machine
     * the kexec does not return).
     */
    private BootException relaunch(ResolvedSource source, long imageBytes, String why) throws IOException {
        String running = runningCommandLine();
        if (SelfRelaunch.relaunched(running)) {
            return new BootException(
                    BootPhase.RESOLVE,
                    "webboot already booted itself again with "
                            + SelfRelaunch.runningMemmap(running).orElse("a memmap= it planned") + ", but " + why
                            + "; boot with --medium file --cache DIR on a disk instead");
        }
        Path root = settings.machineRoot();
        MemmapPlan memmap = timed(BootPhase.RESOLVE, "planning a memmap= for " + imageBytes + " bytes", () -> {
            MachineMemory memory;
            try {
                memory = new MachineReader(root).memory();
            } catch (IOException e) {
                throw new BootException(
                        BootPhase.RESOLVE,
                        why + ", and webboot cannot plan a memmap= without the machine's memory map (" + sentence(e)
                                + "): boot this machine with one (see webboot pmem plan --size BYTES) or give --cache"
                                + " DIR on a disk to boot the ISO as a file",
                        e);
            }
            try {
                return new MemmapPlanner().plan(memory, imageBytes);
            } catch (PmemException e) {
                throw new BootException(
                        BootPhase.RESOLVE,
                        why + ", and this machine's RAM cannot hold the image (" + e.getMessage()
                                + "): boot it with --medium file --cache DIR on a disk",
                        e);
            }
        });
        log.line("replan: " + why + "; " + memmap.reason());
        Path kernel = root.resolve(InitramfsBuilder.OWN_KERNEL.substring(1));
        if (!Files.isRegularFile(kernel)) {
            throw new BootException(
                    BootPhase.RESOLVE,
                    why + ", and webboot cannot boot itself again with " + memmap.kernelParameter()
                            + ": its initramfs holds no kernel at " + InitramfsBuilder.OWN_KERNEL
                            + " (webboot initramfs build --kernel BZIMAGE puts it there); boot this machine with "
                            + memmap.kernelParameter());
        }
        Path osrelease = root.resolve("proc/sys/kernel/osrelease");
        if (Files.isRegularFile(osrelease)) {
            // The initramfs's modules are the running kernel's: another kernel would come up without its drivers.
            String runningRelease = Files.readString(osrelease).strip();
            String ownRelease = KernelHeaders.read(kernel).release();
            if (!ownRelease.equals(runningRelease)) {
                throw new BootException(
                        BootPhase.RESOLVE,
                        why + ", and webboot cannot boot itself again with " + memmap.kernelParameter() + ": "
                                + InitramfsBuilder.OWN_KERNEL + " is "
                                + (ownRelease.isEmpty() ? "a kernel of unknown release" : ownRelease)
                                + ", not the running " + runningRelease + " its modules belong to; boot this machine"
                                + " with " + memmap.kernelParameter());
            }
        }
        String cmdline = SelfRelaunch.commandLine(running, memmap.memmap(), request.source(), request.arguments());
        log.line("replan: webboot boots itself again with: " + cmdline);
        try (MemoryFile initrd = MemoryFile.create("webboot-self")) {
            Path retained = root.resolve("sys/firmware/initrd");
            String how = timed(BootPhase.INITRD, "webboot's own initramfs", () -> {
                if (Files.isReadable(retained) && Files.size(retained) > 0) {
                    try (var in = Files.newByteChannel(retained)) {
                        initrd.append(in);
                    }
                    return "the initrd the kernel retained (" + retained + ")";
                }
                try (FileChannel channel =
                                FileChannel.open(Path.of("/proc/self/fd/" + initrd.fd()), StandardOpenOption.WRITE);
                        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                    RunningRoot.archive(root, out);
                }
                return "the running root " + root + " packed again (the kernel kept no initrd)";
            });
            log.line("initrd: " + initrd.size() + " bytes, " + how);
            int fd = initrd.finishWriting();
            KexecRequest self = new KexecRequest(kernel, List.of(Path.of("/proc/self/fd/" + fd)), cmdline);
            LoadedKernel loaded = timed(BootPhase.LOAD, InitramfsBuilder.OWN_KERNEL, () -> settings.kexec()
                    .load(self, request.dryRun()));
            log.line((request.dryRun() ? "dry run: would boot " : "loaded ") + InitramfsBuilder.OWN_KERNEL + " ("
                    + loaded.header().release() + ", " + loaded.kernelBytes() + " bytes) with " + loaded.initrdBytes()
                    + " initrd bytes");
            if (request.dryRun()) {
                return new BootException(
                        BootPhase.LOAD,
                        "dry run: " + why + ", so webboot would boot itself again with " + memmap.kernelParameter()
                                + " and go on there");
            }
            current = BootPhase.EXECUTE;
            listener.phase(BootPhase.EXECUTE, "webboot with " + memmap.kernelParameter());
            log.line("execute: booting webboot again with " + memmap.kernelParameter());
            log.sync();
            settings.kexec().execute();
        }
        return new BootException(BootPhase.EXECUTE, "the kexec into webboot's own kernel returned without booting it");
    }

    private Optional<Path> firstPmemDevice() throws IOException {
        try {
            return new MachineReader(settings.machineRoot())
                    .devices().stream().findFirst().map(PmemDevice::device).map(Path::of);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Gets verified image bytes where the boot needs them. */
    private Staged obtain(ResolvedSource source, Target target, Fetcher fetcher) throws IOException {
        boolean pmem = target.medium() == BootRequest.Medium.PMEM;
        OptionalLong capacity =
                pmem ? OptionalLong.of(capacityOf(target.device().get())) : OptionalLong.empty();
        if (source.localFile().isPresent() && !pmem) {
            // A local ISO booted as a file: verify it where it is.
            Path file = source.localFile().get();
            FetchResult result = timed(
                    BootPhase.VERIFY,
                    file.toString(),
                    () -> fetcher.verifyLocal(file, source.expectation(), request.insecure()));
            return new Staged(file, result.download().size(), verification(result, false));
        }
        if (request.cache().isEmpty() || source.localFile().isPresent()) {
            // Straight into the device in one pass: download, hash, verify, and only then keep it.
            Path device = target.device().get();
            FetchResult result = timed(BootPhase.FETCH, source.describe() + " -> " + device, () -> {
                try (DownloadSink sink =
                        new CapacitySink(DownloadSinks.blockDevice(device), capacity.getAsLong(), device.toString())) {
                    return fetcher.fetch(
                            source.download(),
                            sink,
                            source.expectation(),
                            request.insecure(),
                            progressListener(),
                            settings.cancellation());
                } catch (SinkFullException e) {
                    throw tooLarge(source, e);
                }
            });
            return new Staged(device, result.download().size(), verification(result, false));
        }
        Staged inCache = cachedImage(source, fetcher, capacity, target.device());
        if (!pmem) {
            return inCache;
        }
        Path cached = inCache.image();
        long size = inCache.size();
        Verification verification = inCache.verification();
        Path device = target.device().get();
        StageResult staged = timed(BootPhase.STAGE, cached + " -> " + device, () -> {
            try (BlockDevice block = BlockDevices.open(device)) {
                return new Stager()
                        .withProgress(bytes ->
                                listener.progress(new Progress(bytes, OptionalLong.of(size), 0, Optional.empty())))
                        .stage(cached, block);
            } catch (ImageTooLargeException e) {
                throw new ImageDoesNotFitException(cached.toString(), e.imageSize(), device.toString(), e.deviceSize());
            }
        });
        if (!staged.sha256().equals(verification.sha256())) {
            throw new BootException(
                    BootPhase.STAGE,
                    device + ": the bytes staged (sha256 " + staged.sha256() + ") differ from the verified " + cached
                            + " (sha256 " + verification.sha256() + ")");
        }
        return new Staged(device, size, verification);
    }

    private static long capacityOf(Path device) throws IOException {
        try (BlockDevice block = BlockDevices.open(device)) {
            return block.size();
        }
    }

    /** The image in the cache: reused when it verifies again, else (re)downloaded there. */
    private Staged cachedImage(ResolvedSource source, Fetcher fetcher, OptionalLong capacity, Optional<Path> device)
            throws IOException {
        Path cache = request.cache().get();
        Files.createDirectories(cache);
        Path cached = cache.resolve(source.imageName());
        if (Files.isRegularFile(cached)) {
            try {
                FetchResult again = timed(
                        BootPhase.VERIFY,
                        cached.toString(),
                        () -> fetcher.verifyLocal(cached, source.expectation(), request.insecure()));
                log.line("cache: " + cached + " verified again; reused");
                return new Staged(cached, again.download().size(), verification(again, true));
            } catch (VerificationException e) {
                warn(cached + ": no longer verifies (" + e.getMessage() + "); fetching it again");
                Files.delete(cached);
            }
        }
        FetchResult result = timed(BootPhase.FETCH, source.describe() + " -> " + cached, () -> {
            DownloadSink file = DownloadSinks.file(cached);
            try (DownloadSink sink = capacity.isPresent()
                    ? new CapacitySink(
                            file,
                            capacity.getAsLong(),
                            request.device().map(Path::toString).orElse("the pmem device"))
                    : file) {
                return fetcher.fetch(
                        source.download(),
                        sink,
                        source.expectation(),
                        request.insecure(),
                        progressListener(),
                        settings.cancellation());
            } catch (SinkFullException e) {
                throw tooLarge(source, e);
            }
        });
        return new Staged(cached, result.download().size(), verification(result, false));
    }

    private ImageDoesNotFitException tooLarge(ResolvedSource source, SinkFullException e) {
        return new ImageDoesNotFitException(
                source.download().sources().get(0).toString(), e.resourceBytes().orElse(-1), e.sink(), e.capacity());
    }

    private Verification verification(FetchResult result, boolean reused) {
        String sha256 = result.download().digest(HashAlgorithm.SHA256).orElse("");
        Optional<String> signer = result.signer().map(SignatureVerdict::signerFingerprint);
        result.warnings().forEach(this::warn);
        log.line("fetched " + result.download().source() + ": "
                + result.download().size() + " bytes, sha256 " + sha256 + (reused ? " (from the cache)" : ""));
        // The sentence names the signer when a signature vouched for the sums; say it only when it does not.
        log.line("verified by " + result.verified()
                + signer.filter(f -> !result.verified().contains(f))
                        .map(f -> "; signer key " + f)
                        .orElse(""));
        return new Verification(
                result.download().source().toString(),
                result.download().size(),
                sha256,
                result.verified(),
                signer,
                result.warnings(),
                reused);
    }

    /**
     * Finds the file system that holds the cached image, so a failure to read its device names what webboot was
     * doing (the bare "/dev/vda: Operation not permitted" said neither the phase nor why the disk was read).
     */
    private FilesystemLocator.Location locate(Path image) throws BootException {
        try {
            return new FilesystemLocator(settings.machineRoot()).locate(image);
        } catch (BootException e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            throw new BootException(
                    BootPhase.PLAN,
                    "finding the UUID of the file system that holds the cache (" + image + "): " + sentence(e),
                    e);
        }
    }

    /** Opens the ISO where it now is, plans, builds the initrd, loads the kernel, and jumps unless a dry run. */
    private BootOutcome planAndLoad(ResolvedSource source, Target target, Staged staged) throws IOException {
        boolean pmem = target.medium() == BootRequest.Medium.PMEM;
        BootMedium medium;
        if (pmem) {
            medium = new BootMedium.Pmem(target.device().get().toString());
        } else {
            FilesystemLocator.Location location = timed(
                    BootPhase.PLAN,
                    "finding the UUID of the file system that holds " + staged.image(),
                    () -> locate(staged.image()));
            log.line("medium: " + staged.image() + " is " + location.pathInFilesystem() + " on the "
                    + location.filesystemType() + " file system UUID=" + location.uuid() + " ("
                    + location.source() + ")");
            try {
                medium = new BootMedium.IsoFile(location.pathInFilesystem(), location.uuid());
            } catch (IllegalArgumentException e) {
                throw new IOException(staged.image() + ": " + e.getMessage(), e);
            }
        }
        String imageName = staged.image().toString();
        String running = runningCommandLine();
        // The device is larger than the ISO: read exactly the verified bytes.
        try (ImageSource whole = ImageSources.open(staged.image());
                Iso9660FileSystem fs = Iso9660FileSystem.open(ImageSources.slice(whole, 0, staged.size(), imageName))) {
            BootPlanner planner =
                    settings.planner().orElseGet(() -> BootPlanner.standard().withRunningCommandLine(() -> running));
            BootPlan plan = timed(BootPhase.PLAN, imageName, () -> {
                try {
                    return planner.plan(fs, medium);
                } catch (MalformedImageException e) {
                    if (e.source().startsWith("/")) {
                        throw new MalformedImageException(imageName + "!" + e.source(), e.offset(), e.problem());
                    }
                    throw e;
                } catch (NoBootEntryException e) {
                    throw new BootException(BootPhase.PLAN, imageName + ": " + e.getMessage(), e);
                }
            });
            log.line("plan: " + plan.family() + " image \"" + plan.label() + "\", "
                    + Plural.of(plan.entries().size(), "entry", "entries"));
            int index = chooseEntry(plan);
            BootEntry entry = plan.entries().get(index);
            log.line("entry " + index + ": " + entry.title() + " (kernel " + entry.kernel() + ", initrds "
                    + String.join(" ", entry.initrds()) + ")");
            String cmdline = CommandLines.compose(entry.cmdline(), running, request.append());
            log.line("cmdline: " + cmdline);
            try (MemoryFile initrd = MemoryFile.create("webboot-initrd")) {
                InjectedInitrd written = timed(BootPhase.INITRD, entry.title(), () -> {
                    try (FileChannel out =
                            FileChannel.open(Path.of("/proc/self/fd/" + initrd.fd()), StandardOpenOption.WRITE)) {
                        return InitrdWriter.write(fs.getPath("/"), entry, request.inject(), out);
                    }
                });
                log.line("initrd: " + written.size() + " bytes"
                        + (written.addedModules().isEmpty()
                                ? ""
                                : ", injected " + String.join(" ", written.addedModules())));
                int initrdFd = initrd.finishWriting();
                List<Path> initrds = entry.initrds().isEmpty() && written.size() == 0
                        ? List.of()
                        : List.of(Path.of("/proc/self/fd/" + initrdFd));
                KexecRequest kexec = new KexecRequest(fs.getPath("/").resolve(entry.kernel()), initrds, cmdline);
                LoadedKernel loaded = timed(
                        BootPhase.LOAD, entry.kernel(), () -> settings.kexec().load(kexec, request.dryRun()));
                log.line((request.dryRun() ? "dry run: would boot " : "loaded ") + entry.kernel() + " ("
                        + (loaded.header().release().isEmpty()
                                ? loaded.header().architecture().linuxName()
                                : loaded.header().release())
                        + ", " + loaded.kernelBytes() + " bytes) with " + loaded.initrdBytes() + " initrd bytes");
                BootOutcome outcome = new BootOutcome(
                        plan,
                        index,
                        entry,
                        cmdline,
                        medium,
                        staged.image(),
                        staged.verification(),
                        written.addedModules(),
                        written.size(),
                        !request.dryRun(),
                        request.dryRun(),
                        log.file(),
                        timings);
                if (!request.dryRun()) {
                    current = BootPhase.EXECUTE;
                    listener.phase(BootPhase.EXECUTE, entry.title());
                    log.line("execute: booting " + entry.title());
                    log.sync(); // on the disk before the jump: nothing runs after it
                    settings.kexec().execute();
                }
                return outcome;
            }
        }
    }

    private int chooseEntry(BootPlan plan) throws BootException {
        int count = plan.entries().size();
        int index = request.entry().isPresent() ? request.entry().getAsInt() : listener.chooseEntry(plan);
        if (index < 0 || index >= count) {
            throw new BootException(
                    BootPhase.PLAN,
                    "entry " + index + ": the plan has " + count + " entr" + (count == 1 ? "y" : "ies") + " (0 to "
                            + (count - 1) + ")");
        }
        return index;
    }

    private String runningCommandLine() throws IOException {
        return KernelCommandLine.read(settings.machineRoot().resolve("proc/cmdline"));
    }

    private ProgressListener progressListener() {
        return new ProgressListener() {
            @Override
            public void onProgress(Progress progress) {
                listener.progress(progress);
            }

            @Override
            public void onRetry(String sentence) {
                log.line("retry: " + sentence);
                listener.retry(sentence);
            }
        };
    }

    private void warn(String sentence) {
        log.line("warning: " + sentence);
        listener.warning(sentence);
    }

    /** A step of the flow that may fail. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException;
    }

    /** Runs one phase: tells the listener, logs it, times it. */
    private <T> T timed(BootPhase phase, String detail, Step<T> step) throws IOException {
        current = phase;
        listener.phase(phase, detail);
        long start = System.nanoTime();
        try {
            return step.run();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            timings.add(new PhaseTiming(phase, took));
            log.line(phase.id() + ": " + detail + " (" + String.format("%.3f", took.toNanos() / 1e9) + " s)");
        }
    }

    /** One plain sentence for a failure that is not already a {@link BootException}. */
    static String sentence(Throwable exception) {
        return FailureSentence.of(exception);
    }
}
