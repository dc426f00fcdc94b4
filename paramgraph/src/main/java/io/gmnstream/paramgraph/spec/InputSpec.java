package io.gmnstream.paramgraph.spec;

import io.gmnstream.paramgraph.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The network input: its shape (without the batch dimension) and layout. */
public record InputSpec(List<Integer> shape, InputLayout layout) {
    public InputSpec {
        Objects.requireNonNull(layout, "layout");
        shape = List.copyOf(Objects.requireNonNull(shape, "shape"));
        int rank = shape.size();
        boolean rankOk = switch (layout) {
            case FEATURES, TOKENS -> rank == 1;
            case SEQUENCE -> rank == 2;
            case CHANNELS_FIRST -> rank >= 2 && rank <= 4;
        };
        if (!rankOk) {
            throw new InvalidSpecException(null, "input.shape", "layout " + layout.wireName() + " needs shape "
                    + switch (layout) {
                        case FEATURES -> "[n]";
                        case TOKENS -> "[T]";
                        case SEQUENCE -> "[T, d]";
                        case CHANNELS_FIRST -> "[C, spatial...] with 1 to 3 spatial dimensions";
                    } + ", got " + shape);
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new InvalidSpecException(null, "input.shape", "dimensions must be positive, got " + shape);
            }
        }
        if (layout == InputLayout.CHANNELS_FIRST) {
            for (int d : shape.subList(1, rank)) {
                if (d > Short.MAX_VALUE) {
                    throw new InvalidSpecException(null, "input.shape", "spatial dimensions must be at most " + Short.MAX_VALUE
                            + " (positions are int16), got " + shape);
                }
            }
        }
    }

    public static InputSpec features(int n) {
        return new InputSpec(List.of(n), InputLayout.FEATURES);
    }

    /** Channels-first map, e.g. {@code channelsFirst(1, 28, 28)}. */
    public static InputSpec channelsFirst(int channels, int... spatial) {
        List<Integer> shape = new ArrayList<>();
        shape.add(channels);
        for (int s : spatial) {
            shape.add(s);
        }
        return new InputSpec(shape, InputLayout.CHANNELS_FIRST);
    }

    public static InputSpec sequence(int tokens, int width) {
        return new InputSpec(List.of(tokens, width), InputLayout.SEQUENCE);
    }

    public static InputSpec tokens(int tokens) {
        return new InputSpec(List.of(tokens), InputLayout.TOKENS);
    }
}
