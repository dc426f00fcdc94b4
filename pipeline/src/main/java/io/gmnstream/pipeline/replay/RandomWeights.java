package io.gmnstream.pipeline.replay;

import java.util.SplittableRandom;

/** Seeded Gaussian weights for networks whose cost, not accuracy, is being measured. */
public final class RandomWeights {
  private RandomWeights() {}

  /**
   * {@code n} values drawn from N(0, scale²). Box-Muller pairs from SplittableRandom: unlike
   * java.util.Random's nextGaussian it is not synchronized, which matters for the millions of
   * weights of the large benchmark networks.
   */
  public static float[] gaussian(SplittableRandom rnd, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i += 2) {
      double u1 = 1.0 - rnd.nextDouble();
      double u2 = rnd.nextDouble();
      double r = Math.sqrt(-2.0 * Math.log(u1)) * scale;
      v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
      if (i + 1 < n) {
        v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
      }
    }
    return v;
  }
}
