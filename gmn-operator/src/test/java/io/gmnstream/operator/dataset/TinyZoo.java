package io.gmnstream.operator.dataset;

import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.operator.zoo.ZooReport;
import java.nio.file.Path;
import java.util.List;

/** A tiny real zoo for tests: 8 runs, checkpoints after epochs 1 and 2, at most 3 batches per epoch. */
public final class TinyZoo {
    private TinyZoo() {
    }

    public static ZooReport generate(Path dir, int runs) {
        EngineInfo engine = TestEngine.start();
        ZooConfig config = ZooConfig.digits(runs, 2026L, dir).withCheckpointEpochs(List.of(1, 2)).withMaxBatchesPerEpoch(3);
        return new ZooGenerator(engine, config).withoutProgressBar().generate();
    }
}
