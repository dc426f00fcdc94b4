package io.gmnstream.operator.outcomes;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which runs are held out for comparing models: decided by a seeded hash of the run id alone, so a
 * run never moves between the train and the held-out side as more outcomes arrive (a random split
 * of the growing list would reshuffle it every round and leak held-out runs into training).
 *
 * @param fraction share of runs held out, in (0, 1)
 * @param seed     changes which runs are held out
 */
public record HeldOutRuns(double fraction, long seed) {
    public HeldOutRuns {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, 1), was " + fraction);
        }
    }

    public boolean isHeldOut(String runId) {
        return unitHash(runId) < fraction;
    }

    /** Checkpoints split by run: [0] train side, [1] held-out side. */
    public List<List<LabelledCheckpoint>> split(List<LabelledCheckpoint> all) {
        List<LabelledCheckpoint> train = new ArrayList<>();
        List<LabelledCheckpoint> heldOut = new ArrayList<>();
        for (LabelledCheckpoint c : all) {
            (isHeldOut(c.runId()) ? heldOut : train).add(c);
        }
        return List.of(train, heldOut);
    }

    public String description() {
        return String.format(Locale.ROOT, "held-out runs: sha256(seed, runId) < %.3f, seed=%d", fraction, seed);
    }

    /** The first 53 bits of SHA-256(seed, runId) as a double in [0, 1). */
    private double unitHash(String runId) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        md.update(runId.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(md.digest()).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }
}
