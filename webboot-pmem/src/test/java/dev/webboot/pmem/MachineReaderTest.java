package dev.webboot.pmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineReaderTest {
    private static final long G = 1L << 30;

    @TempDir
    Path root;

    @Test
    void qemuRecordingWithMemmap1GAt4G() throws IOException {
        MachineReader reader = new MachineReader(MachineFixture.materialize("qemu-pc-4g", root));
        assertThat(reader.commandLine()).isEqualTo("console=ttyS0 memmap=1G!4G panic=-1 quiet");
        PmemInventory inventory = reader.inventory();
        assertThat(inventory.devices())
                .containsExactly(new PmemDevice("pmem0", "/dev/pmem0", G, OptionalLong.of(4 * G), "memory"));
        assertThat(inventory.regions()).containsExactly(new NdRegion("region0", 4 * G, G));
        assertThat(inventory.persistentRanges())
                .containsExactly(new MemoryRange(4 * G, 5 * G, MemoryRange.PERSISTENT_LEGACY));
        assertThat(inventory.memmap()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MemmapKind.PERSISTENT);
            assertThat(p.start()).isEqualTo(4 * G);
        });
        // The three views agree, as they must on a working machine.
        assertThat(inventory.memmap().get(0).start())
                .isEqualTo(inventory.regions().get(0).start())
                .isEqualTo(inventory.persistentRanges().get(0).start());
    }

    @Test
    void firmwareMapKeepsTheFirmwareTypes() throws IOException {
        MachineMemory memory = new MachineReader(MachineFixture.materialize("qemu-pc-4g", root)).memory();
        assertThat(memory.ranges()).hasSize(8);
        assertThat(memory.ranges().get(4)).isEqualTo(new MemoryRange(0xbffe0000L, 0xc0000000L, "Reserved"));
        // memmap=1G!4G does not change the firmware's map: 4-5 GiB is still RAM there.
        assertThat(memory.ranges().get(6)).isEqualTo(new MemoryRange(4 * G, 5 * G, MemoryRange.SYSTEM_RAM));
        assertThat(memory.totalRam()).isGreaterThan(2 * G).isLessThan(3 * G);
    }

    @Test
    void aMachineWithoutPmem() throws IOException {
        PmemInventory inventory = new MachineReader(MachineFixture.materialize("laptop-4g", root)).inventory();
        assertThat(inventory.devices()).isEmpty();
        assertThat(inventory.regions()).isEmpty();
        assertThat(inventory.persistentRanges()).isEmpty();
        assertThat(inventory.memmap()).isEmpty();
    }

    @Test
    void severalMemmapParametersInAQuotedCommandLine() throws IOException {
        PmemInventory inventory = new MachineReader(MachineFixture.materialize("desktop-32g", root)).inventory();
        assertThat(inventory.memmap())
                .extracting(MemmapParameter::kind)
                .containsExactly(MemmapKind.PERSISTENT, MemmapKind.RESERVED, MemmapKind.ACPI);
    }

    @Test
    void devicesAreInNaturalOrder() throws IOException {
        for (String name : new String[] {"pmem10", "pmem2", "pmem0"}) {
            Path dir = Files.createDirectories(root.resolve("sys/block/" + name));
            Files.writeString(dir.resolve("size"), "2048\n");
        }
        Files.createDirectories(root.resolve("sys/block/sda"));
        assertThat(new MachineReader(root).devices())
                .extracting(PmemDevice::name)
                .containsExactly("pmem0", "pmem2", "pmem10");
        assertThat(new MachineReader(root).devices().get(0).size()).isEqualTo(1 << 20);
        assertThat(new MachineReader(root).devices().get(0).physicalStart()).isEmpty();
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/iomem"), "00000000-0009ffff : System RAM\nthis is not iomem\n");
        assertThatThrownBy(() -> new MachineReader(root).memory())
                .isInstanceOf(PmemException.class)
                .hasMessageContaining("proc/iomem: unexpected line 'this is not iomem'");
        Files.writeString(root.resolve("proc/iomem"), "00000000-00000000 : Reserved\n");
        assertThatThrownBy(() -> new MachineReader(root).memory())
                .isInstanceOf(PmemException.class)
                .hasMessageContaining("no memory map");
        Files.writeString(root.resolve("proc/cmdline"), "memmap=1G!\n");
        assertThatThrownBy(() -> new MachineReader(root).memmap())
                .isInstanceOf(PmemException.class)
                .hasMessageContaining("proc/cmdline: memmap=1G!");
        Path dir = Files.createDirectories(root.resolve("sys/firmware/memmap/0"));
        Files.writeString(dir.resolve("start"), "0x1000");
        Files.writeString(dir.resolve("end"), "zz");
        Files.writeString(dir.resolve("type"), "System RAM");
        assertThatThrownBy(() -> new MachineReader(root).memory())
                .isInstanceOf(PmemException.class)
                .hasMessageContaining("not a number: 'zz'");
    }

    @Test
    void theRunningMachineCanBeRead() throws IOException {
        // Whatever this host is, its own files parse (the planner's input on a real machine).
        MachineReader running = MachineReader.running();
        assertThat(running.commandLine()).isNotEmpty();
        assertThat(running.memTotal()).isPositive();
        assertThat(running.memory().ranges())
                .anySatisfy(r -> assertThat(r.isUsableRam()).isTrue());
    }
}
