package io.voronka.engine.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one snapshot file: header, little-endian payload, trailer; forced to disk on {@link #close}.
 *
 * <pre>
 * header   8 bytes "VORONKA1"   int format version   int file kind
 * payload  primitives and arrays, each array preceded by its length (int)
 * trailer  long payload bytes   int CRC32C of header + payload   4 bytes "END."
 * </pre>
 */
final class SnapshotOutput implements Closeable {
    static final byte[] MAGIC = "VORONKA1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "END.".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 16;
    static final int TRAILER_BYTES = 16;
    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long payload;
    private long written;

    SnapshotOutput(Path file, FileKind kind) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        buffer.put(MAGIC).putInt(SnapshotFormat.VERSION).putInt(kind.code);
    }

    void writeInt(int v) throws IOException {
        room(4);
        buffer.putInt(v);
        payload += 4;
    }

    void writeLong(long v) throws IOException {
        room(8);
        buffer.putLong(v);
        payload += 8;
    }

    void writeDouble(double v) throws IOException {
        room(8);
        buffer.putDouble(v);
        payload += 8;
    }

    void writeBoolean(boolean v) throws IOException {
        writeInt(v ? 1 : 0);
    }

    void writeString(String s) throws IOException {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void writeBytes(byte[] a) throws IOException {
        writeInt(a.length);
        for (int at = 0; at < a.length; ) {
            room(1);
            int n = Math.min(buffer.remaining(), a.length - at);
            buffer.put(a, at, n);
            at += n;
        }
        payload += a.length;
    }

    void writeInts(int[] a) throws IOException {
        writeInt(a.length);
        for (int at = 0; at < a.length; ) {
            room(4);
            int n = Math.min(buffer.remaining() / 4, a.length - at);
            buffer.asIntBuffer().put(a, at, n);
            buffer.position(buffer.position() + 4 * n);
            at += n;
        }
        payload += 4L * a.length;
    }

    void writeShorts(short[] a) throws IOException {
        writeInt(a.length);
        for (int at = 0; at < a.length; ) {
            room(2);
            int n = Math.min(buffer.remaining() / 2, a.length - at);
            buffer.asShortBuffer().put(a, at, n);
            buffer.position(buffer.position() + 2 * n);
            at += n;
        }
        payload += 2L * a.length;
    }

    void writeLongs(long[] a) throws IOException {
        writeLongs(a, a.length);
    }

    void writeLongs(long[] a, int length) throws IOException {
        writeInt(length);
        for (int at = 0; at < length; ) {
            room(8);
            int n = Math.min(buffer.remaining() / 8, length - at);
            buffer.asLongBuffer().put(a, at, n);
            buffer.position(buffer.position() + 8 * n);
            at += n;
        }
        payload += 8L * length;
    }

    void writeDoubles(double[] a) throws IOException {
        writeInt(a.length);
        for (int at = 0; at < a.length; ) {
            room(8);
            int n = Math.min(buffer.remaining() / 8, a.length - at);
            buffer.asDoubleBuffer().put(a, at, n);
            buffer.position(buffer.position() + 8 * n);
            at += n;
        }
        payload += 8L * a.length;
    }

    /** Bytes of the whole file once closed. */
    long length() {
        return written + TRAILER_BYTES;
    }

    /** Writes the trailer and forces the file to disk; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            flush();
            buffer.putLong(payload).putInt((int) crc.getValue()).put(END);
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } finally {
            channel.close();
        }
    }

    private void room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        written += buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
