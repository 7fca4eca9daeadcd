package dev.webboot.cli.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.cli.menu.MenuSession.Step;
import dev.webboot.net.wifi.WifiScanResult;
import dev.webboot.net.wifi.WifiSecurity;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The menu's state machine, driven by a scripted view over a fake machine. */
class MenuSessionTest {
    private final FakeBackend backend = new FakeBackend();
    private final ScriptedView view = new ScriptedView();

    private MenuSession session() {
        return new MenuSession(backend, view, Throwable::getMessage);
    }

    @Test
    void aDistroWithoutMirrorsGoesStraightToTheNetworkThenBootsTheChosenEntry() {
        view.pick("Debian Live").pick("Continue").pick("failsafe").pick("Exit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        assertThat(session.visited()).containsExactly(Step.DISTRO, Step.NETWORK, Step.BOOT);
        assertThat(view.titles())
                .containsExactly(
                        "Choose a distribution",
                        "Network",
                        "Choose a boot entry of Debian Live",
                        "Dry run of Debian Live finished");
        assertThat(backend.boots).containsExactly(new BootChoice(FakeBackend.DEBIAN, FakeBackend.DEBIAN.url()));
        assertThat(backend.entriesChosen).containsExactly(1);
        assertThat(view.progress).hasSize(2);
        assertThat(view.last().lines())
                .containsExactly(
                        "Entry: Live system (failsafe)",
                        "Command line: boot=live entry=1",
                        "Kernel: /live/vmlinuz",
                        "Verified by: openpgp",
                        "Dry run: nothing was loaded or executed.");
        assertThat(view.shown).contains("retrying: connection reset", "fetch: " + FakeBackend.DEBIAN.url());
        assertThat(session.failure()).isEmpty();
    }

    @Test
    void theDistroListShowsVersionSizeAndVerificationAndEnterTakesTheFirst() {
        view.enter().escape().escape();
        assertThat(session().run()).isZero();

        Screen distros = view.screens.get(0);
        assertThat(distros.options().get(0))
                .contains("Debian Live", "1.0", "3.0 GiB", "openpgp")
                .isEqualTo(String.format("%-30s %-12s %10s  %s", "Debian Live", "1.0", "3.0 GiB", "openpgp"));
        assertThat(distros.options()).last().isEqualTo("Quit");
        assertThat(distros.lines()).first().isEqualTo("Catalog: test catalog");
        // Enter took Debian (no mirrors): the network screen; Escape there went back to the distros; Escape quits.
        assertThat(view.titles()).containsExactly("Choose a distribution", "Network", "Choose a distribution");
        assertThat(backend.boots).isEmpty();
    }

    @Test
    void aMirrorChosenIsTheSourceOfTheBoot() {
        view.pick("Fedora").pick("mirror.two").pick("Continue").enter().pick("Exit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        assertThat(session.visited()).containsExactly(Step.DISTRO, Step.MIRROR, Step.NETWORK, Step.BOOT);
        Screen mirrors = view.screens.get(1);
        assertThat(mirrors.options())
                .containsExactly(
                        "example.org  https://example.org/fedora.iso",
                        "mirror.one  https://mirror.one/fedora.iso",
                        "mirror.two  https://mirror.two/fedora.iso",
                        "Back");
        assertThat(backend.boots)
                .containsExactly(new BootChoice(FakeBackend.FEDORA, URI.create("https://mirror.two/fedora.iso")));
        assertThat(backend.entriesChosen).containsExactly(0);
    }

    @Test
    void backWalksTheScreensInReverse() {
        view.pick("Fedora").enter().pick("Back").pick("Back").pick("Quit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        assertThat(session.visited()).containsExactly(Step.DISTRO, Step.MIRROR, Step.NETWORK, Step.MIRROR, Step.DISTRO);
        assertThat(backend.boots).isEmpty();
    }

    @Test
    void wifiIsOfferedOnlyWhenNoWiredLinkHasAnAddress() {
        view.pick("Debian").escape().escape();
        session().run();
        assertThat(view.screens.get(1).options()).noneMatch(o -> o.contains("Wi-Fi"));
        assertThat(view.screens.get(1).lines())
                .contains("eth0         wired     up    carrier    10.0.2.15/24")
                .contains("A wired link has an address: the download uses it.");
    }

    @Test
    void wifiScanPassphraseAndConnectThenTheNetworkScreenShowsTheAddress() {
        backend.links = new java.util.ArrayList<>(List.of(
                new NetworkLink("eth0", "wired", true, false, List.of()),
                new NetworkLink("wlan0", "wireless", true, false, List.of())));
        backend.scan = List.of(
                new WifiScanResult("02:00:00:00:01:00", 2412, -40, "[WPA2-PSK-CCMP][ESS]", "home"),
                new WifiScanResult("02:00:00:00:02:00", 2437, -70, "[ESS]", "cafe"),
                new WifiScanResult("02:00:00:00:03:00", 2462, -80, "[ESS]", ""));
        view.pick("Debian")
                .pick("Wi-Fi on wlan0")
                .pick("home")
                .type("correct horse")
                .pick("Continue")
                .enter()
                .pick("Exit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        assertThat(session.visited())
                .containsExactly(Step.DISTRO, Step.NETWORK, Step.WIFI, Step.PASSPHRASE, Step.NETWORK, Step.BOOT);
        Screen wifi = view.screens.get(2);
        assertThat(wifi.title()).isEqualTo("Wi-Fi networks on wlan0");
        // The hidden network (no SSID) cannot be chosen by name: it is not listed.
        assertThat(wifi.options()).hasSize(4);
        assertThat(wifi.options().get(0)).contains("home", "-40 dBm", "psk");
        assertThat(view.maskedAsks).containsExactly(true);
        assertThat(backend.joined).hasSize(1);
        assertThat(backend.joined.get(0).ssid()).isEqualTo("home");
        assertThat(backend.joined.get(0).security()).isEqualTo(WifiSecurity.WPA2_PSK);
        assertThat(backend.joined.get(0).secret().reveal()).isEqualTo("correct horse");
        assertThat(view.shown).contains("wlan0: 192.168.1.20/24");
        assertThat(view.screens.get(3).lines()).anyMatch(l -> l.startsWith("wlan0") && l.contains("192.168.1.20/24"));
    }

    @Test
    void aWrongPassphraseIsShownInPlaceAndRetryAsksAgain() {
        backend.links =
                new java.util.ArrayList<>(List.of(new NetworkLink("wlan0", "wireless", true, false, List.of())));
        backend.scan = List.of(new WifiScanResult("02:00:00:00:01:00", 2412, -40, "[WPA2-PSK-CCMP][ESS]", "home"));
        view.pick("Debian")
                .pick("Wi-Fi on wlan0")
                .pick("home")
                .type("wrong-passphrase")
                .pick("Retry")
                .type("") // an empty passphrase goes back to the list of networks
                .pick("Back") // from the networks to the network screen
                .pick("Back")
                .pick("Quit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        Screen failure = view.screens.get(3);
        assertThat(failure.title()).isEqualTo("Wi-Fi: could not join home");
        assertThat(failure.lines()).containsExactly("webboot: Wi-Fi: wrong passphrase for \"home\" on wlan0");
        assertThat(failure.options()).containsExactly("Retry", "Back", "Leave the menu for a shell (exit status 1)");
        assertThat(session.visited())
                .containsExactly(
                        Step.DISTRO,
                        Step.NETWORK,
                        Step.WIFI,
                        Step.PASSPHRASE,
                        Step.PASSPHRASE,
                        Step.WIFI,
                        Step.NETWORK,
                        Step.DISTRO);
        assertThat(backend.joined).hasSize(1);
    }

    @Test
    void aFailedBootIsShownAndRetried() {
        backend.bootFailures.add(new IOException("live.iso: SHA-256 mismatch"));
        view.pick("Debian").pick("Continue").pick("Retry").enter().pick("Exit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        Screen failure = view.screens.get(2);
        assertThat(failure.title()).isEqualTo("The boot of Debian Live failed");
        assertThat(failure.lines()).containsExactly("webboot: live.iso: SHA-256 mismatch");
        assertThat(session.visited()).containsExactly(Step.DISTRO, Step.NETWORK, Step.BOOT, Step.BOOT);
        assertThat(backend.boots).hasSize(2);
        assertThat(session.failure()).isEmpty();
    }

    @Test
    void leavingForAShellAfterAFailureExitsWithStatusOneAndTheSentence() {
        backend.bootFailures.add(new IOException("live.iso: SHA-256 mismatch"));
        view.pick("Debian").pick("Continue").pick("shell");
        MenuSession session = session();

        assertThat(session.run()).isEqualTo(1);

        assertThat(session.failure()).contains("live.iso: SHA-256 mismatch");
    }

    @Test
    void backFromAFailedBootReturnsToTheDistributions() {
        backend.bootFailures.add(new IOException("unreachable"));
        view.pick("Debian").pick("Continue").escape().pick("Quit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        assertThat(session.visited()).containsExactly(Step.DISTRO, Step.NETWORK, Step.BOOT, Step.DISTRO);
        // The distro list comes back with the last choice highlighted.
        assertThat(view.last().initial()).isZero();
    }

    @Test
    void backFromTheEntryListBootsNothing() {
        view.pick("Fedora")
                .enter()
                .pick("Continue")
                .pick("Back to the distributions")
                .pick("Quit");
        MenuSession session = session();

        assertThat(session.run()).isZero();

        assertThat(backend.boots).hasSize(1);
        assertThat(backend.entriesChosen).isEmpty();
        assertThat(session.visited()).containsExactly(Step.DISTRO, Step.MIRROR, Step.NETWORK, Step.BOOT, Step.DISTRO);
        assertThat(view.last().initial()).isEqualTo(1);
    }

    @Test
    void theEntryListStartsOnThePlansDefault() {
        backend.defaultEntry = 1;
        view.pick("Debian").pick("Continue").enter().pick("Exit");
        session().run();

        Screen entries = view.screens.get(2);
        assertThat(entries.options())
                .containsExactly(
                        "Live system", "Live system (failsafe)  (default)", "Back to the distributions (boot nothing)");
        assertThat(entries.initial()).isEqualTo(1);
        assertThat(backend.entriesChosen).containsExactly(1);
    }
}
