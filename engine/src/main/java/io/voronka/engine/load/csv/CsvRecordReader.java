package io.voronka.engine.load.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads RFC 4180 CSV records: comma-separated, fields optionally in double quotes ({@code ""} inside quotes is
 * one quote; quoted fields may span lines), CRLF or LF line ends. Reuses one field list per reader. A field longer
 * than {@link #MAX_FIELD_CHARS} fails with the line it started on, so a runaway quote or a huge cell cannot exhaust
 * the heap.
 */
final class CsvRecordReader {
    static final int MAX_FIELD_CHARS = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();
    private long line = 1;
    private long recordLine;

    CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** Reads the next record into {@link #fields()}; false at the end of input. */
    boolean next() throws IOException {
        fields.clear();
        field.setLength(0);
        recordLine = line;
        int c = read();
        if (c < 0) {
            return false;
        }
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new IOException("a quoted field opened on line " + recordLine + " is never closed");
                }
                fields.add(field.toString());
                return true;
            }
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        append('"', true);
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    append((char) c, true);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n' && n >= 0) {
                        pos--;
                    }
                }
                fields.add(field.toString());
                return true;
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                append((char) c, false);
            }
            c = read();
        }
    }

    private void append(char c, boolean quoted) throws IOException {
        if (field.length() == MAX_FIELD_CHARS) {
            throw new IOException(String.format(Locale.ROOT, "field %d of the record on line %d is longer than %,d"
                    + " characters%s", fields.size() + 1, recordLine, MAX_FIELD_CHARS,
                    quoted ? " (a quote that is never closed?)" : ""));
        }
        field.append(c);
    }

    List<String> fields() {
        return fields;
    }

    /** The line on which the last record started (1-based). */
    long recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        char c = buf[pos++];
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
