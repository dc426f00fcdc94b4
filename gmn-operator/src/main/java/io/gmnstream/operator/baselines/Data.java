package io.gmnstream.operator.baselines;

/** Shape checks shared by the regressors. */
final class Data {
    private Data() {
    }

    /** @return the number of rows */
    static int checkShape(double[][] x, double[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("regression: need at least one row and one target per row, got "
                    + x.length + " rows and " + y.length + " targets");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("regression: row " + i + " has " + x[i].length + " features, row 0 has " + d);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("regression: target of row " + i + " is not finite: " + y[i]);
            }
        }
        return x.length;
    }
}
