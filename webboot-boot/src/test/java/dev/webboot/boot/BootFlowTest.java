package dev.webboot.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.fetch.Downloader;
import dev.webboot.fetch.Progress;
import dev.webboot.testing.GnuPg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow over real sockets (MockWebServer), with an ISO made by xorriso, sums signed by GnuPG, a plain file
 * standing in for {@code /dev/pmem0} and a kexec that records what it would boot.
 */
class BootFlowTest {
    private static final String RUNNING = "BOOT_IMAGE=/vmlinuz console=ttyS0 memmap=1G!4G quiet";

    @TempDir
    static Path shared;

    static TestIso iso;
    static byte[] isoBytes;
    static String fingerprint;
    static Path keyring;
    static Path sums;
    static Path signature;
    static Path strangerSignature;

    @TempDir
    Path dir;

    MockWebServer server;
    ImageServer files;
    Path device;
    Path machine;
    RecordingKexec kexec;
    List<String> echoed;

    @BeforeAll
    static void publish() throws IOException {
        iso = TestIso.build(shared, "marker-live.iso", "WEBBOOT-MARKER-7f3a");
        isoBytes = Files.readAllBytes(iso.iso);
        GnuPg gpg = new GnuPg(shared);
        fingerprint = gpg.generate("Marker Live Signing <sign@example.org>");
        keyring = gpg.export("sign@example.org", shared.resolve("marker.gpg"));
        sums = Files.writeString(
                shared.resolve("SHA256SUMS"),
                TestIso.sha256(isoBytes) + "  marker-live.iso\n" + "0".repeat(64) + "  other.iso\n");
        signature = gpg.detachSign("sign@example.org", sums, shared.resolve("SHA256SUMS.gpg"));
        GnuPg stranger = new GnuPg(Files.createDirectories(shared.resolve("stranger")));
        stranger.generate("Someone Else <else@example.org>");
        strangerSignature = stranger.detachSign("else@example.org", sums, shared.resolve("SHA256SUMS.stranger.gpg"));
    }

    @BeforeEach
    void start() throws IOException {
        files = new ImageServer()
                .publish("/live/marker-live.iso", isoBytes)
                .publish("/live/SHA256SUMS", Files.readAllBytes(sums))
                .publish("/live/SHA256SUMS.gpg", Files.readAllBytes(signature))
                .publish("/live/SHA256SUMS.stranger.gpg", Files.readAllBytes(strangerSignature));
        server = new MockWebServer();
        server.setDispatcher(files);
        server.start();
        device = dir.resolve("pmem0");
        Files.write(device, new byte[64 << 20]);
        machine = Files.createDirectories(dir.resolve("machine"));
        Files.createDirectories(machine.resolve("proc"));
        Files.writeString(machine.resolve("proc/cmdline"), RUNNING + "\n");
        kexec = new RecordingKexec();
        echoed = new ArrayList<>();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private WebBoot webboot() throws IOException {
        return webboot(Downloader.builder()
                .attemptsPerSource(3)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .stallTimeout(Duration.ofSeconds(5))
                .build());
    }

    private WebBoot webboot(Downloader downloader) throws IOException {
        return WebBoot.builder()
                .downloader(downloader)
                .kexec(kexec)
                .machineRoot(machine)
                .logEcho(echoed::add)
                .build();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private BootRequest.Builder signed(String isoPath) {
        return BootRequest.builder(url(isoPath))
                .sums(url("/live/SHA256SUMS"))
                .signature(url("/live/SHA256SUMS.gpg"))
                .keyrings(List.of(keyring))
                .device(device)
                .logFile(dir.resolve("boot.log"));
    }

    private byte[] deviceHead(int length) throws IOException {
        try (var in = Files.newInputStream(device)) {
            return in.readNBytes(length);
        }
    }

    @Test
    void bootsASignedIsoStreamedIntoTheDevice() throws Exception {
        List<BootPhase> phases = new ArrayList<>();
        List<Progress> progress = new ArrayList<>();
        BootListener listener = new BootListener() {
            @Override
            public void phase(BootPhase phase, String detail) {
                phases.add(phase);
            }

            @Override
            public void progress(Progress p) {
                progress.add(p);
            }
        };
        BootOutcome outcome = webboot()
                .boot(signed("/live/marker-live.iso").append("webboot.test=42").build(), listener);

        // The device holds exactly the published bytes.
        assertThat(deviceHead(isoBytes.length)).isEqualTo(isoBytes);
        assertThat(outcome.verification().sha256()).isEqualTo(TestIso.sha256(isoBytes));
        assertThat(outcome.verification().size()).isEqualTo(isoBytes.length);
        assertThat(outcome.verification().signerFingerprint()).contains(fingerprint);
        assertThat(outcome.verification().insecure()).isFalse();
        // The plan is the ISO's own menu; the command line carries memmap= and the console, then --append.
        assertThat(outcome.plan().family()).isEqualTo("generic");
        assertThat(outcome.plan().entries()).hasSize(2);
        assertThat(outcome.entryIndex()).isZero();
        assertThat(outcome.medium()).isEqualTo(new BootMedium.Pmem(device.toString()));
        assertThat(outcome.cmdline()).isEqualTo(TestIso.FIRST_CMDLINE + " memmap=1G!4G console=ttyS0 webboot.test=42");
        // What kexec got: the ISO's kernel and initrd, byte for byte (the initrd padded to 4 bytes).
        assertThat(kexec.loads).hasSize(1);
        RecordingKexec.Load load = kexec.loads.get(0);
        assertThat(load.cmdline()).isEqualTo(outcome.cmdline());
        assertThat(load.kernel()).isEqualTo(Files.readAllBytes(iso.kernel));
        byte[] initrd = Files.readAllBytes(iso.initrd);
        assertThat(load.initrd()).isEqualTo(initrd);
        assertThat(load.loaded().initrdBytes()).as("padded to 4 by kexec").isEqualTo((initrd.length + 3) & ~3);
        assertThat(outcome.injectedModules()).isEmpty();
        assertThat(load.dryRun()).isFalse();
        assertThat(kexec.executions).isEqualTo(1);
        assertThat(outcome.executed()).isTrue();
        assertThat(phases)
                .containsExactly(
                        BootPhase.RESOLVE,
                        BootPhase.FETCH,
                        BootPhase.PLAN,
                        BootPhase.INITRD,
                        BootPhase.LOAD,
                        BootPhase.EXECUTE);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1).bytes()).isEqualTo(isoBytes.length);
        assertThat(outcome.timings()).extracting(PhaseTiming::phase).contains(BootPhase.FETCH, BootPhase.LOAD);
        // The log says what was fetched, how big, its hash, the key, the entry, the command line.
        String log = Files.readString(dir.resolve("boot.log"), StandardCharsets.UTF_8);
        assertThat(outcome.logFile()).contains(dir.resolve("boot.log"));
        assertThat(log)
                .contains(url("/live/marker-live.iso") + ": " + isoBytes.length + " bytes, sha256 "
                        + TestIso.sha256(isoBytes))
                .contains(" verified by " + url("/live/SHA256SUMS") + ", signed by " + fingerprint + "\n")
                .contains("entry 0: Marker live")
                .contains("cmdline: " + outcome.cmdline())
                .contains("execute: booting Marker live");
        assertThat(log.lines()).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*"));
        assertThat(echoed).anyMatch(l -> l.startsWith("cmdline: "));
    }

    @Test
    void dryRunStopsBeforeTheJumpAndBootsTheChosenEntry() throws Exception {
        BootListener chooser = new BootListener() {
            @Override
            public int chooseEntry(BootPlan plan) {
                return 1;
            }
        };
        BootOutcome outcome =
                webboot().boot(signed("/live/marker-live.iso").dryRun(true).build(), chooser);
        assertThat(outcome.entryIndex()).isEqualTo(1);
        assertThat(outcome.cmdline()).isEqualTo(TestIso.SECOND_CMDLINE + " memmap=1G!4G console=ttyS0");
        assertThat(outcome.executed()).isFalse();
        assertThat(kexec.executions).isZero();
        assertThat(kexec.loads).singleElement().satisfies(l -> assertThat(l.dryRun())
                .isTrue());

        BootOutcome first = webboot()
                .boot(signed("/live/marker-live.iso").dryRun(true).entry(0).build(), chooser);
        assertThat(first.entryIndex()).as("--entry wins over the listener").isZero();

        assertThatThrownBy(() -> webboot()
                        .boot(
                                signed("/live/marker-live.iso")
                                        .dryRun(true)
                                        .entry(2)
                                        .build(),
                                chooser))
                .isInstanceOf(BootException.class)
                .hasMessage("entry 2: the plan has 2 entries (0 to 1)");
    }

    @Test
    void aTamperedIsoIsRefusedWipedAndNothingIsLoaded() throws Exception {
        byte[] tampered = isoBytes.clone();
        tampered[tampered.length / 2] ^= 0x01;
        files.publish("/live/marker-live.iso", tampered);
        assertThatThrownBy(() -> webboot().boot(signed("/live/marker-live.iso").build(), BootListener.NONE))
                .isInstanceOf(BootException.class)
                .satisfies(e -> assertThat(((BootException) e).phase()).isEqualTo(BootPhase.FETCH))
                .hasMessage(url("/live/marker-live.iso") + ": the SHA-256 of the downloaded bytes is "
                        + TestIso.sha256(tampered) + ", but " + url("/live/SHA256SUMS") + ", signed by "
                        + fingerprint + " says " + TestIso.sha256(isoBytes));
        assertThat(kexec.loads).isEmpty();
        assertThat(kexec.executions).isZero();
        // The ISO 9660 volume descriptors are gone: nothing can mistake the device for the image.
        assertThat(deviceHead(64 * 1024)).containsOnly(0);
        assertThat(Files.readString(dir.resolve("boot.log"))).contains("FAILED in fetch: ");
    }

    @Test
    void aSignatureByAnUntrustedKeyIsRefusedBeforeTheIsoIsRequested() throws Exception {
        BootRequest request = signed("/live/marker-live.iso")
                .signature(url("/live/SHA256SUMS.stranger.gpg"))
                .build();
        assertThatThrownBy(() -> webboot().boot(request, BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessageStartingWith(url("/live/SHA256SUMS.stranger.gpg") + ": ")
                .satisfies(e -> assertThat(((BootException) e).getCause())
                        .isInstanceOf(dev.webboot.fetch.VerificationException.class));
        assertThat(files.requestsFor("/live/marker-live.iso")).isEmpty();
        assertThat(kexec.loads).isEmpty();
    }

    @Test
    void anIsoLargerThanTheDeviceIsRefusedBeforeItsBodyIsRead() throws Exception {
        Files.write(device, new byte[1 << 20]);
        assertThatThrownBy(() -> webboot().boot(signed("/live/marker-live.iso").build(), BootListener.NONE))
                .isInstanceOfSatisfying(ImageDoesNotFitException.class, e -> {
                    assertThat(e.imageBytes()).isEqualTo(isoBytes.length);
                    assertThat(e.deviceBytes()).isEqualTo(1 << 20);
                })
                .hasMessageStartingWith(url("/live/marker-live.iso") + ": the ISO is " + isoBytes.length + " bytes but "
                        + device + " holds " + (1 << 20));
        assertThat(deviceHead(1 << 20)).containsOnly(0);
        assertThat(files.requestsFor("/live/marker-live.iso")).as("not retried").hasSize(1);
        assertThat(kexec.loads).isEmpty();
    }

    @Test
    void anIsoOfUnknownSizeLargerThanTheDeviceFailsWhenTheDeviceIsFull() throws Exception {
        Files.write(device, new byte[1 << 20]);
        files.mode("/live/marker-live.iso", ImageServer.Mode.CHUNKED);
        assertThatThrownBy(() -> webboot().boot(signed("/live/marker-live.iso").build(), BootListener.NONE))
                .isInstanceOfSatisfying(ImageDoesNotFitException.class, e -> assertThat(e.imageBytes())
                        .isEqualTo(-1))
                .hasMessageStartingWith(url("/live/marker-live.iso") + ": the ISO is larger than the " + (1 << 20)
                        + " bytes " + device + " holds");
        assertThat(deviceHead(64 * 1024)).as("wiped").containsOnly(0);
        assertThat(Files.size(device)).isEqualTo(1 << 20);
        assertThat(kexec.loads).isEmpty();
    }

    @Test
    void anUnreachableServerFailsWithOneSentenceAfterTheTimeout() throws Exception {
        files.mode("/live/SHA256SUMS", ImageServer.Mode.NO_RESPONSE);
        Downloader impatient = Downloader.builder()
                .attemptsPerSource(2)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(10))
                .stallTimeout(Duration.ofMillis(500))
                .build();
        assertThatThrownBy(() ->
                        webboot(impatient).boot(signed("/live/marker-live.iso").build(), BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessageStartingWith(url("/live/SHA256SUMS") + ": download failed after 2 attempts (last error: no"
                        + " data for too long");
        assertThat(files.requestsFor("/live/marker-live.iso")).isEmpty();
        assertThat(kexec.loads).isEmpty();

        // Nobody listening at all: refused connections, then the same kind of sentence.
        MockWebServer gone = new MockWebServer();
        gone.start();
        String closed = gone.url("/live/marker-live.iso").toString();
        gone.shutdown();
        BootRequest nowhere = BootRequest.builder(closed)
                .sha256(TestIso.sha256(isoBytes))
                .device(device)
                .logFile(dir.resolve("boot.log"))
                .build();
        assertThatThrownBy(() -> webboot(impatient).boot(nowhere, BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessageStartingWith(closed + ": download failed after 2 attempts (last error: ");
        assertThat(kexec.loads).isEmpty();
    }

    @Test
    void anEndlessBodyStopsAtTheMaximumSizeAndNothingIsBooted() throws Exception {
        try (dev.webboot.testing.EndlessHttpServer endless = dev.webboot.testing.EndlessHttpServer.start()) {
            String iso = endless.url("/live/endless.iso").toString();
            Downloader capped = Downloader.builder().maxBytes(1 << 20).build();
            BootRequest request = BootRequest.builder(iso)
                    .sha256(TestIso.sha256(isoBytes))
                    .device(device)
                    .logFile(dir.resolve("boot.log"))
                    .build();
            assertThatThrownBy(() -> webboot(capped).boot(request, BootListener.NONE))
                    .isInstanceOf(BootException.class)
                    .hasMessage(iso + ": bigger than the 1048576 bytes the download may have");
            assertThat(endless.bytesSent()).isGreaterThan(1 << 20);
        }
        assertThat(kexec.loads).isEmpty();
    }

    @Test
    void aServerAnnouncingAnIsoLargerThanTheDeviceIsRefusedBeforeTheBody() throws Exception {
        files.claimSize("/live/marker-live.iso", 3L << 30);
        assertThatThrownBy(() -> webboot().boot(signed("/live/marker-live.iso").build(), BootListener.NONE))
                .isInstanceOfSatisfying(ImageDoesNotFitException.class, e -> assertThat(e.imageBytes())
                        .isEqualTo(3L << 30))
                .hasMessage(url("/live/marker-live.iso") + ": the ISO is " + (3L << 30) + " bytes but " + device
                        + " holds " + (64 << 20) + "; boot with a larger memmap= (see webboot pmem plan --size "
                        + (3L << 30) + ")");
        assertThat(deviceHead(64 << 20)).containsOnly(0);
        assertThat(kexec.loads).isEmpty();
    }

    @Test
    void aDownloadCutInTheMiddleResumesAndBoots() throws Exception {
        files.cutOnce("/live/marker-live.iso", isoBytes.length / 2);
        List<String> retries = new ArrayList<>();
        BootOutcome outcome = webboot().boot(signed("/live/marker-live.iso").build(), new BootListener() {
            @Override
            public void retry(String sentence) {
                retries.add(sentence);
            }
        });
        List<okhttp3.mockwebserver.RecordedRequest> gets = files.requestsFor("/live/marker-live.iso");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).getHeader("Range")).isEqualTo("bytes=" + isoBytes.length / 2 + "-");
        assertThat(retries).singleElement().asString().contains("at byte " + isoBytes.length / 2);
        assertThat(deviceHead(isoBytes.length)).isEqualTo(isoBytes);
        assertThat(outcome.verification().sha256()).isEqualTo(TestIso.sha256(isoBytes));
        assertThat(kexec.executions).isEqualTo(1);
    }

    private BootRequest.Builder cached(Path cache) {
        return BootRequest.builder(url("/live/marker-live.iso"))
                .sums(url("/live/SHA256SUMS"))
                .signature(url("/live/SHA256SUMS.gpg"))
                .keyrings(List.of(keyring))
                .cache(cache);
    }

    @Test
    void theCacheKeepsTheImageAndReusesItOnlyAfterVerifyingItAgain() throws Exception {
        Path cache = dir.resolve("cache");
        Path image = cache.resolve("marker-live.iso");
        List<String> warnings = new ArrayList<>();
        BootListener listener = new BootListener() {
            @Override
            public void warning(String sentence) {
                warnings.add(sentence);
            }
        };

        BootOutcome first = webboot().boot(cached(cache).device(device).build(), listener);
        assertThat(first.verification().reused()).isFalse();
        assertThat(Files.readAllBytes(image)).isEqualTo(isoBytes);
        assertThat(deviceHead(isoBytes.length)).as("staged from the cache").isEqualTo(isoBytes);
        assertThat(first.logFile()).contains(cache.resolve("webboot-boot.log"));
        assertThat(first.timings()).extracting(PhaseTiming::phase).contains(BootPhase.FETCH, BootPhase.STAGE);

        Files.write(device, new byte[64 << 20]);
        BootOutcome second = webboot().boot(cached(cache).device(device).build(), listener);
        assertThat(second.verification().reused()).isTrue();
        assertThat(second.verification().signerFingerprint()).contains(fingerprint);
        assertThat(files.requestsFor("/live/marker-live.iso"))
                .as("not downloaded again")
                .hasSize(1);
        assertThat(files.requestsFor("/live/SHA256SUMS.gpg"))
                .as("verified again")
                .hasSize(2);
        assertThat(deviceHead(isoBytes.length)).isEqualTo(isoBytes);
        assertThat(warnings).isEmpty();

        // A cached image that no longer matches is fetched again, never booted.
        byte[] damaged = isoBytes.clone();
        damaged[100_000] ^= 0x01;
        Files.write(image, damaged);
        BootOutcome third = webboot().boot(cached(cache).device(device).build(), listener);
        assertThat(third.verification().reused()).isFalse();
        assertThat(warnings).singleElement().asString().startsWith(image + ": no longer verifies (");
        assertThat(files.requestsFor("/live/marker-live.iso")).hasSize(2);
        assertThat(Files.readAllBytes(image)).isEqualTo(isoBytes);
        assertThat(kexec.executions).isEqualTo(3);
        assertThat(Files.readString(cache.resolve("webboot-boot.log"))).contains("no longer verifies");
    }

    @Test
    void withoutPmemTheCachedIsoIsBootedAsAFileFoundByItsFileSystemUuid() throws Exception {
        // The cache is on a "disk": mountinfo names an ext4 file system made by mkfs.ext4, read from its superblock.
        Path disk = Files.createDirectories(machine.resolve("dev")).resolve("sdq1");
        try (var raf = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            raf.setLength(8 << 20);
        }
        dev.webboot.testing.ExternalTools.run(
                dir,
                dev.webboot.testing.ExternalTools.require("mkfs.ext4", "e2fsprogs")
                        .toString(),
                "-q",
                "-F",
                "-U",
                "3a7e1c55-0d4b-4c1e-a0f2-6d2b8e9f1a04",
                disk.toString());
        Path stick = Files.createDirectories(dir.resolve("stick")).toRealPath();
        Files.createDirectories(machine.resolve("proc/self"));
        Files.writeString(
                machine.resolve("proc/self/mountinfo"),
                "22 1 8:1 / / rw - ext4 /dev/root rw\n" + "41 22 65:1 / " + stick + " rw - ext4 /dev/sdq1 rw\n");
        List<String> warnings = new ArrayList<>();
        BootOutcome outcome = webboot().boot(cached(stick.resolve("cache")).build(), new BootListener() {
            @Override
            public void warning(String sentence) {
                warnings.add(sentence);
            }
        });
        assertThat(outcome.medium())
                .isEqualTo(new BootMedium.IsoFile("/cache/marker-live.iso", "3a7e1c55-0d4b-4c1e-a0f2-6d2b8e9f1a04"));
        assertThat(outcome.image()).isEqualTo(stick.resolve("cache/marker-live.iso"));
        assertThat(warnings).singleElement().asString().startsWith("no pmem device: booting the ISO as a file");
        assertThat(deviceHead(64 * 1024))
                .as("the pmem stand-in was not touched")
                .containsOnly(0);
        assertThat(kexec.loads).singleElement().satisfies(l -> assertThat(l.kernel())
                .isEqualTo(Files.readAllBytes(iso.kernel)));

        assertThatThrownBy(() -> webboot()
                        .boot(
                                BootRequest.builder(url("/live/marker-live.iso"))
                                        .sha256(TestIso.sha256(isoBytes))
                                        .logFile(dir.resolve("nocache.log"))
                                        .build(),
                                BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessageStartingWith("there is no pmem device, and webboot cannot plan a memmap= without the"
                        + " machine's memory map");
    }

    @Test
    void anUnreadableCacheDiskIsNamedWithThePhaseAndWhatWasBeingDone() throws Exception {
        // What a user saw: "FAILED in verify: /dev/vda: Operation not permitted" right after "verified". Here the
        // "disk" is a directory, so reading its superblock fails the same way an unreadable block device does.
        Files.createDirectories(machine.resolve("dev/sdq2"));
        Path stick = Files.createDirectories(dir.resolve("stick2")).toRealPath();
        Files.createDirectories(machine.resolve("proc/self"));
        Files.writeString(
                machine.resolve("proc/self/mountinfo"),
                "22 1 8:1 / / rw - ext4 /dev/root rw\n" + "41 22 65:2 / " + stick + " rw - ext4 /dev/sdq2 rw\n");
        assertThatThrownBy(() -> webboot().boot(cached(stick.resolve("cache")).build(), BootListener.NONE))
                .isInstanceOfSatisfying(
                        BootException.class, e -> assertThat(e.phase()).isEqualTo(BootPhase.PLAN))
                .hasMessageStartingWith("finding the UUID of the file system that holds the cache ("
                        + stick.resolve("cache/marker-live.iso") + "): ");
        assertThat(Files.readString(stick.resolve("cache/webboot-boot.log")))
                .contains("FAILED in plan: finding the UUID of the file system that holds the cache");
    }

    private Path catalog(String pinned) throws IOException {
        String json =
                """
                {"schema": 1, "entries": [{
                  "id": "demo", "name": "Marker Live", "version": "1", "arch": "amd64",
                  "url": "%s", "sums": "%s", "signature": "%s", "signatureCovers": "sums",
                  "fingerprints": ["%s"], "keys": [], "family": "generic"
                }]}
                """
                        .formatted(
                                url("/live/marker-live.iso"),
                                url("/live/SHA256SUMS"),
                                url("/live/SHA256SUMS.gpg"),
                                pinned);
        return Files.writeString(dir.resolve("catalog-" + pinned.substring(0, 8) + ".json"), json);
    }

    @Test
    void aCatalogIdBootsTheEntryCheckedAgainstItsPinnedFingerprint() throws Exception {
        BootRequest demo = BootRequest.builder("demo")
                .catalog(catalog(fingerprint).toString())
                .keyrings(List.of(keyring))
                .device(device)
                .dryRun(true)
                .logFile(dir.resolve("boot.log"))
                .build();
        BootOutcome outcome = webboot().boot(demo, BootListener.NONE);
        assertThat(outcome.verification().signerFingerprint()).contains(fingerprint);
        assertThat(outcome.verification().source()).isEqualTo(url("/live/marker-live.iso"));
        assertThat(Files.readString(dir.resolve("boot.log")))
                .contains("source: demo (Marker Live 1) from " + url("/live/marker-live.iso"));

        // The same signature, but the catalog trusts another key: refused before the ISO is requested.
        int before = files.requestsFor("/live/marker-live.iso").size();
        BootRequest otherPin =
                demo.toBuilder().catalog(catalog("0".repeat(40)).toString()).build();
        assertThatThrownBy(() -> webboot().boot(otherPin, BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessageStartingWith(url("/live/SHA256SUMS.gpg") + ": ");
        assertThat(files.requestsFor("/live/marker-live.iso")).hasSize(before);

        assertThatThrownBy(
                        () -> webboot().boot(demo.toBuilder().source("nosuch").build(), BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessageStartingWith("nosuch: no such distro in ");
    }

    @Test
    void aLocalIsoBootedAsAFileIsVerifiedWhereItIs() throws Exception {
        Path disk = Files.createDirectories(machine.resolve("dev")).resolve("sdr1");
        try (var raf = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            raf.setLength(8 << 20);
        }
        dev.webboot.testing.ExternalTools.run(
                dir,
                dev.webboot.testing.ExternalTools.require("mkfs.vfat", "dosfstools")
                        .toString(),
                "-i",
                "C0FFEE42",
                disk.toString());
        Path isoDir = iso.iso.toRealPath().getParent();
        Files.createDirectories(machine.resolve("proc/self"));
        Files.writeString(
                machine.resolve("proc/self/mountinfo"),
                "22 1 8:1 / / rw - ext4 /dev/root rw\n" + "43 22 65:17 / " + isoDir + " rw - vfat /dev/sdr1 rw\n");
        BootOutcome outcome = webboot()
                .boot(
                        BootRequest.builder(iso.iso.toString())
                                .medium(BootRequest.Medium.FILE)
                                .sha256(TestIso.sha256(isoBytes))
                                .logFile(dir.resolve("boot.log"))
                                .dryRun(true)
                                .build(),
                        BootListener.NONE);
        assertThat(outcome.medium()).isEqualTo(new BootMedium.IsoFile("/marker-live.iso", "C0FF-EE42"));
        assertThat(outcome.image()).isEqualTo(iso.iso);
        assertThat(outcome.verification().sha256()).isEqualTo(TestIso.sha256(isoBytes));
        assertThat(outcome.timings())
                .extracting(PhaseTiming::phase)
                .contains(BootPhase.VERIFY)
                .doesNotContain(BootPhase.FETCH, BootPhase.STAGE);
        assertThat(files.requests()).as("nothing fetched").isEmpty();

        BootRequest wrong = BootRequest.builder(iso.iso.toString())
                .medium(BootRequest.Medium.FILE)
                .sha256("0".repeat(64))
                .logFile(dir.resolve("boot.log"))
                .build();
        assertThatThrownBy(() -> webboot().boot(wrong, BootListener.NONE))
                .isInstanceOf(BootException.class)
                .hasMessage(iso.iso + ": the SHA-256 is " + TestIso.sha256(isoBytes) + ", but the given SHA-256 says "
                        + "0".repeat(64));
        assertThat(kexec.loads).hasSize(1);
    }
}
