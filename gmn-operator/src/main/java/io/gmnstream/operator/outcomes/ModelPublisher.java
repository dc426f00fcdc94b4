package io.gmnstream.operator.outcomes;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Replaces a model directory with a new one so that a reader ({@code ModelWatcher}) never sees a
 * half-written model: the model is written into a sibling temp directory first (same file system,
 * so renames are atomic), then swapped in.
 *
 * <p>If the model path is a symbolic link, the swap is one atomic rename of a new link over it (the
 * Kubernetes volume pattern; the old target is deleted afterwards). Otherwise the old directory is
 * renamed aside and the new one renamed into place: two atomic renames, between which the path is
 * briefly missing; the watcher then fails to read a version, keeps its model and checks again later.
 */
public final class ModelPublisher {
    /** Writes a complete model into the (empty, existing) directory it is given. */
    @FunctionalInterface
    public interface ModelWriter {
        void writeTo(Path dir) throws IOException;
    }

    private ModelPublisher() {
    }

    public static void publish(Path modelDir, ModelWriter writer) throws IOException {
        Path target = modelDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path staged = parent.resolve("." + target.getFileName() + ".new-" + tag);
        Files.createDirectory(staged);
        try {
            writer.writeTo(staged);
        } catch (IOException | RuntimeException e) {
            deleteTree(staged);
            throw e;
        }
        if (Files.isSymbolicLink(target)) {
            swapLink(target, staged, tag);
        } else {
            swapDirectory(target, staged, tag);
        }
    }

    private static void swapLink(Path link, Path staged, String tag) throws IOException {
        Path oldTarget = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        Path newLink = link.getParent().resolve("." + link.getFileName() + ".link-" + tag);
        Files.createSymbolicLink(newLink, staged.getFileName());
        Files.move(newLink, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (Files.isDirectory(oldTarget) && !oldTarget.equals(staged)) {
            deleteTree(oldTarget);
        }
    }

    private static void swapDirectory(Path target, Path staged, String tag) throws IOException {
        Path aside = target.getParent().resolve("." + target.getFileName() + ".old-" + tag);
        boolean hadOld = Files.exists(target);
        try {
            if (hadOld) {
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot swap " + target + " atomically (file system without atomic renames)", e);
        } catch (IOException e) {
            if (hadOld && Files.exists(aside) && !Files.exists(target)) {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE); // put the old model back
            }
            deleteTree(staged);
            throw e;
        }
        if (hadOld) {
            deleteTree(aside);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
