package io.gmnstream.operator.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The "digits-8x8" task, bundled as {@code datasets/digits.csv.gz}: 1,797 rows of 64 pixels in
 * 0..16 then the label. Defined in shared/data/README.md so that networks trained anywhere are
 * comparable: input pixel / 16, row {@code i} is test iff {@code i % 5 == 4} (359 rows), train
 * otherwise (1,438).
 */
public final class DigitsDataset {
    public static final String TASK = "digits-8x8";
    public static final String RESOURCE = "/datasets/digits.csv.gz";
    public static final int ROWS = 1797;
    public static final int SIDE = 8;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;
    public static final int MAX_PIXEL = 16;
    static final int TEST_MODULUS = 5;
    static final int TEST_REMAINDER = 4;

    private DigitsDataset() {
    }

    /** True when row {@code index} (0-based, file order) belongs to the test split. */
    public static boolean isTestRow(int index) {
        return index % TEST_MODULUS == TEST_REMAINDER;
    }

    /** Loads the bundled file and checks it has exactly {@value #ROWS} rows. */
    public static TaskData load() {
        try (InputStream in = DigitsDataset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new DatasetFormatException(RESOURCE, "classpath resource not found; it is bundled in the gmn-operator jar");
            }
            TaskData data = parse(new GZIPInputStream(in), RESOURCE);
            int rows = data.train().size() + data.test().size();
            if (rows != ROWS) {
                throw new DatasetFormatException(RESOURCE, "expected " + ROWS + " rows, found " + rows);
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses uncompressed CSV rows of 64 pixels (0..16) and a label (0..9); {@code source} names it in errors. */
    public static TaskData parse(InputStream csv, String source) throws IOException {
        FloatList trainX = new FloatList();
        FloatList testX = new FloatList();
        IntList trainY = new IntList();
        IntList testY = new IntList();
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.US_ASCII));
        int row = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != PIXELS + 1) {
                throw new DatasetFormatException(source, "line " + (row + 1) + " has " + cells.length + " values, expected " + (PIXELS + 1));
            }
            boolean test = isTestRow(row);
            for (int p = 0; p < PIXELS; p++) {
                int v = parseCell(cells[p], source, row, 0, MAX_PIXEL);
                (test ? testX : trainX).add(v / (float) MAX_PIXEL);
            }
            (test ? testY : trainY).add(parseCell(cells[PIXELS], source, row, 0, CLASSES - 1));
            row++;
        }
        return new TaskData(TASK,
                new LabeledData(TASK + "/train", trainX.toArray(), trainY.toArray(), 1, SIDE, SIDE, CLASSES),
                new LabeledData(TASK + "/test", testX.toArray(), testY.toArray(), 1, SIDE, SIDE, CLASSES));
    }

    private static int parseCell(String cell, String source, int row, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(cell.trim());
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(source, "line " + (row + 1) + ": \"" + cell + "\" is not an integer", e);
        }
        if (v < min || v > max) {
            throw new DatasetFormatException(source, "line " + (row + 1) + ": " + v + " is outside " + min + ".." + max);
        }
        return v;
    }
}
