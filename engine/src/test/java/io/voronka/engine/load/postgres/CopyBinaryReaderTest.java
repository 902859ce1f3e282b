package io.voronka.engine.load.postgres;

import io.voronka.engine.load.LoadException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyBinaryReaderTest {
    /** Builds binary COPY streams by hand. */
    private static final class Stream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        Stream header() throws IOException {
            out.write(new byte[]{'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
            out.writeInt(0);
            out.writeInt(3);
            out.write(new byte[]{9, 9, 9}); // extension bytes are skipped
            return this;
        }

        Stream tuple(int fields) throws IOException {
            out.writeShort(fields);
            return this;
        }

        Stream field(byte[] value) throws IOException {
            out.writeInt(value.length);
            out.write(value);
            return this;
        }

        Stream nullField() throws IOException {
            out.writeInt(-1);
            return this;
        }

        Stream int8(long v) throws IOException {
            out.writeInt(8);
            out.writeLong(v);
            return this;
        }

        Stream int4(int v) throws IOException {
            out.writeInt(4);
            out.writeInt(v);
            return this;
        }

        Stream int2(int v) throws IOException {
            out.writeInt(2);
            out.writeShort(v);
            return this;
        }

        Stream numeric(int weight, int sign, int dscale, int... digits) throws IOException {
            out.writeInt(8 + 2 * digits.length);
            out.writeShort(digits.length);
            out.writeShort(weight);
            out.writeShort(sign);
            out.writeShort(dscale);
            for (int d : digits) {
                out.writeShort(d);
            }
            return this;
        }

        Stream trailer() throws IOException {
            out.writeShort(-1);
            return this;
        }

        CopyBinaryReader reader(int buffer) throws IOException {
            CopyBinaryReader r = new CopyBinaryReader(new ByteArrayInputStream(bytes.toByteArray()), buffer);
            r.readHeader();
            return r;
        }
    }

    /** Hands out at most one byte per read, to exercise every refill path. */
    private static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void readsIntegersNullsAndTrailer() throws IOException {
        Stream s = new Stream().header()
                .tuple(3).int8(-5_000_000_000L).int4(-7).int2(-3)
                .tuple(3).nullField().int4(42).nullField()
                .trailer();
        CopyBinaryReader r = s.reader(64);
        assertEquals(3, r.nextTuple());
        assertEquals(8, r.nextField());
        assertEquals(-5_000_000_000L, r.int64());
        assertEquals(4, r.nextField());
        assertEquals(-7, r.int64());
        assertEquals(2, r.nextField());
        assertEquals(-3, r.int64());
        assertEquals(3, r.nextTuple());
        assertEquals(-1, r.nextField());
        assertEquals(4, r.nextField());
        assertEquals(42, r.int64());
        assertEquals(-1, r.nextField());
        assertEquals(-1, r.nextTuple());
        assertEquals(2, r.tuples());
    }

    @Test
    void fieldsLargerThanTheBufferAndOneByteReadsAreReassembled() throws IOException {
        byte[] big = new byte[1000];
        Arrays.fill(big, (byte) 'x');
        Stream s = new Stream().header().tuple(2).field(big).field("ё-text".getBytes(StandardCharsets.UTF_8)).trailer();
        CopyBinaryReader r = new CopyBinaryReader(trickle(s.bytes.toByteArray()), 64);
        r.readHeader();
        assertEquals(2, r.nextTuple());
        assertEquals(1000, r.nextField());
        assertEquals("x".repeat(1000), r.text());
        r.nextField();
        assertEquals("ё-text", r.text());
        assertEquals(-1, r.nextTuple());
    }

    @Test
    void truncatedInputGivesAClearMessage() throws IOException {
        Stream s = new Stream().header().tuple(2).int8(1).int8(2).tuple(2).int8(3);
        byte[] all = s.bytes.toByteArray();
        byte[] cut = Arrays.copyOf(all, all.length - 3); // inside the last int8 value
        CopyBinaryReader r = new CopyBinaryReader(new ByteArrayInputStream(cut), 64);
        r.readHeader();
        r.nextTuple();
        r.nextField();
        r.nextField();
        r.nextTuple();
        LoadException e = assertThrows(LoadException.class, r::nextField);
        assertTrue(e.getMessage().startsWith("binary COPY stream ended early: needed 3 more bytes for a field of 8 bytes"),
                e.getMessage());
        assertTrue(e.getMessage().contains("after 2 tuples"), e.getMessage());
    }

    @Test
    void streamWithoutTrailerEndsWithAClearMessage() throws IOException {
        CopyBinaryReader r = new Stream().header().tuple(1).int4(1).reader(64);
        r.nextTuple();
        r.nextField();
        LoadException e = assertThrows(LoadException.class, r::nextTuple);
        assertTrue(e.getMessage().contains("for a tuple's field count"), e.getMessage());
    }

    @Test
    void wrongSignatureIsRejected() {
        byte[] text = "1\t2\n\\.\n".getBytes(StandardCharsets.US_ASCII);
        CopyBinaryReader r = new CopyBinaryReader(new ByteArrayInputStream(Arrays.copyOf(text, 40)), 64);
        LoadException e = assertThrows(LoadException.class, r::readHeader);
        assertEquals("not a binary COPY stream: signature differs at byte 0", e.getMessage());
    }

    @Test
    void wrongFieldLengthForADecoderNamesTheLength() throws IOException {
        CopyBinaryReader r = new Stream().header().tuple(1).field(new byte[3]).trailer().reader(64);
        r.nextTuple();
        r.nextField();
        LoadException e = assertThrows(LoadException.class, r::int64);
        assertTrue(e.getMessage().startsWith("field of 3 bytes is not an integer (expected 2, 4 or 8 bytes)"),
                e.getMessage());
    }

    @Test
    void decodesNumericsToDoubleTextAndIntegers() throws IOException {
        CopyBinaryReader r = new Stream().header().tuple(6)
                .numeric(0, 0, 2, 1234, 5600)            // 1234.56
                .numeric(-1, 0x4000, 2, 500)              // -0.05
                .numeric(4, 0, 0, 1032, 9302, 1245, 9072, 7494) // 10329302124590727494 (> 2^63)
                .numeric(1, 0, 0, 12)                     // 120000 (trailing zero group not sent)
                .numeric(0, 0xC000, 0)                    // NaN
                .numeric(0, 0, 3)                         // 0.000
                .trailer().reader(64);
        r.nextTuple();
        r.nextField();
        assertEquals(1234.56, r.numericDouble());
        assertEquals("1234.56", r.numericText());
        r.numericLong(false);
        assertFalse(r.conversionValid());
        r.nextField();
        assertEquals(-0.05, r.numericDouble());
        assertEquals("-0.05", r.numericText());
        r.nextField();
        assertEquals("10329302124590727494", r.numericText());
        assertEquals("10329302124590727494", Long.toUnsignedString(r.numericLong(true)));
        assertTrue(r.conversionValid());
        r.numericLong(false);
        assertFalse(r.conversionValid(), "past the signed range");
        r.nextField();
        assertEquals(120000L, r.numericLong(false));
        assertTrue(r.conversionValid());
        assertEquals(120000.0, r.numericDouble());
        assertEquals("120000", r.numericText());
        r.nextField();
        assertTrue(Double.isNaN(r.numericDouble()));
        assertEquals("NaN", r.numericText());
        r.numericLong(true);
        assertFalse(r.conversionValid());
        r.nextField();
        assertEquals(0.0, r.numericDouble());
        assertEquals("0.000", r.numericText());
        assertEquals(0L, r.numericLong(true));
        assertTrue(r.conversionValid());
    }

    @Test
    void numericPastUnsignedRangeIsInvalid() throws IOException {
        CopyBinaryReader r = new Stream().header().tuple(2)
                .numeric(4, 0, 0, 1844, 6744, 737, 955, 1615)  // 2^64 - 1
                .numeric(4, 0, 0, 1844, 6744, 737, 955, 1616)  // 2^64
                .trailer().reader(64);
        r.nextTuple();
        r.nextField();
        assertEquals(-1L, r.numericLong(true));
        assertTrue(r.conversionValid());
        r.nextField();
        r.numericLong(true);
        assertFalse(r.conversionValid());
    }

    @Test
    void decodesUuidFloatsAndBool() throws IOException {
        byte[] uuid = new byte[16];
        for (int i = 0; i < 16; i++) {
            uuid[i] = (byte) (0x10 * i + i);
        }
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        new DataOutputStream(f).writeDouble(2.5);
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        new DataOutputStream(g).writeFloat(-1.25f);
        CopyBinaryReader r = new Stream().header().tuple(4).field(uuid).field(f.toByteArray()).field(g.toByteArray())
                .field(new byte[]{1}).trailer().reader(64);
        r.nextTuple();
        r.nextField();
        assertEquals("00112233-4455-6677-8899-aabbccddeeff", r.uuid());
        r.nextField();
        assertEquals(2.5, r.float64());
        r.nextField();
        assertEquals(-1.25, r.float64());
        r.nextField();
        assertTrue(r.bool());
    }
}
