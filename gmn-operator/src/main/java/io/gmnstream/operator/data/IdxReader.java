package io.gmnstream.operator.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzipped IDX files of unsigned bytes (the MNIST format): magic {@code 00 00 08 rank}, then
 * {@code rank} big-endian int32 dimensions, then exactly the product of the dimensions in bytes.
 * Every check fails with a {@link DatasetFormatException} naming the file, before a large
 * allocation where the header is wrong.
 */
public final class IdxReader {
    static final int UNSIGNED_BYTE = 0x08;
    /** Refuse headers that declare more than this many values (1 GiB) rather than allocate them. */
    static final long MAX_VALUES = 1L << 30;

    private IdxReader() {
    }

    public static IdxArray readGzipped(Path file, int expectedRank) {
        String source = file.toString();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16))) {
            return read(in, source, expectedRank);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(source, "file not found", e);
        } catch (ZipException e) {
            throw new DatasetFormatException(source, "not a gzip file or corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new DatasetFormatException(source, "truncated: the file ends inside the IDX header", e);
        } catch (IOException e) {
            throw new DatasetFormatException(source, "cannot read (" + e + ")", e);
        }
    }

    private static IdxArray read(DataInputStream in, String source, int expectedRank) throws IOException {
        int magic = in.readInt();
        int zeros = magic >>> 16;
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if (zeros != 0 || type != UNSIGNED_BYTE || rank != expectedRank) {
            throw new DatasetFormatException(source, String.format(
                    "bad IDX magic number 0x%08X, expected 0x%08X (unsigned bytes, %d dimensions)",
                    magic, (UNSIGNED_BYTE << 8) | expectedRank, expectedRank));
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = in.readInt();
            if (dims[d] <= 0) {
                throw new DatasetFormatException(source, "dimension " + d + " is " + dims[d] + ", must be positive");
            }
            count *= dims[d];
            if (count > MAX_VALUES) {
                throw new DatasetFormatException(source, "header declares " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                        + "..., more than " + MAX_VALUES + " values");
            }
        }
        byte[] data = new byte[(int) count];
        int read = in.readNBytes(data, 0, data.length);
        if (read != data.length) {
            throw new DatasetFormatException(source, "truncated: header " + Arrays.toString(dims) + " declares " + count
                    + " data bytes, found " + read);
        }
        if (in.read() != -1) {
            throw new DatasetFormatException(source, "trailing bytes after the " + count + " data bytes declared by "
                    + Arrays.toString(dims));
        }
        return new IdxArray(dims, data);
    }
}
