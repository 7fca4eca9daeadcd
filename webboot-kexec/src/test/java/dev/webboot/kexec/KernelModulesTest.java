package dev.webboot.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module dependency order and modinfo, compared with kmod's depmod, modprobe and modinfo on Debian's kernel. */
class KernelModulesTest {
    /** What webboot's initramfs loads: pmem, the ISO 9660 file system, virtio networking. */
    static final List<String> WANTED = List.of("nd_pmem", "nd_e820", "isofs", "virtio_net", "virtio_pci");

    static DebianKernel kernel;
    static Path modules;

    @TempDir
    Path dir;

    @BeforeAll
    static void depmod() throws IOException {
        kernel = DebianKernel.get();
        modules = kernel.modules();
        // The package ships no modules.dep: make it with the real depmod, as a distribution's initramfs tool does.
        Path root = modules.getParent().getParent().getFileName().toString().equals("lib")
                        && modules.getParent()
                                .getParent()
                                .getParent()
                                .getFileName()
                                .toString()
                                .equals("usr")
                ? modules.getParent().getParent().getParent().getParent()
                : modules.getParent().getParent().getParent();
        ExternalTools.run(
                root, ExternalTools.require("depmod", "kmod").toString(), "-b", root.toString(), kernel.release);
        assertThat(modules.resolve("modules.dep")).exists();
    }

    /** The modules {@code modprobe --show-depends} would insert for one module, in its order. */
    private List<String> modprobeOrder(String module) {
        Path root = modules.getParent().getParent().getParent();
        String out = ExternalTools.run(
                        dir,
                        ExternalTools.require("modprobe", "kmod").toString(),
                        "--show-depends",
                        "-C",
                        "/dev/null",
                        "-d",
                        root.toString(),
                        "-S",
                        kernel.release,
                        module)
                .stdoutText();
        List<String> order = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("insmod ")) {
                String name = ModuleFiles.moduleName(Path.of(line.substring(7).strip()));
                if (!order.contains(name)) { // --show-depends repeats what a soft dependency shares
                    order.add(name);
                }
            }
        }
        return order;
    }

    @Test
    void modulesDepOrderEqualsModprobe() throws IOException {
        ModuleIndex index = ModuleIndex.fromModulesDep(modules);
        assertThat(index.source()).isEqualTo(ModuleIndex.Source.MODULES_DEP);
        for (String module : List.of(
                "nd_pmem",
                "nd_e820",
                "isofs",
                "virtio_net",
                "virtio_pci",
                "virtio_blk",
                "squashfs",
                "overlay",
                "e1000e",
                "iwlmvm",
                "r8169",
                "btrfs",
                "ext4")) {
            assertThat(index.loadOrder(List.of(module), Set.of()))
                    .as(module)
                    .isEqualTo(modprobeOrder(module))
                    .isNotEmpty();
        }
        assertThat(index.loadOrder(List.of("nd_pmem"), Set.of())).containsExactly("libnvdimm", "nd_btt", "nd_pmem");
        // Soft dependencies: r8169 wants its PHY driver (pre: realtek) loaded first, as modprobe does.
        assertThat(index.loadOrder(List.of("r8169"), Set.of())).containsSubsequence("realtek", "r8169");
        assertThat(index.softDependencies("btrfs").pre()).containsExactly("blake2b-256");
    }

    @Test
    void modinfoOrderAgreesWithModulesDep() throws IOException {
        ModuleIndex fromDep = ModuleIndex.fromModulesDep(modules);
        List<String> depOrder = fromDep.loadOrder(WANTED, Set.of());
        // Without modules.dep: a tree holding only the module files (as webboot's initramfs does).
        Path tree = dir.resolve("modules");
        for (String name : depOrder) {
            Path file = fromDep.file(name).orElseThrow();
            Path copy = tree.resolve(modules.relativize(file));
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
        ModuleIndex fromModinfo = ModuleIndex.read(tree);
        assertThat(fromModinfo.source()).isEqualTo(ModuleIndex.Source.MODINFO);
        List<String> infoOrder = fromModinfo.loadOrder(WANTED, Set.of());
        assertThat(infoOrder).containsExactlyInAnyOrderElementsOf(depOrder);
        // Each order puts every module after everything it depends on, by both sources' dependency lists.
        for (List<String> order : List.of(depOrder, infoOrder)) {
            for (int i = 0; i < order.size(); i++) {
                List<String> before = order.subList(0, i);
                assertThat(before).containsAll(fromDep.dependencies(order.get(i)));
                assertThat(before).containsAll(fromModinfo.dependencies(order.get(i)));
            }
        }
        // The measured load order for pmem, from the facts file.
        assertThat(infoOrder.subList(0, 4)).containsExactly("libnvdimm", "nd_btt", "nd_pmem", "nd_e820");
    }

    @Test
    void modinfoAgreesWithKmodModinfo() throws IOException {
        String modinfo = ExternalTools.require("modinfo", "kmod").toString();
        for (String relative : List.of(
                "drivers/nvdimm/nd_pmem.ko",
                "drivers/net/virtio_net.ko",
                "fs/isofs/isofs.ko",
                "drivers/virtio/virtio.ko")) {
            Path file = kernel.module(relative);
            ModuleInfo info = ModuleFiles.info(file);
            assertThat(info.name()).isEqualTo(field(modinfo, file, "name"));
            String depends = field(modinfo, file, "depends");
            assertThat(info.depends()).isEqualTo(depends.isEmpty() ? List.of() : Arrays.asList(depends.split(",")));
            assertThat(info.vermagic())
                    .isEqualTo(field(modinfo, file, "vermagic"))
                    .startsWith(kernel.release + " ");
            assertThat(info.license()).isEqualTo(field(modinfo, file, "license"));
        }
    }

    private String field(String modinfo, Path file, String name) {
        String out =
                ExternalTools.run(dir, modinfo, "-F", name, file.toString()).stdoutText();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    @Test
    void compressedModulesDecompressToTheSameImage() throws IOException {
        Path original = kernel.module("drivers/nvdimm/nd_pmem.ko");
        byte[] plain = Files.readAllBytes(original);
        String[][] tools = {{"xz", "xz-utils", ".xz"}, {"zstd", "zstd", ".zst"}, {"gzip", "gzip", ".gz"}};
        for (String[] tool : tools) {
            Path copy =
                    Files.copy(original, dir.resolve("nd_pmem.ko"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ExternalTools.run(dir, ExternalTools.require(tool[0], tool[1]).toString(), "-q", "-f", copy.toString());
            Path compressed = dir.resolve("nd_pmem.ko" + tool[2]);
            assertThat(ModuleFiles.moduleName(compressed)).isEqualTo("nd_pmem");
            assertThat(ModuleFiles.image(compressed)).as(tool[0]).isEqualTo(plain);
            assertThat(ModuleFiles.info(compressed)).isEqualTo(ModuleFiles.info(original));
            Files.delete(compressed);
        }
    }

    @Test
    void loadedAndBuiltinModulesAreSkipped() throws IOException {
        ModuleIndex index = ModuleIndex.fromModulesDep(modules);
        assertThat(index.loadOrder(List.of("nd_pmem"), Set.of("libnvdimm"))).containsExactly("nd_btt", "nd_pmem");
        String builtin = Files.readAllLines(modules.resolve("modules.builtin")).get(0);
        String name = ModuleFiles.moduleName(Path.of(builtin));
        assertThat(index.isBuiltin(name)).isTrue();
        assertThat(index.loadOrder(List.of(name), Set.of())).isEmpty();
        Path procModules = Files.writeString(
                dir.resolve("modules"),
                "libnvdimm 200704 3 nd_btt,nd_pmem, Live 0x0000000000000000\n"
                        + "nd_btt 32768 1 nd_pmem, Live 0x0000000000000000\n");
        KernelModules loader = new KernelModules(index, procModules);
        assertThat(loader.loaded()).containsExactlyInAnyOrder("libnvdimm", "nd_btt");
        assertThat(loader.plan(List.of("nd-pmem", "nd_e820"))).containsExactly("nd_pmem", "nd_e820");
        // A dry run reads and checks every file it would insert.
        assertThat(loader.load(WANTED, true)).containsExactlyElementsOf(loader.plan(WANTED));
    }

    @Test
    void missingModulesAndLoopsAreNamed() throws IOException {
        ModuleIndex index = ModuleIndex.fromModulesDep(modules);
        assertThatThrownBy(() -> index.loadOrder(List.of("no_such_module"), Set.of()))
                .isInstanceOf(ModuleLoadException.class)
                .hasMessageContaining("no module no_such_module");
        Path tree = Files.createDirectories(dir.resolve("loop"));
        Files.writeString(tree.resolve("modules.dep"), "a.ko: b.ko\nb.ko: a.ko\n");
        assertThatThrownBy(() -> ModuleIndex.read(tree).loadOrder(List.of("a"), Set.of()))
                .isInstanceOf(ModuleLoadException.class)
                .hasMessageContaining("loop");
        Files.writeString(tree.resolve("modules.dep"), "a.ko: c.ko\n");
        assertThatThrownBy(() -> ModuleIndex.read(tree).loadOrder(List.of("a"), Set.of()))
                .hasMessageContaining("no module c (needed by a)");
    }

    @Test
    void notAModule() throws IOException {
        Path text = Files.writeString(
                dir.resolve("x.ko"), "not an ELF file at all, just some text to be long enough. ".repeat(4));
        assertThatThrownBy(() -> ModuleFiles.info(text))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("no ELF magic");
        assertThatThrownBy(() -> ModuleFiles.info(kernel.vmlinuz())).isInstanceOf(MalformedImageException.class);
    }
}
