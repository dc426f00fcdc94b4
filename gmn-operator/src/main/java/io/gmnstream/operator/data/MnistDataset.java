package io.gmnstream.operator.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The "mnist" task from the four standard gzipped IDX files in a folder the user gives (it is
 * not bundled: 11 MB). The split is the file split (60,000 train, 10,000 test); input is
 * pixel / 255 as a 1x28x28 image.
 */
public final class MnistDataset {
    public static final String TASK = "mnist";
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    private static final String FILES_TEXT = TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS;
    public static final int SIDE = 28;
    public static final int CLASSES = 10;
    private static final float MAX_PIXEL = 255f;

    private MnistDataset() {
    }

    public static TaskData load(Path folder) {
        requireFiles(folder);
        return new TaskData(TASK,
                split(folder, TRAIN_IMAGES, TRAIN_LABELS, "train"),
                split(folder, TEST_IMAGES, TEST_LABELS, "test"));
    }

    /** Checks that {@code folder} holds the four files, without reading them; the message lists what is missing. */
    public static void requireFiles(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new DatasetFormatException(String.valueOf(folder), "not a folder; expected one holding " + FILES_TEXT);
        }
        List<String> missing = FILES.stream().filter(f -> !Files.isRegularFile(folder.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new DatasetFormatException(folder.toString(), "missing " + String.join(", ", missing)
                    + " (an MNIST folder holds the four gzipped IDX files)");
        }
    }

    private static LabeledData split(Path folder, String imagesFile, String labelsFile, String part) {
        Path imagesPath = folder.resolve(imagesFile);
        Path labelsPath = folder.resolve(labelsFile);
        IdxArray images = IdxReader.readGzipped(imagesPath, 3);
        IdxArray labels = IdxReader.readGzipped(labelsPath, 1);
        if (images.dim(1) != SIDE || images.dim(2) != SIDE) {
            throw new DatasetFormatException(imagesPath.toString(), "images are " + images.dim(1) + "x" + images.dim(2)
                    + ", expected " + SIDE + "x" + SIDE);
        }
        int n = images.dim(0);
        if (labels.dim(0) != n) {
            throw new DatasetFormatException(labelsPath.toString(), labels.dim(0) + " labels for " + n + " images in "
                    + imagesFile);
        }
        float[] features = new float[n * SIDE * SIDE];
        for (int i = 0; i < features.length; i++) {
            features[i] = images.unsigned(i) / MAX_PIXEL;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= CLASSES) {
                throw new DatasetFormatException(labelsPath.toString(), "label " + y[i] + " at index " + i
                        + " is outside 0.." + (CLASSES - 1));
            }
        }
        return new LabeledData(TASK + "/" + part, features, y, 1, SIDE, SIDE, CLASSES);
    }
}
