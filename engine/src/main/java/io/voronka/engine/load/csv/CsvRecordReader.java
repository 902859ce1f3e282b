package io.voronka.engine.load.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records: comma-separated, fields optionally in double quotes ({@code ""} inside quotes is
 * one quote; quoted fields may span lines), CRLF or LF line ends. Reuses one field list per reader.
 */
final class CsvRecordReader {
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
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    field.append((char) c);
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
                field.append((char) c);
            }
            c = read();
        }
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
