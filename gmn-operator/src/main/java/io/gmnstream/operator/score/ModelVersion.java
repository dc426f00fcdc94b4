package io.gmnstream.operator.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The version string that goes with every score, so a score can be traced to the exact model:
 * metadata key {@value #METADATA_KEY} when the model carries one, else
 * {@code <folder name>@<first 12 hex digits of the SHA-256 of parameters.bin>}: two folders with
 * the same name but different weights never share a version. A folder with members
 * ({@link ModelEnsemble}) hashes the SHA-256 digests of every member's parameters.bin, its own first
 * and then the members' in name order, so that changing or adding a member changes the version too.
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
        List<Path> folders = ModelEnsemble.folders(dir);
        String hash = sha256(dir.resolve(PARAMETERS_FILE));
        if (folders.size() > 1) {
            StringBuilder digests = new StringBuilder();
            for (Path folder : folders) {
                digests.append(sha256(folder.resolve(PARAMETERS_FILE))).append('\n');
            }
            hash = sha256(digests.toString().getBytes(StandardCharsets.UTF_8));
        }
        return (name == null ? "model" : name.toString()) + "@" + hash.substring(0, HASH_DIGITS);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw new IOException(file.getParent() + " is not a GMN model directory: no " + PARAMETERS_FILE, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
