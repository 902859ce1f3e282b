package io.voronka.engine.load.csv;

import io.voronka.engine.load.LoadException;
import io.voronka.engine.load.SourceColumns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file opened for reading: its header (after a byte order mark, which Excel writes before a header that may
 * be quoted) as {@link SourceColumns}, then records with as many fields as the header, blank lines skipped. Errors
 * name the source, the file and the line; bytes that are not UTF-8 also their byte offset.
 */
final class CsvTable implements AutoCloseable {
    private final BufferedReader reader;
    private final CsvRecordReader csv;
    private final String label;
    private final String fileName;
    private final List<String> header;
    private final SourceColumns columns;

    private final Path file;

    private CsvTable(BufferedReader reader, Path file, String label) throws IOException {
        this.reader = reader;
        this.csv = new CsvRecordReader(reader);
        this.label = label;
        this.file = file;
        this.fileName = String.valueOf(file.getFileName());
        skipByteOrderMark(reader);
        if (!nextRecord()) {
            throw new LoadException(label + ": file " + file + " is empty (expected a header row)");
        }
        this.header = List.copyOf(new ArrayList<>(csv.fields()));
        this.columns = new SourceColumns(label, "the header of " + fileName, header,
                Collections.nCopies(header.size(), "text"));
    }

    /**
     * Opens {@code file} and reads its header; {@code label} starts every message ({@code source 'orders'}).
     * A missing file is a {@link LoadException}; other read failures are left to the caller to name.
     */
    static CsvTable open(Path file, String label) throws IOException {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LoadException(label + ": file " + file + " does not exist", e);
        }
        try {
            return new CsvTable(reader, file, label);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    SourceColumns columns() {
        return columns;
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        try {
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        } catch (CharacterCodingException e) {
            reader.reset(); // the first record reports it with its offset
        }
    }

    /** {@link CsvRecordReader#next()}, with bytes that are not UTF-8 reported by line and byte offset. */
    private boolean nextRecord() throws IOException {
        try {
            return csv.next();
        } catch (CharacterCodingException e) {
            throw notUtf8(e);
        }
    }

    /** Finds the first byte that is not UTF-8 (the decoder does not say where it was). */
    private LoadException notUtf8(CharacterCodingException e) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long consumed = 0;
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                boolean end = n < 0;
                bytes.position(bytes.position() + Math.max(0, n));
                bytes.flip();
                int start = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, end);
                for (int i = start; i < bytes.position(); i++) {
                    if (bytes.get(i) == '\n') {
                        line++;
                    }
                }
                if (result.isError()) {
                    long offset = consumed + bytes.position() - start;
                    return new LoadException(String.format(Locale.ROOT, "%s: %s line %d: byte 0x%02X at byte offset"
                            + " %,d is not UTF-8; save the file as UTF-8 (Excel: \"CSV UTF-8\")", label, fileName,
                            line, bytes.get(bytes.position()) & 0xFF, offset), e);
                }
                consumed += bytes.position() - start;
                bytes.compact();
                chars.clear();
                if (end) {
                    return new LoadException(label + ": " + fileName + " is not UTF-8: " + e, e);
                }
            }
        }
    }

    /** The next record's fields (a list reused by the next call), or null at the end of the file. */
    List<String> next() throws IOException {
        while (nextRecord()) {
            List<String> f = csv.fields();
            if (f.size() == 1 && f.get(0).isEmpty()) {
                continue; // blank line
            }
            if (f.size() != header.size()) {
                throw new LoadException(label + ": " + fileName + " line " + csv.recordLine() + " has " + f.size()
                        + " fields, the header has " + header.size());
            }
            return f;
        }
        return null;
    }

    /** A field that must be a number. */
    double number(String text, int column) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("value '" + text + "' of column '" + header.get(column) + "' is not a number", e);
        }
    }

    /** A problem with the current record. */
    LoadException error(String problem, Throwable cause) {
        return new LoadException(label + ": " + fileName + " line " + csv.recordLine() + ": " + problem, cause);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
