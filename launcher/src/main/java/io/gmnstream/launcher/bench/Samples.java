package io.gmnstream.launcher.bench;

import java.util.Arrays;

/** Repeated measurements of one quantity: median, nearest-rank percentiles, range. */
record Samples(double[] sorted) {

  static Samples of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no measurement");
    }
    double[] copy = values.clone();
    Arrays.sort(copy);
    return new Samples(copy);
  }

  double median() {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Nearest-rank percentile: the smallest sample with at least {@code p}% of the samples at or below it. */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double min() {
    return sorted[0];
  }

  double max() {
    return sorted[sorted.length - 1];
  }
}
