package dev.webboot.pmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemmapTest {
    private static final long K = 1L << 10;
    private static final long M = 1L << 20;
    private static final long G = 1L << 30;

    private static MemmapParameter one(String value) {
        List<MemmapParameter> items = Memmap.parse(value);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void persistentForm() {
        MemmapParameter p = one("1G!4G");
        assertThat(p.kind()).isEqualTo(MemmapKind.PERSISTENT);
        assertThat(p.size()).isEqualTo(G);
        assertThat(p.start()).isEqualTo(4 * G);
        assertThat(p.end()).isEqualTo(5 * G);
        assertThat(p.text()).isEqualTo("1G!4G");
    }

    @Test
    void everySeparatorGivesItsKind() {
        assertThat(one("100M@2G"))
                .extracting(MemmapParameter::kind, MemmapParameter::size, MemmapParameter::start)
                .containsExactly(MemmapKind.RAM, 100 * M, 2 * G);
        assertThat(one("100M#3G"))
                .extracting(MemmapParameter::kind, MemmapParameter::size, MemmapParameter::start)
                .containsExactly(MemmapKind.ACPI, 100 * M, 3 * G);
        assertThat(one("0x10000$0x18690000"))
                .extracting(MemmapParameter::kind, MemmapParameter::size, MemmapParameter::start)
                .containsExactly(MemmapKind.RESERVED, 0x10000L, 0x18690000L);
        assertThat(one("64K$0x18690000"))
                .extracting(MemmapParameter::kind, MemmapParameter::size, MemmapParameter::start)
                .containsExactly(MemmapKind.RESERVED, 64 * K, 0x18690000L);
    }

    @Test
    void limitAndExactmap() {
        assertThat(one("4G"))
                .extracting(MemmapParameter::kind, MemmapParameter::size)
                .containsExactly(MemmapKind.LIMIT, 4 * G);
        assertThat(one("exactmap").kind()).isEqualTo(MemmapKind.EXACTMAP);
        assertThat(Memmap.parse("exactmap,640K@0,3G@1M"))
                .extracting(MemmapParameter::kind)
                .containsExactly(MemmapKind.EXACTMAP, MemmapKind.RAM, MemmapKind.RAM);
    }

    @Test
    void typeChange() {
        MemmapParameter both = one("1G%4G-1+12");
        assertThat(both.kind()).isEqualTo(MemmapKind.TYPE_CHANGE);
        assertThat(both.start()).isEqualTo(4 * G);
        assertThat(both.oldType()).isEqualTo(OptionalInt.of(1));
        assertThat(both.newType()).isEqualTo(OptionalInt.of(12));
        assertThat(one("512M%2G+12").oldType()).isEmpty();
        assertThat(one("512M%2G-2").newType()).isEmpty();
    }

    @Test
    void numbersFollowMemparse() {
        assertThat(Memmap.parseSize("0x100000000")).isEqualTo(4 * G);
        assertThat(Memmap.parseSize("010")).isEqualTo(8); // leading zero: octal, as simple_strtoull(…, 0)
        assertThat(Memmap.parseSize("0")).isZero();
        assertThat(Memmap.parseSize("2g")).isEqualTo(2 * G);
        assertThat(Memmap.parseSize("1T")).isEqualTo(1L << 40);
        assertThat(Memmap.parseSize("1P")).isEqualTo(1L << 50);
        assertThat(Memmap.parseSize("4E")).isEqualTo(4L << 60);
        assertThat(Memmap.parseSize("1k")).isEqualTo(K);
        assertThat(Memmap.parseSize("12345")).isEqualTo(12345);
    }

    @Test
    void commaListAndSeveralParameters() {
        List<MemmapParameter> items = Memmap.fromCommandLine("ro memmap=100M@2G,100M#3G,1G!1024G quiet memmap=2G!8G\n");
        assertThat(items)
                .extracting(MemmapParameter::kind)
                .containsExactly(MemmapKind.RAM, MemmapKind.ACPI, MemmapKind.PERSISTENT, MemmapKind.PERSISTENT);
        assertThat(items.get(2).start()).isEqualTo(1024 * G);
        assertThat(items.get(3).text()).isEqualTo("2G!8G");
    }

    @Test
    void commandLineQuotesAndInitArguments() {
        List<MemmapParameter> items =
                Memmap.fromCommandLine("root=/dev/sda \"memmap=4G!8G\" x=\"a b\" -- memmap=1G!1G single");
        assertThat(items).extracting(MemmapParameter::text).containsExactly("4G!8G");
        assertThat(Memmap.fromCommandLine("quiet splash")).isEmpty();
        assertThat(Memmap.fromCommandLine("")).isEmpty();
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertThat(Memmap.persistent(G, 4 * G)).isEqualTo("1G!4G");
        assertThat(Memmap.persistent(1536 * M, 4 * G)).isEqualTo("1536M!4G");
        assertThat(Memmap.formatSize(64 * K)).isEqualTo("64K");
        assertThat(Memmap.formatSize(1000)).isEqualTo("1000");
        assertThat(Memmap.formatSize(0)).isEqualTo("0");
        // What it writes, it reads back.
        assertThat(one(Memmap.persistent(2432 * M, 0x140000000L)))
                .extracting(MemmapParameter::size, MemmapParameter::start)
                .containsExactly(2432 * M, 0x140000000L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1G!",
                "!4G",
                "1Q!4G",
                "1G!4G!",
                "1G!4Gx",
                "0x!4G",
                "exactmapx",
                "1G%4G",
                "1G&4G",
                "G!4G",
                "16E!0",
                "99999999999999999999",
                "1G!4G,",
                ",1G!4G",
                "1G%4G-x"
            })
    void refusesWhatTheKernelRefuses(String value) {
        assertThatThrownBy(() -> Memmap.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("memmap=");
    }

    @Test
    void refusesARangePast2To64() {
        assertThatThrownBy(() -> Memmap.parse("8E!8E")).isInstanceOf(IllegalArgumentException.class);
    }
}
