package io.gmnstream.operator.baselines;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Ridge regression on standardised features: each feature is centred and divided by its training
 * standard deviation (a constant feature gets weight 0), the target is centred, and
 * {@code (Z'Z + lambda * n * I) w = Z'y} is solved by Cholesky. The intercept is not penalised.
 * Non-finite feature values are replaced by the feature's training mean.
 */
public final class RidgeRegression implements Regressor {
    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double intercept;

    private RidgeRegression(double[] mean, double[] scale, double[] weights, double intercept) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.intercept = intercept;
    }

    public static Trainer trainer(double lambda) {
        return (x, y) -> fit(lambda, x, y);
    }

    public static RidgeRegression fit(double lambda, double[][] x, double[] y) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("ridge: lambda must be > 0, got " + lambda);
        }
        int n = Data.checkShape(x, y);
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int f = 0; f < d; f++) {
            double s = 0;
            int k = 0;
            for (double[] row : x) {
                if (Double.isFinite(row[f])) {
                    s += row[f];
                    k++;
                }
            }
            mean[f] = k == 0 ? 0 : s / k;
            double ss = 0;
            for (double[] row : x) {
                double v = Double.isFinite(row[f]) ? row[f] - mean[f] : 0;
                ss += v * v;
            }
            double sd = Math.sqrt(ss / n);
            scale[f] = sd > 1e-12 ? sd : 0;
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v;
        }
        yMean /= n;
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = standardise(x[i], mean, scale);
        }
        RealMatrix a = new Array2DRowRealMatrix(d, d);
        RealVector b = new ArrayRealVector(d);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                b.addToEntry(p, z[i][p] * (y[i] - yMean));
                for (int q = 0; q < d; q++) {
                    a.addToEntry(p, q, z[i][p] * z[i][q]);
                }
            }
        }
        for (int p = 0; p < d; p++) {
            a.addToEntry(p, p, lambda * n);
        }
        double[] w = new CholeskyDecomposition(a).getSolver().solve(b).toArray();
        return new RidgeRegression(mean, scale, w, yMean);
    }

    private static double[] standardise(double[] x, double[] mean, double[] scale) {
        double[] z = new double[x.length];
        for (int f = 0; f < x.length; f++) {
            z[f] = scale[f] == 0 || !Double.isFinite(x[f]) ? 0 : (x[f] - mean[f]) / scale[f];
        }
        return z;
    }

    @Override
    public double predict(double[] x) {
        double[] z = standardise(x, mean, scale);
        double p = intercept;
        for (int f = 0; f < z.length; f++) {
            p += weights[f] * z[f];
        }
        return p;
    }
}
