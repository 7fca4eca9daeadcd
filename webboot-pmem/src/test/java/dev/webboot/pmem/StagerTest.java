package dev.webboot.pmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.ExternalTools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagerTest {
    @TempDir
    Path dir;

    private Path image(long size, long seed) throws IOException {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve("image-" + seed), bytes);
    }

    private static String sha256sum(Path file) {
        return ExternalTools.run(
                        file.getParent(),
                        ExternalTools.require("sha256sum", "coreutils").toString(),
                        file.toString())
                .stdoutText()
                .split(" ")[0];
    }

    @Test
    void stagesAFileAndItsHashMatchesSha256sum() throws IOException {
        Path image = image(3 * 1024 * 1024 + 17, 1);
        Path deviceFile = dir.resolve("device");
        List<Long> progress = new ArrayList<>();
        StageResult result;
        try (BlockDevice device = BlockDevices.file(deviceFile, 8 << 20)) {
            result = new Stager()
                    .withBufferSize(1 << 20)
                    .withVerification(true)
                    .withProgress(progress::add)
                    .stage(image, device);
        }
        assertThat(result.bytes()).isEqualTo(Files.size(image));
        assertThat(result.verified()).isTrue();
        assertThat(result.sha256()).isEqualTo(sha256sum(image));
        assertThat(progress).containsExactly(1L << 20, 2L << 20, 3L << 20, Files.size(image));
        // The device keeps its size; the image is its prefix, the rest is untouched zeros.
        assertThat(Files.size(deviceFile)).isEqualTo(8 << 20);
        byte[] device = Files.readAllBytes(deviceFile);
        assertThat(ByteBuffer.wrap(device, 0, (int) result.bytes()))
                .isEqualTo(ByteBuffer.wrap(Files.readAllBytes(image)));
        for (int i = (int) result.bytes(); i < device.length; i++) {
            assertThat(device[i]).isZero();
        }
    }

    @Test
    void aTooLargeImageIsRefusedBeforeAnyByteIsWritten() throws IOException {
        Path image = image(1 << 20, 2);
        Path deviceFile = dir.resolve("device");
        byte[] before = new byte[512 * 1024];
        new Random(3).nextBytes(before);
        Files.write(deviceFile, before);
        try (BlockDevice device = BlockDevices.open(deviceFile)) {
            assertThat(device.size()).isEqualTo(before.length);
            assertThatThrownBy(() -> new Stager().stage(image, device))
                    .isInstanceOf(ImageTooLargeException.class)
                    .hasMessageContaining("nothing was written")
                    .satisfies(e -> {
                        ImageTooLargeException t = (ImageTooLargeException) e;
                        assertThat(t.imageSize()).isEqualTo(1 << 20);
                        assertThat(t.deviceSize()).isEqualTo(before.length);
                    });
        }
        assertThat(Files.readAllBytes(deviceFile)).isEqualTo(before);
    }

    @Test
    void aStreamOfUnknownLengthThatOverflowsIsCaught() throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(4).nextBytes(bytes);
        try (BlockDevice device = BlockDevices.file(dir.resolve("device"), 200_000)) {
            assertThatThrownBy(() -> new Stager()
                            .withBufferSize(64 * 1024)
                            .stage(Channels.newChannel(new ByteArrayInputStream(bytes)), OptionalLong.empty(), device))
                    .isInstanceOf(ImageTooLargeException.class)
                    .hasMessageContaining("of unknown length")
                    .hasMessageContaining("partial image");
        }
    }

    @Test
    void aStreamThatFitsExactly() throws IOException {
        Path image = image(200_000, 5);
        try (BlockDevice device = BlockDevices.file(dir.resolve("device"), 200_000)) {
            StageResult result = new Stager()
                    .withBufferSize(4096)
                    .stage(Channels.newChannel(Files.newInputStream(image)), OptionalLong.empty(), device);
            assertThat(result.bytes()).isEqualTo(200_000);
            assertThat(result.sha256()).isEqualTo(sha256sum(image));
            assertThat(result.verified()).isFalse();
        }
    }

    @Test
    void aSourceShorterThanItsDeclaredSizeFails() throws IOException {
        byte[] bytes = new byte[1000];
        try (BlockDevice device = BlockDevices.file(dir.resolve("device"), 4096)) {
            assertThatThrownBy(() -> new Stager()
                            .stage(Channels.newChannel(new ByteArrayInputStream(bytes)), OptionalLong.of(2000), device))
                    .isInstanceOf(PmemException.class)
                    .hasMessageContaining("ended after 1000 of its 2000 bytes");
        }
    }

    @Test
    void verificationNoticesADeviceThatDoesNotKeepItsBytes() throws IOException {
        Path image = image(10_000, 6);
        try (BlockDevice forgetful = new ForgetfulDevice(BlockDevices.file(dir.resolve("device"), 20_000))) {
            assertThatThrownBy(() -> new Stager().withVerification(true).stage(image, forgetful))
                    .isInstanceOf(PmemException.class)
                    .hasMessageContaining("differ from the bytes written");
        }
    }

    @Test
    void blockDeviceRefusesWritesPastItsEnd() throws IOException {
        try (BlockDevice device = BlockDevices.file(dir.resolve("device"), 100)) {
            device.write(ByteBuffer.wrap(new byte[100]), 0);
            assertThatThrownBy(() -> device.write(ByteBuffer.wrap(new byte[2]), 99))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("past the end");
            ByteBuffer dst = ByteBuffer.allocate(50);
            assertThat(device.read(dst, 80)).isEqualTo(20);
            assertThat(device.read(ByteBuffer.allocate(1), 100)).isEqualTo(-1);
        }
    }

    @Test
    void openRefusesWhatIsNeitherFileNorDevice() {
        assertThatThrownBy(() -> BlockDevices.open(dir)).isInstanceOf(PmemException.class);
        assertThatThrownBy(() -> BlockDevices.open(dir.resolve("missing")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aFailingWriteOnTheWriterThreadReachesTheCaller() throws IOException {
        Path image = image(5 << 20, 8);
        try (BlockDevice inner = BlockDevices.file(dir.resolve("device"), 8 << 20);
                BlockDevice failing = new ForgetfulDevice(inner) {
                    @Override
                    public void write(ByteBuffer src, long position) throws IOException {
                        if (position >= (2 << 20)) {
                            throw new IOException("device: I/O error at " + position);
                        }
                        super.write(src, position);
                    }
                }) {
            assertThatThrownBy(() -> new Stager().stage(image, failing))
                    .isInstanceOf(IOException.class)
                    .hasMessage("device: I/O error at 2097152");
            // The device is still usable: the failed copy did not close it.
            failing.write(ByteBuffer.wrap(new byte[] {1}), 0);
        }
    }

    /** A device that flips a bit of everything it is asked to read back. */
    private static class ForgetfulDevice implements BlockDevice {
        private final BlockDevice inner;

        ForgetfulDevice(BlockDevice inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "forgetful";
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            inner.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            int start = dst.position();
            int n = inner.read(dst, position);
            if (n > 0) {
                dst.put(start, (byte) (dst.get(start) ^ 1));
            }
            return n;
        }

        @Override
        public void flush() throws IOException {
            inner.flush();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
