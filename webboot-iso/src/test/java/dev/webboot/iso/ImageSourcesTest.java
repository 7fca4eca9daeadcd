package dev.webboot.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourcesTest {

    @Test
    void slicesReadInPlaceAndStopAtTheirEnd(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("image");
        Files.writeString(file, "0123456789abcdef");
        try (ImageSource image = ImageSources.open(file)) {
            ImageSource slice = ImageSources.slice(image, 4, 6, "image!/inner");
            assertThat(slice.size()).isEqualTo(6);
            ByteBuffer buffer = ByteBuffer.allocate(16);
            assertThat(slice.read(buffer, 2)).isEqualTo(4);
            assertThat(new String(buffer.array(), 0, 4, StandardCharsets.US_ASCII))
                    .isEqualTo("6789");
            assertThat(slice.read(ByteBuffer.allocate(1), 6)).isEqualTo(-1);

            SeekableByteChannel channel = ImageSources.channel(slice);
            channel.position(1);
            ByteBuffer two = ByteBuffer.allocate(2);
            channel.read(two);
            assertThat(new String(two.array(), StandardCharsets.US_ASCII)).isEqualTo("56");
            assertThat(ImageSources.of(channel, "ignored")).isSameAs(slice);

            ImageSource nested = ImageSources.slice(slice, 1, 2, "nested");
            ByteBuffer nestedBytes = ByteBuffer.allocate(2);
            nested.readFully(nestedBytes, 0);
            assertThat(new String(nestedBytes.array(), StandardCharsets.US_ASCII))
                    .isEqualTo("56");
        }
    }

    @Test
    void refusesRangesOutsideTheImageAndShortReads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("image");
        Files.writeString(file, "0123456789");
        try (ImageSource image = ImageSources.open(file)) {
            assertThatThrownBy(() -> ImageSources.slice(image, 8, 3, "x"))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessage(file + ": range of 3 bytes does not fit in an image of 10 at byte offset 8");
            assertThatThrownBy(() -> ImageSources.slice(image, Long.MAX_VALUE, 1, "x"))
                    .isInstanceOf(MalformedImageException.class);
            assertThatThrownBy(() -> image.readFully(ByteBuffer.allocate(4), 8))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageContaining("unexpected end of image at byte offset 10");
        }
    }

    @Test
    void wrapsAnyChannel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("image");
        Files.writeString(file, "abcdef");
        try (SeekableByteChannel channel = Files.newByteChannel(file);
                ImageSource source = ImageSources.of(channel, "custom")) {
            ByteBuffer buffer = ByteBuffer.allocate(3);
            source.readFully(buffer, 3);
            assertThat(new String(buffer.array(), StandardCharsets.US_ASCII)).isEqualTo("def");
            assertThat(source.name()).isEqualTo("custom");
        }
    }
}
