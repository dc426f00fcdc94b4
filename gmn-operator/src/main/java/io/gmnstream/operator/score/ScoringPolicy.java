package io.gmnstream.operator.score;

import io.gmnstream.operator.learn.GmnFitter;
import java.util.Map;
import java.util.Objects;

/**
 * What a model's metadata says about turning its raw outputs into predictions, as recorded by
 * {@link GmnFitter}: the gap output was trained on {@code (gap - mean) / std}, so a prediction is
 * {@code raw * std + mean}; and non-finite weights were handled by {@link GmnFitter.NonFinite}.
 * A model without these keys (e.g. freshly created) has mean 0, std 1 and policy ZERO.
 */
public record ScoringPolicy(double gapMean, double gapStd, GmnFitter.NonFinite nonFinite) {

    public ScoringPolicy {
        Objects.requireNonNull(nonFinite, "nonFinite");
        if (!Double.isFinite(gapMean) || !Double.isFinite(gapStd) || gapStd <= 0) {
            throw new IllegalArgumentException("gap scale needs a finite mean and a positive finite std, got mean "
                    + gapMean + ", std " + gapStd);
        }
    }

    /**
     * @throws IllegalArgumentException when a key holds something that is not a number or a policy name
     */
    public static ScoringPolicy fromMetadata(Map<String, String> metadata) {
        return new ScoringPolicy(number(metadata, GmnFitter.GAP_MEAN, 0), number(metadata, GmnFitter.GAP_STD, 1),
                policy(metadata));
    }

    float unscaleGap(float raw) {
        return (float) (raw * gapStd + gapMean);
    }

    private static double number(Map<String, String> metadata, String key, double defaultValue) {
        String value = metadata.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model metadata " + key + " is not a number: '" + value + "'", e);
        }
    }

    private static GmnFitter.NonFinite policy(Map<String, String> metadata) {
        String value = metadata.getOrDefault(GmnFitter.NON_FINITE, GmnFitter.NonFinite.ZERO.name());
        try {
            return GmnFitter.NonFinite.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model metadata " + GmnFitter.NON_FINITE + " is '" + value
                    + "', expected one of ZERO, EXCLUDE", e);
        }
    }
}
