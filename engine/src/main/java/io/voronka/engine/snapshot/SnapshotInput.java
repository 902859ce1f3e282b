package io.voronka.engine.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads one file written by {@link SnapshotOutput}. Opening checks, in this order, that the file exists, that it
 * is long enough, its magic, format version and kind, and that its length matches the trailer. The payload is then
 * read once: the checksum is computed over each block as it is read, and {@link #expectEnd} compares it with the
 * trailer's. So nothing parsed from a file may be used before its {@code expectEnd()} returned (callers keep the
 * raw arrays until then); each array length is checked against the bytes left, so a damaged length cannot ask for
 * more memory than the file holds. Damage found while parsing is reported as a checksum mismatch when the checksum
 * disagrees (the usual cause), else as what the parser found.
 */
final class SnapshotInput implements Closeable {
    private static final int BUFFER = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final long payloadEnd;
    private final int expectedCrc;
    private final CRC32C crc = new CRC32C();
    private long position;
    private boolean checked;

    private SnapshotInput(Path file, FileChannel channel, ByteBuffer header, long payloadEnd, int expectedCrc) {
        this.file = file;
        this.channel = channel;
        this.payloadEnd = payloadEnd;
        this.expectedCrc = expectedCrc;
        this.position = SnapshotOutput.HEADER_BYTES;
        crc.update(header.rewind());
        buffer.limit(0);
    }

    static SnapshotInput open(Path file, FileKind kind) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SnapshotException(file, "missing");
        } catch (IOException e) {
            throw new SnapshotException(file, "cannot be read: " + e.getMessage());
        }
        try {
            return verify(file, channel, kind);
        } catch (RuntimeException | IOException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SnapshotException se) {
                throw se;
            }
            throw new SnapshotException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Checks header and length; returns the input positioned at the payload. */
    private static SnapshotInput verify(Path file, FileChannel channel, FileKind kind) throws IOException {
        long size = channel.size();
        int overhead = SnapshotOutput.HEADER_BYTES + SnapshotOutput.TRAILER_BYTES;
        if (size < overhead) {
            throw new SnapshotException(file, "truncated (" + size + " bytes, a snapshot file has at least "
                    + overhead + ")");
        }
        ByteBuffer header = readAt(channel, 0, SnapshotOutput.HEADER_BYTES);
        byte[] magic = new byte[SnapshotOutput.MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, SnapshotOutput.MAGIC)) {
            throw new SnapshotException(file, "not a Voronka snapshot file (wrong magic bytes)");
        }
        int version = header.getInt();
        if (version != SnapshotFormat.VERSION) {
            throw new SnapshotException(file, "written in snapshot format " + version + ", this Voronka reads format "
                    + SnapshotFormat.VERSION);
        }
        int code = header.getInt();
        if (code != kind.code) {
            throw new SnapshotException(file, "holds file kind " + code + ", expected " + kind.code + " ("
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        ByteBuffer trailer = readAt(channel, size - SnapshotOutput.TRAILER_BYTES, SnapshotOutput.TRAILER_BYTES);
        long payload = trailer.getLong();
        int expectedCrc = trailer.getInt();
        byte[] end = new byte[4];
        trailer.get(end);
        if (!Arrays.equals(end, SnapshotOutput.END) || payload != size - overhead) {
            throw new SnapshotException(file, "truncated or damaged at the end (" + size + " bytes, trailer says "
                    + (Arrays.equals(end, SnapshotOutput.END) ? payload + overhead : "nothing readable") + ")");
        }
        return new SnapshotInput(file, channel, header, size - SnapshotOutput.TRAILER_BYTES, expectedCrc);
    }

    /** CRC32C of the first {@code length} bytes of a file, read through memory mapping in windows. */
    static int crc(FileChannel channel, long length) throws IOException {
        CRC32C crc = new CRC32C();
        long window = 1L << 30;
        for (long at = 0; at < length; at += window) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(window, length - at));
            crc.update(map);
        }
        return (int) crc.getValue();
    }

    private static ByteBuffer readAt(FileChannel channel, long at, int bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    Path file() {
        return file;
    }

    int readInt() throws IOException {
        need(4);
        return buffer.getInt();
    }

    long readLong() throws IOException {
        need(8);
        return buffer.getLong();
    }

    double readDouble() throws IOException {
        need(8);
        return buffer.getDouble();
    }

    boolean readBoolean() throws IOException {
        return readInt() != 0;
    }

    String readString() throws IOException {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    byte[] readBytes() throws IOException {
        byte[] a = new byte[length(1)];
        for (int at = 0; at < a.length; ) {
            need(1);
            int n = Math.min(buffer.remaining(), a.length - at);
            buffer.get(a, at, n);
            at += n;
        }
        return a;
    }

    int[] readInts() throws IOException {
        int[] a = new int[length(4)];
        for (int at = 0; at < a.length; ) {
            need(4);
            int n = Math.min(buffer.remaining() / 4, a.length - at);
            buffer.asIntBuffer().get(a, at, n);
            buffer.position(buffer.position() + 4 * n);
            at += n;
        }
        return a;
    }

    short[] readShorts() throws IOException {
        short[] a = new short[length(2)];
        for (int at = 0; at < a.length; ) {
            need(2);
            int n = Math.min(buffer.remaining() / 2, a.length - at);
            buffer.asShortBuffer().get(a, at, n);
            buffer.position(buffer.position() + 2 * n);
            at += n;
        }
        return a;
    }

    long[] readLongs() throws IOException {
        long[] a = new long[length(8)];
        for (int at = 0; at < a.length; ) {
            need(8);
            int n = Math.min(buffer.remaining() / 8, a.length - at);
            buffer.asLongBuffer().get(a, at, n);
            buffer.position(buffer.position() + 8 * n);
            at += n;
        }
        return a;
    }

    double[] readDoubles() throws IOException {
        double[] a = new double[length(8)];
        for (int at = 0; at < a.length; ) {
            need(8);
            int n = Math.min(buffer.remaining() / 8, a.length - at);
            buffer.asDoubleBuffer().get(a, at, n);
            buffer.position(buffer.position() + 8 * n);
            at += n;
        }
        return a;
    }

    /**
     * Fails unless the whole payload was read (a file that says less than it holds is damaged too) and its checksum
     * matches the trailer's: only then may what was parsed be used.
     */
    void expectEnd() {
        if (position - buffer.remaining() != payloadEnd) {
            throw damaged("has " + (payloadEnd - position + buffer.remaining()) + " bytes more than its contents");
        }
        if ((int) crc.getValue() != expectedCrc) {
            throw mismatch();
        }
        checked = true;
    }

    /** Damage the parser found; a checksum mismatch when the file's checksum disagrees (checked whole here). */
    SnapshotException damaged(String why) {
        if (!checked) {
            try {
                if (crc(channel, payloadEnd) != expectedCrc) {
                    return mismatch();
                }
            } catch (IOException e) {
                // report what the parser found
            }
        }
        return new SnapshotException(file, "damaged: " + why);
    }

    private SnapshotException mismatch() {
        return new SnapshotException(file, "checksum mismatch (the file is damaged)");
    }

    /** Reads an array length and checks the elements fit in what is left of the payload. */
    private int length(int elementBytes) throws IOException {
        int n = readInt();
        long left = payloadEnd - position + buffer.remaining();
        if (n < 0 || (long) n * elementBytes > left) {
            throw damaged("an array of " + n + " elements does not fit the " + left + " bytes left");
        }
        return n;
    }

    /** Makes at least {@code bytes} bytes (at most a few) readable from the buffer. */
    private void need(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        long want = Math.min(buffer.remaining(), payloadEnd - position);
        buffer.limit((int) (buffer.position() + want));
        int from = buffer.position();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            position += n;
        }
        buffer.limit(buffer.position());
        crc.update(buffer.duplicate().position(from));
        buffer.flip();
        if (buffer.remaining() < bytes) {
            throw damaged("ends inside a value");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
