package io.gmnstream.operator.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The version string that goes with every score, so a score can be traced to the exact model:
 * metadata key {@value #METADATA_KEY} when the model carries one, else
 * {@code <folder name>@<first 12 hex digits of the SHA-256 of parameters.bin>}: two folders with
 * the same name but different weights never share a version.
 */
public final class ModelVersion {
    public static final String METADATA_KEY = "model.version";
    /** The weights file of a saved model (GmnModel's layout; its constant is package-private). */
    static final String PARAMETERS_FILE = "parameters.bin";
    private static final int HASH_DIGITS = 12;

    private ModelVersion() {
    }

    public static String of(Path modelDir, Map<String, String> metadata) throws IOException {
        String declared = metadata.get(METADATA_KEY);
        if (declared != null && !declared.isBlank()) {
            return declared.trim();
        }
        Path dir = modelDir.toAbsolutePath().normalize();
        Path name = dir.getFileName();
        return (name == null ? "model" : name.toString()) + "@" + sha256(dir.resolve(PARAMETERS_FILE)).substring(0, HASH_DIGITS);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw new IOException(file.getParent() + " is not a GMN model directory: no " + PARAMETERS_FILE, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
