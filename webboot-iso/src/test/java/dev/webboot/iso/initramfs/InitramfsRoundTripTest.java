package dev.webboot.iso.initramfs;

import static dev.webboot.iso.initramfs.Fixtures.cpio;
import static dev.webboot.iso.initramfs.Fixtures.extract;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random trees written by {@link InitramfsWriter} with each compression, read back by {@link Initramfs} and
 * extracted by GNU cpio: all three agree.
 */
class InitramfsRoundTripTest {

    /** One generated entry; {@code kind} 0 file, 1 directory, 2 symlink, 3 char device, 4 block device, 5 fifo. */
    record Spec(int kind, String name, int mode, long uid, long gid, long mtime, int size, long seed) {}

    @Provide
    Arbitrary<List<Spec>> trees() {
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcXYZ019 ._-~äö€")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(n -> !n.equals(".") && !n.equals(".."));
        Arbitrary<Spec> spec = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        names,
                        Arbitraries.integers().between(0, 07777),
                        Arbitraries.longs().between(0, 70000),
                        Arbitraries.longs().between(0, 70000),
                        Arbitraries.longs().between(0, 0xffffffffL),
                        Arbitraries.integers().between(0, 70_000).edgeCases(e -> e.add(0)),
                        Arbitraries.longs())
                .as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<Compression> writable() {
        return Arbitraries.of(Compression.NONE, Compression.GZIP, Compression.XZ, Compression.ZSTD);
    }

    @Property(tries = 24, seed = "20261124", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void writeThenReadGivesTheSameTree(@ForAll("trees") List<Spec> specs, @ForAll("writable") Compression compression)
            throws IOException {
        Path tmp = Files.createTempDirectory("webboot-roundtrip");
        try {
            Path baseTree = Files.createDirectories(tmp.resolve("base"));
            Files.writeString(baseTree.resolve("base-file"), "base\n");
            Path base = tmp.resolve("base.cpio");
            cpio(baseTree, "newc", base);

            // Lay the specs out as a tree: each entry goes in the most recent directory before it, or the root.
            Map<String, Spec> tree = new LinkedHashMap<>();
            List<String> dirs = new ArrayList<>(List.of("/t"));
            Random random = new Random(specs.size());
            for (Spec s : specs) {
                String parent = dirs.get(random.nextInt(dirs.size()));
                String path = parent + "/" + s.name();
                if (tree.containsKey(path)) {
                    continue;
                }
                tree.put(path, s);
                if (s.kind() == 1) {
                    dirs.add(path);
                }
            }
            Path out = tmp.resolve("out.img");
            Map<String, TreeSnapshot.Entry> expected = new TreeMap<>();
            Map<String, byte[]> contents = new LinkedHashMap<>();
            try (InitramfsWriter writer = InitramfsWriter.append(base, out, compression)) {
                writer.directory("/t", EntryAttributes.of(0755));
                expected.put("/t", new TreeSnapshot.Entry(MemberType.DIRECTORY, 0755, 0, "", ""));
                for (Map.Entry<String, Spec> e : tree.entrySet()) {
                    String path = e.getKey();
                    Spec s = e.getValue();
                    EntryAttributes attributes = new EntryAttributes(s.mode(), s.uid(), s.gid(), s.mtime());
                    switch (s.kind()) {
                        case 0 -> {
                            byte[] data = Fixtures.randomBytes(new Random(s.seed()), s.size(), s.seed() % 2 == 0);
                            writer.file(path, data, attributes);
                            contents.put(path, data);
                            expected.put(
                                    path,
                                    new TreeSnapshot.Entry(
                                            MemberType.FILE,
                                            s.mode(),
                                            data.length,
                                            "",
                                            TreeSnapshot.sha256(new ByteArrayInputStream(data))));
                        }
                        case 1 -> {
                            writer.directory(path, attributes);
                            expected.put(path, new TreeSnapshot.Entry(MemberType.DIRECTORY, s.mode(), 0, "", ""));
                        }
                        case 2 -> {
                            String target = "../" + s.name() + "/target";
                            writer.symlink(path, target, attributes);
                            // Linux creates symlinks with mode 0777; GNU cpio and the kernel both leave that.
                            expected.put(path, new TreeSnapshot.Entry(MemberType.SYMLINK, 0777, 0, target, ""));
                        }
                        default -> {
                            MemberType type = s.kind() == 3
                                    ? MemberType.CHARACTER_DEVICE
                                    : s.kind() == 4 ? MemberType.BLOCK_DEVICE : MemberType.FIFO;
                            long major = type == MemberType.FIFO ? 0 : s.uid() % 256;
                            long minor = type == MemberType.FIFO ? 0 : s.gid() % 256;
                            writer.special(path, type, major, minor, attributes);
                            expected.put(path, new TreeSnapshot.Entry(type, s.mode(), 0, "", ""));
                        }
                    }
                }
            }

            // webboot reads back every entry with its metadata.
            try (Initramfs initramfs = Initramfs.open(out)) {
                assertThat(initramfs.segments()).hasSize(2);
                assertThat(initramfs.segments().get(1).compression()).isEqualTo(compression);
                for (Map.Entry<String, Spec> e : tree.entrySet()) {
                    InitramfsMember m = initramfs.find(e.getKey()).orElseThrow();
                    Spec s = e.getValue();
                    assertThat(m.segment()).isEqualTo(1);
                    assertThat(m.permissions()).isEqualTo(s.mode());
                    assertThat(m.uid()).isEqualTo(s.uid());
                    assertThat(m.gid()).isEqualTo(s.gid());
                    assertThat(m.mtime()).isEqualTo(s.mtime());
                    if (s.kind() == 0) {
                        assertThat(initramfs.read(e.getKey())).isEqualTo(contents.get(e.getKey()));
                    }
                }
                assertThat(initramfs.read("/base-file")).isEqualTo("base\n".getBytes());
                Map<String, TreeSnapshot.Entry> read =
                        new TreeMap<>(TreeSnapshot.ofInitramfs(initramfs).entries());
                read.remove("/base-file");
                assertThat(new TreeSnapshot(read).diff(new TreeSnapshot(expected)))
                        .isEmpty();
            }

            // GNU cpio extracts the appended archive to the same tree.
            byte[] all = Files.readAllBytes(out);
            long aligned = (Files.size(base) + 3) & ~3;
            Path appended = tmp.resolve("appended");
            Files.write(appended, Arrays.copyOfRange(all, (int) aligned, all.length));
            Path appendedCpio = tmp.resolve("appended.cpio");
            Fixtures.decompress(compression, appended, appendedCpio);
            Path extracted = tmp.resolve("extracted");
            extract(appendedCpio, extracted);
            Map<String, TreeSnapshot.Entry> gnu =
                    new TreeMap<>(TreeSnapshot.ofDirectory(extracted).entries());
            assertThat(new TreeSnapshot(gnu).diff(new TreeSnapshot(expected))).isEmpty();
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
