package io.gmnstream.operator.train;

import java.util.Random;

/** Seeded random permutations: the one Fisher-Yates shuffle of the module, so seeded runs stay reproducible. */
public final class Permutations {
    private Permutations() {
    }

    /** A uniformly random permutation of 0..n-1 drawn from {@code random} (n - 1 draws, highest index first). */
    public static int[] random(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
