package dev.webboot.net.dhcp;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Mutates the real udhcpc/dnsmasq packets (byte changes in the option area, truncation, extension) and checks that
 * the decoder either returns a message whose typed accessors all work and which re-encodes to an equal message, or
 * throws {@link MalformedPacketException}: never another exception, a hang or a huge allocation.
 */
class DhcpOptionParserFuzzTest {
    private static final List<String> SEEDS = List.of("discover", "offer", "request", "ack");

    record Mutation(String seed, int[] positions, byte[] values, int newLength) {}

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(
                        Arbitraries.of(SEEDS),
                        Arbitraries.integers()
                                .between(0, 400)
                                .array(int[].class)
                                .ofMinSize(1)
                                .ofMaxSize(8),
                        Arbitraries.bytes().array(byte[].class).ofSize(8),
                        Arbitraries.integers().between(0, 420))
                .as(Mutation::new);
    }

    @Property(tries = 3000, seed = "20261124", shrinking = ShrinkingMode.OFF)
    void decoderEitherAcceptsOrRejectsCleanly(@ForAll("mutations") Mutation mutation) {
        byte[] packet = CapturedExchange.packet(mutation.seed());
        // Mutate mostly the options (offset 240 on), sometimes the header.
        for (int i = 0; i < mutation.positions().length; i++) {
            int position = mutation.positions()[i] % packet.length;
            if (i % 2 == 0 && packet.length > 240) {
                position = 240 + mutation.positions()[i] % (packet.length - 240);
            }
            packet[position] = mutation.values()[i];
        }
        if (mutation.newLength() % 3 == 0) {
            packet = Arrays.copyOf(packet, mutation.newLength());
        }
        DhcpFuzzing.checkOne(packet);
    }

    @Property(tries = 300, seed = "20261124", shrinking = ShrinkingMode.OFF)
    void decoderSurvivesRandomOptionAreas(@ForAll("optionAreas") byte[] options) {
        byte[] header = Arrays.copyOf(CapturedExchange.packet("ack"), 240);
        byte[] packet = Arrays.copyOf(header, 240 + options.length);
        System.arraycopy(options, 0, packet, 240, options.length);
        DhcpFuzzing.checkOne(packet);
    }

    @Provide
    Arbitrary<byte[]> optionAreas() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(600);
    }
}
