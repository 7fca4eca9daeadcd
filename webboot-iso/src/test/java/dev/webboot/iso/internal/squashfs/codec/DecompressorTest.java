package dev.webboot.iso.internal.squashfs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lzo.LzoCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Each codec decodes a block exactly at its cap, refuses one byte more (a decompression bomb never gets past the
 * cap), and reports garbage as a DecompressionException rather than a runtime exception.
 */
class DecompressorTest {
    private static final int CAP = 8192;

    interface Encoder {
        byte[] encode(byte[] data) throws IOException;
    }

    static Stream<Arguments> codecs() {
        return Stream.of(
                Arguments.of("gzip", new GzipDecompressor(), (Encoder) DecompressorTest::zlib),
                Arguments.of("lzma", XzFamilyDecompressor.lzma(CAP), (Encoder) DecompressorTest::lzmaAlone),
                Arguments.of("xz", XzFamilyDecompressor.xz(CAP), (Encoder) DecompressorTest::xzWithBcj),
                Arguments.of("lzo", AircompressorDecompressor.lzo(), air(new LzoCompressor())),
                Arguments.of("lz4", AircompressorDecompressor.lz4(), air(new Lz4Compressor())),
                Arguments.of("zstd", AircompressorDecompressor.zstd(), air(new ZstdCompressor())));
    }

    private static byte[] sample(int length) {
        byte[] data = new byte[length];
        Random random = new Random(length);
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i % 17 == 0 ? random.nextInt() : i / 64);
        }
        return data;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void decodesUpToTheCapAndNoFurther(String name, Decompressor codec, Encoder encoder) throws Exception {
        byte[] exact = sample(CAP);
        byte[] packed = encoder.encode(exact);
        byte[] out = new byte[CAP];
        assertThat(codec.decompress(packed, 0, packed.length, out, CAP)).isEqualTo(CAP);
        assertThat(out).isEqualTo(exact);

        byte[] tooBig = encoder.encode(sample(CAP + 1));
        assertThatThrownBy(() -> codec.decompress(tooBig, 0, tooBig.length, new byte[CAP], CAP))
                .isInstanceOf(DecompressionException.class)
                .hasMessageContaining("more than " + CAP);

        byte[] huge = encoder.encode(new byte[1 << 20]);
        assertThatThrownBy(() -> codec.decompress(huge, 0, huge.length, new byte[CAP], CAP))
                .isInstanceOf(DecompressionException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void garbageIsADecompressionException(String name, Decompressor codec, Encoder encoder) throws Exception {
        byte[] packed = encoder.encode(sample(CAP));
        Random random = new Random(99);
        for (int i = 0; i < 200; i++) {
            byte[] bad = packed.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt();
            }
            int length = random.nextInt(5) == 0 ? random.nextInt(bad.length) : bad.length;
            try {
                int n = codec.decompress(bad, 0, length, new byte[CAP], CAP);
                assertThat(n).isBetween(0, CAP);
            } catch (DecompressionException expected) {
                // the block is refused, as it should be
            }
        }
        byte[] noise = new byte[3000];
        random.nextBytes(noise);
        assertThatThrownBy(() -> codec.decompress(noise, 0, noise.length, new byte[CAP], CAP))
                .isInstanceOf(DecompressionException.class);
    }

    @org.junit.jupiter.api.Test
    void lzmaHeaderClaimingAHugeDictionaryIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] packed = lzmaAlone(sample(CAP));
        // props byte, then the 32-bit little-endian dictionary size: claim 1.5 GiB.
        packed[1] = 0;
        packed[2] = 0;
        packed[3] = 0;
        packed[4] = 0x60;
        assertThatThrownBy(
                        () -> XzFamilyDecompressor.lzma(CAP).decompress(packed, 0, packed.length, new byte[CAP], CAP))
                .isInstanceOf(DecompressionException.class)
                .hasMessageContaining("MemoryLimitException");
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 1024];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] lzmaAlone(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new LZMAOutputStream(bytes, new LZMA2Options(), data.length)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] xzWithBcj(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new XZOutputStream(bytes, new FilterOptions[] {new X86Options(), new LZMA2Options()})) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static Encoder air(Compressor compressor) {
        return data -> {
            byte[] out = new byte[compressor.maxCompressedLength(data.length)];
            int n = compressor.compress(data, 0, data.length, out, 0, out.length);
            return Arrays.copyOf(out, n);
        };
    }
}
