package io.gmnstream.operator.service.scoring;

import java.util.Locale;

/**
 * Recognises a failure to allocate memory in a forward pass: the Java heap's OutOfMemoryError, or the
 * engine's native allocator (PyTorch reports CPU and CUDA allocation failures as engine exceptions
 * whose message is all there is to go by).
 */
final class MemoryFailures {
    private static final String[] NATIVE_MESSAGES = {
        "out of memory", "can't allocate memory", "cannot allocate memory", "defaultcpuallocator", "bad_alloc"};

    private MemoryFailures() {
    }

    static boolean isOutOfMemory(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                for (String marker : NATIVE_MESSAGES) {
                    if (lower.contains(marker)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
