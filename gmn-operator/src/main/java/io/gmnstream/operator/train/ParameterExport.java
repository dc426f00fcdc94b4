package io.gmnstream.operator.train;

import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Exports a network's parameters as safetensors named as its spec expects ({@code <layer>.weight},
 * {@code <layer>.bias}; Linear weights [out, in] like PyTorch), so the file and the spec build a
 * parameter graph directly.
 */
public final class ParameterExport {
    private ParameterExport() {
    }

    public static byte[] toSafetensors(DenseNetwork network, TrainingConfig config) {
        return SafetensorsWriter.write(network.exportTensors(), metadata(network, config));
    }

    public static void write(DenseNetwork network, TrainingConfig config, Path path) {
        try {
            Files.write(path, toSafetensors(network, config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    static Map<String, String> metadata(DenseNetwork network, TrainingConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", network.spec().format());
        m.put("producer", "gmn-operator DenseTrainer");
        m.put("optimizer", config.optimizer().name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", Float.toString(config.learningRate()));
        m.put("batch_size", Integer.toString(config.batchSize()));
        m.put("epochs", Integer.toString(config.epochs()));
        m.put("weight_decay", Float.toString(config.weightDecay()));
        m.put("seed", Integer.toString(config.seed()));
        return m;
    }
}
