package io.voronka.engine.load.postgres;

import io.voronka.engine.load.LoadException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Streams PostgreSQL's binary COPY format ({@code COPY ... TO STDOUT (FORMAT binary)}) from an InputStream
 * through one reusable byte buffer: no object per row or per field.
 *
 * <pre>
 * header   11-byte signature "PGCOPY\n\377\r\n\0", int32 flags, int32 extension length, extension bytes
 * tuple    int16 field count, then per field: int32 length (-1 = NULL) and that many bytes
 * trailer  int16 -1
 * </pre>
 * All integers are big-endian. Use: {@link #readHeader()}, then {@link #nextTuple()} until it returns -1, and
 * within a tuple {@link #nextField()} once per field in order; the decoders ({@link #int64()}, {@link #text()},
 * ...) read the current field. Not thread-safe.
 */
public final class CopyBinaryReader {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    public static final int DEFAULT_BUFFER = 1 << 20;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    /** Stream bytes before buf[0], for messages. */
    private long consumed;
    private long tuples;
    private int fieldOffset;
    private int fieldLength;
    private boolean conversionValid;

    public CopyBinaryReader(InputStream in) {
        this(in, DEFAULT_BUFFER);
    }

    public CopyBinaryReader(InputStream in, int bufferSize) {
        if (bufferSize < 64) {
            throw new IllegalArgumentException("bufferSize must be >= 64, was " + bufferSize);
        }
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Reads and checks the signature, flags and header extension. */
    public void readHeader() throws IOException {
        ensure(SIGNATURE.length + 8, "the header");
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (buf[pos + i] != SIGNATURE[i]) {
                throw new LoadException("not a binary COPY stream: signature differs at byte " + i);
            }
        }
        pos += SIGNATURE.length;
        int flags = (int) INT.get(buf, pos);
        if ((flags & (1 << 16)) != 0) {
            throw new LoadException("binary COPY stream carries OIDs (flags " + Integer.toHexString(flags)
                    + "); use COPY without OIDS");
        }
        int extension = (int) INT.get(buf, pos + 4);
        pos += 8;
        if (extension < 0) {
            throw new LoadException("binary COPY header extension length is negative: " + extension);
        }
        ensure(extension, "the header extension");
        pos += extension;
    }

    /** Starts the next tuple; returns its field count, or -1 at the trailer (end of data). */
    public int nextTuple() throws IOException {
        ensure(2, "a tuple's field count");
        int count = (short) SHORT.get(buf, pos);
        pos += 2;
        if (count == -1) {
            return -1;
        }
        if (count < 0) {
            throw new LoadException("binary COPY stream has a negative field count " + count + " at byte " + position());
        }
        tuples++;
        return count;
    }

    /** Moves to the next field of the current tuple; returns its byte length, or -1 for NULL. */
    public int nextField() throws IOException {
        if (limit - pos < 4) {
            ensure(4, "a field length");
        }
        int length = (int) INT.get(buf, pos);
        pos += 4;
        if (length < 0) {
            if (length != -1) {
                throw new LoadException("binary COPY stream has field length " + length + " at byte " + position());
            }
            fieldLength = -1;
            return -1;
        }
        if (limit - pos < length) {
            ensure(length, "a field of " + length + " bytes");
        }
        fieldOffset = pos;
        fieldLength = length;
        pos += length;
        return length;
    }

    /** Tuples started so far. */
    public long tuples() {
        return tuples;
    }

    /** Bytes consumed from the stream so far. */
    public long position() {
        return consumed + pos;
    }

    public int fieldLength() {
        return fieldLength;
    }

    /** The current field as an integer: int2, int4 or int8 (chosen by its length). */
    public long int64() {
        switch (fieldLength) {
            case 8:
                return (long) LONG.get(buf, fieldOffset);
            case 4:
                return (int) INT.get(buf, fieldOffset);
            case 2:
                return (short) SHORT.get(buf, fieldOffset);
            default:
                throw badLength("an integer", "2, 4 or 8");
        }
    }

    /** The current field as float4 or float8 (chosen by its length). */
    public double float64() {
        switch (fieldLength) {
            case 8:
                return Double.longBitsToDouble((long) LONG.get(buf, fieldOffset));
            case 4:
                return Float.intBitsToFloat((int) INT.get(buf, fieldOffset));
            default:
                throw badLength("a float", "4 or 8");
        }
    }

    public boolean bool() {
        if (fieldLength != 1) {
            throw badLength("a boolean", "1");
        }
        return buf[fieldOffset] != 0;
    }

    /** text, varchar, bpchar, name: UTF-8. */
    public String text() {
        return new String(buf, fieldOffset, fieldLength, StandardCharsets.UTF_8);
    }

    /** A uuid as canonical lower-case text, {@code 8-4-4-4-12}. */
    public String uuid() {
        if (fieldLength != 16) {
            throw badLength("a uuid", "16");
        }
        char[] out = new char[36];
        int o = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[o++] = '-';
            }
            int b = buf[fieldOffset + i] & 0xFF;
            out[o++] = HEX[b >>> 4];
            out[o++] = HEX[b & 15];
        }
        return new String(out);
    }

    /*
     * numeric:  int16 ndigits, int16 weight, int16 sign, int16 dscale, then ndigits int16 base-10000 digits;
     * value = sum digit[i] * 10000^(weight - i). Trailing zero digits are not sent.
     */

    /** The current numeric field as the nearest double (NaN for NaN; exact input is rounded once). */
    public double numericDouble() {
        int ndigits = numericShort(0);
        int weight = numericShort(2);
        int sign = numericShort(4) & 0xFFFF;
        if (sign == NUMERIC_NAN) {
            return Double.NaN;
        }
        if (sign > NUMERIC_NAN) {
            return sign == 0xD000 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (ndigits > 4) {
            return new BigDecimal(numericText()).doubleValue();
        }
        long mantissa = 0;
        for (int i = 0; i < ndigits; i++) {
            mantissa = mantissa * 10_000 + numericShort(8 + 2 * i);
        }
        int exponent = 4 * (weight - ndigits + 1);
        if (mantissa >= 1L << 53) {
            return new BigDecimal(numericText()).doubleValue();
        }
        double v;
        if (exponent >= 0) {
            v = exponent <= 22 ? mantissa * POWERS[exponent] : mantissa * Math.pow(10, exponent);
        } else {
            // both exact doubles: the quotient is correctly rounded
            v = -exponent <= 22 ? mantissa / POWERS[-exponent] : new BigDecimal(numericText()).doubleValue();
        }
        return sign == NUMERIC_NEGATIVE ? -v : v;
    }

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    /**
     * The current numeric field as a 64-bit integer, signed or (bits of) unsigned; {@link #conversionValid()}
     * tells whether it was a whole number in range (else the result is 0).
     */
    public long numericLong(boolean unsigned) {
        conversionValid = false;
        int ndigits = numericShort(0);
        int weight = numericShort(2);
        int sign = numericShort(4) & 0xFFFF;
        boolean negative = sign == NUMERIC_NEGATIVE;
        if ((sign != 0 && !negative) || (negative && unsigned) || ndigits > weight + 1) {
            return 0; // NaN/infinity, negative unsigned, or a fraction (trailing zero digits are never sent)
        }
        // accumulate the magnitude as unsigned
        long v = 0;
        for (int i = 0; i <= weight; i++) {
            int digit = i < ndigits ? numericShort(8 + 2 * i) : 0;
            if (Long.compareUnsigned(v, MAX_BEFORE_TIMES_10000) > 0) {
                return 0;
            }
            long next = v * 10_000 + digit;
            if (Long.compareUnsigned(next, v * 10_000) < 0) {
                return 0;
            }
            v = next;
        }
        if (unsigned) {
            conversionValid = true;
            return v;
        }
        if (negative ? Long.compareUnsigned(v, Long.MIN_VALUE) > 0 : v < 0) {
            return 0;
        }
        conversionValid = true;
        return negative ? -v : v;
    }

    private static final long MAX_BEFORE_TIMES_10000 = Long.divideUnsigned(-1L, 10_000);

    /** Whether the current numeric field is a finite whole number ({@code 100}, {@code 100.00}, not {@code 100.5}). */
    public boolean numericIsWhole() {
        int ndigits = numericShort(0);
        int weight = numericShort(2);
        int sign = numericShort(4) & 0xFFFF;
        return (sign == 0 || sign == NUMERIC_NEGATIVE) && ndigits <= weight + 1; // trailing zero digits are not sent
    }

    /** Whether the current numeric field is a finite number (not NaN or an infinity). */
    public boolean numericIsFinite() {
        int sign = numericShort(4) & 0xFFFF;
        return sign == 0 || sign == NUMERIC_NEGATIVE;
    }

    /** The current numeric field, a whole number ({@link #numericIsWhole}), written without a fraction. */
    public String numericWholeText() {
        String text = numericText();
        int dot = text.indexOf('.');
        return dot < 0 ? text : text.substring(0, dot);
    }

    /** Whether the last {@link #numericLong} found a whole number in range. */
    public boolean conversionValid() {
        return conversionValid;
    }

    /** The current numeric field written exactly, with its display scale, as PostgreSQL prints it. */
    public String numericText() {
        int ndigits = numericShort(0);
        int weight = numericShort(2);
        int sign = numericShort(4) & 0xFFFF;
        int dscale = numericShort(6);
        if (sign == NUMERIC_NAN) {
            return "NaN";
        }
        if (sign > NUMERIC_NAN) {
            return sign == 0xD000 ? "Infinity" : "-Infinity";
        }
        StringBuilder sb = new StringBuilder(8 + 4 * Math.max(ndigits, weight + 1) + dscale);
        if (sign == NUMERIC_NEGATIVE) {
            sb.append('-');
        }
        if (weight < 0) {
            sb.append('0');
        }
        for (int i = 0; i <= weight; i++) {
            int digit = i < ndigits ? numericShort(8 + 2 * i) : 0;
            appendGroup(sb, digit, i == 0);
        }
        if (dscale > 0) {
            sb.append('.');
            int fractionStart = sb.length();
            for (int i = weight + 1; sb.length() - fractionStart < dscale; i++) {
                int digit = i >= 0 && i < ndigits ? numericShort(8 + 2 * i) : 0;
                appendGroup(sb, digit, false);
            }
            sb.setLength(fractionStart + dscale);
        }
        return sb.toString();
    }

    private static void appendGroup(StringBuilder sb, int digit, boolean first) {
        if (!first) {
            if (digit < 1000) {
                sb.append('0');
            }
            if (digit < 100) {
                sb.append('0');
            }
            if (digit < 10) {
                sb.append('0');
            }
        }
        sb.append(digit);
    }

    private int numericShort(int at) {
        if (at + 2 > fieldLength) {
            throw badLength("a numeric", "at least " + (at + 2));
        }
        return (short) SHORT.get(buf, fieldOffset + at);
    }

    private LoadException badLength(String what, String expected) {
        return new LoadException("field of " + fieldLength + " bytes is not " + what + " (expected " + expected
                + " bytes) in tuple " + tuples + " at byte " + position());
    }

    /** Makes {@code n} bytes available at {@code pos}, compacting or growing the buffer. */
    private void ensure(int n, String what) throws IOException {
        if (limit - pos >= n) {
            return;
        }
        int remaining = limit - pos;
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, pos, bigger, 0, remaining);
            buf = bigger;
        } else {
            System.arraycopy(buf, pos, buf, 0, remaining);
        }
        consumed += pos;
        pos = 0;
        limit = remaining;
        while (limit < n) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                throw new LoadException("binary COPY stream ended early: needed " + (n - limit) + " more bytes for "
                        + what + " at byte " + position() + " (after " + tuples + " tuples)");
            }
            limit += read;
        }
    }
}
