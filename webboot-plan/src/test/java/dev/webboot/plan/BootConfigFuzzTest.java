package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootImage;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mutates the distribution-style configs of {@link FamilyPlansTest} (byte flips, inserted GRUB/syslinux syntax
 * characters, deleted and duplicated ranges, truncation): every result must be interpreted or refused with
 * {@link MalformedImageException}, never anything else, never a hang or a stack overflow. Fixed seed, bounded tries.
 */
class BootConfigFuzzTest {
    private static final byte[] SYNTAX = "{}'\"$\\;\n#[]()<>|&=-!".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> GRUB_SEEDS = List.of(
            FamilyPlansTest.UBUNTU_GRUB,
            FamilyPlansTest.ARCH_GRUB,
            FamilyPlansTest.ARCH_LOOPBACK,
            FamilyPlansTest.FEDORA_41_GRUB,
            FamilyPlansTest.FEDORA_42_GRUB,
            FamilyPlansTest.SUSE_GRUB,
            FamilyPlansTest.DEBIAN_GRUB,
            FamilyPlansTest.MANJARO_KERNELS,
            FamilyPlansTest.NIXOS_GRUB);
    private static final List<String> SYSLINUX_SEEDS = List.of(
            FamilyPlansTest.TINYCORE_ISOLINUX,
            "include menu.cfg\ndefault vesamenu.c32\nMENU BEGIN adv\nMENU TITLE Advanced\nLABEL live\n MENU LABEL ^Live"
                    + "\n MENU DEFAULT\n KERNEL /live/vmlinuz\n APPEND initrd=/live/initrd.img boot=live\nMENU END\n"
                    + "LABEL hdt\n COM32 hdt.c32\nLABEL x\n LINUX vmlinuz\n INITRD a,b\n TEXT HELP\n help\n ENDTEXT\n");

    private static Path root;

    private static synchronized BootImage image() {
        try {
            if (root == null) {
                root = Files.createTempDirectory("webboot-fuzz");
            }
            return BootConfigFuzzing.tree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            root = null;
        }
    }

    @Property(tries = 400, seed = "20241124")
    void mutatedGrubConfigsAreInterpretedOrRefused(@ForAll("grubMutants") byte[] config) throws IOException {
        check(BootConfigFuzzing.Format.GRUB, config);
    }

    @Property(tries = 300, seed = "20241124")
    void mutatedSyslinuxConfigsAreInterpretedOrRefused(@ForAll("syslinuxMutants") byte[] config) throws IOException {
        check(BootConfigFuzzing.Format.SYSLINUX, config);
    }

    private static void check(BootConfigFuzzing.Format format, byte[] config) throws IOException {
        try {
            BootConfigFuzzing.interpret(image(), format, config);
        } catch (MalformedImageException refused) {
            assertThat(refused.getMessage()).startsWith(format.path + ": ");
        }
    }

    @Provide
    Arbitrary<byte[]> grubMutants() {
        return mutants(GRUB_SEEDS);
    }

    @Provide
    Arbitrary<byte[]> syslinuxMutants() {
        return mutants(SYSLINUX_SEEDS);
    }

    private static Arbitrary<byte[]> mutants(List<String> seeds) {
        Arbitrary<byte[]> seed = Arbitraries.of(seeds).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<List<int[]>> edits = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, 255))
                .as((op, at, length, value) -> new int[] {op, at, length, value})
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
        return Combinators.combine(seed, edits).as(BootConfigFuzzTest::mutate);
    }

    static byte[] mutate(byte[] original, List<int[]> edits) {
        byte[] data = original.clone();
        for (int[] edit : edits) {
            if (data.length == 0) {
                break;
            }
            int at = edit[1] % data.length;
            int length = 1 + edit[2] % Math.min(64, data.length - at);
            switch (edit[0]) {
                case 0 -> data[at] = (byte) edit[3];
                case 1 -> data = splice(data, at, 0, new byte[] {SYNTAX[edit[3] % SYNTAX.length]});
                case 2 -> data = splice(data, at, length, new byte[0]);
                case 3 -> data = splice(data, at, 0, java.util.Arrays.copyOfRange(data, at, at + length));
                default -> data = java.util.Arrays.copyOf(data, at);
            }
        }
        return data;
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }
}
