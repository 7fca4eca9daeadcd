package dev.webboot.examples;

import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.boot.BootListener;
import dev.webboot.boot.BootRequest;
import dev.webboot.boot.WebBoot;
import dev.webboot.fetch.Cancellation;
import dev.webboot.fetch.DownloadRequest;
import dev.webboot.fetch.DownloadSinks;
import dev.webboot.fetch.Downloader;
import dev.webboot.fetch.Expectation;
import dev.webboot.fetch.FetchResult;
import dev.webboot.fetch.Fetcher;
import dev.webboot.fetch.Keyring;
import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.squashfs.SquashfsFileSystem;
import dev.webboot.kexec.Kexec;
import dev.webboot.kexec.KexecRequest;
import dev.webboot.kexec.LoadedKernel;
import dev.webboot.net.bringup.NetworkBringUp;
import dev.webboot.net.bringup.NetworkConfiguration;
import dev.webboot.plan.BootPlanner;
import dev.webboot.pmem.MachineReader;
import dev.webboot.pmem.MemmapPlan;
import dev.webboot.pmem.MemmapPlanner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The five-line library examples of README.md, one method per artifact, compiled with the build so that README cannot
 * drift from the API. Each method body is what README shows.
 */
final class LibrarySnippets {
    private LibrarySnippets() {}

    /** webboot-iso: an initrd inside a squashfs inside an ISO, each read in place. */
    static byte[] iso() throws IOException {
        try (var iso = Iso9660FileSystem.open(Path.of("live.iso"));
                var root = SquashfsFileSystem.open(iso.getPath("/live/filesystem.squashfs"));
                var initrd = Initramfs.open(iso.getPath("/live/initrd.img"))) {
            System.out.println(iso.volume().label() + ": " + Files.readString(root.getPath("/etc/os-release")));
            return initrd.read("conf/initramfs.conf");
        }
    }

    /** webboot-plan: what the ISO's own GRUB/isolinux menu boots, adapted to /dev/pmem0. */
    static String plan() throws IOException {
        BootPlan plan = BootPlanner.standard().plan(Path.of("live.iso"), BootMedium.pmem());
        System.out.println(plan.family() + " from " + plan.configuration() + ", left out: " + plan.dropped());
        return plan.defaultEntry().orElseThrow().cmdline();
    }

    /** webboot-pmem: where a RAM disk for a 4 GiB image fits in this machine's memory. */
    static String pmem() throws IOException {
        MemmapPlan plan = new MemmapPlanner().plan(MachineReader.running().memory(), 4L << 30);
        return plan.memmap() + " (" + plan.reason() + ")";
    }

    /** webboot-kexec: load a kernel for kexec (a dry run checks it without loading). */
    static String kexec() throws IOException {
        KexecRequest request = new KexecRequest(Path.of("vmlinuz"), List.of(Path.of("initrd.img")), "console=ttyS0");
        LoadedKernel loaded = Kexec.system().load(request, true);
        return loaded.header().release();
    }

    /** webboot-net: DHCP on the first wired interface, as root. */
    static NetworkConfiguration net() throws IOException {
        return NetworkBringUp.system().dhcp(Optional.empty());
    }

    /** webboot-fetch: download an ISO whose SHA256SUMS is signed, in one verified pass. */
    static FetchResult fetch() throws IOException {
        Expectation sums = new Expectation.SignedSums(
                URI.create("https://example.org/SHA256SUMS"),
                Optional.of(URI.create("https://example.org/SHA256SUMS.gpg")),
                Keyring.load(Path.of("publisher.gpg")),
                Set.of(),
                "live.iso");
        return new Fetcher(Downloader.builder().build())
                .fetch(
                        DownloadRequest.of(URI.create("https://example.org/live.iso")),
                        DownloadSinks.file(Path.of("live.iso")),
                        sums,
                        false,
                        progress -> {},
                        new Cancellation());
    }

    /** webboot-boot: the whole boot (network, fetch, verify, stage, plan, inject, kexec), here as a dry run. */
    static String boot() throws IOException {
        BootRequest request = BootRequest.builder("debian-live").dryRun(true).build();
        return WebBoot.builder().build().boot(request, BootListener.NONE).cmdline();
    }
}
