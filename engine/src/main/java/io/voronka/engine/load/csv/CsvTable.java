package io.voronka.engine.load.csv;

import io.voronka.engine.load.LoadException;
import io.voronka.engine.load.SourceColumns;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CSV file opened for reading: its header (a leading byte order mark dropped) as {@link SourceColumns}, then
 * records with as many fields as the header, blank lines skipped. Errors name the source, the file and the line.
 */
final class CsvTable implements AutoCloseable {
    private final BufferedReader reader;
    private final CsvRecordReader csv;
    private final String label;
    private final String fileName;
    private final List<String> header;
    private final SourceColumns columns;

    private CsvTable(BufferedReader reader, Path file, String label) throws IOException {
        this.reader = reader;
        this.csv = new CsvRecordReader(reader);
        this.label = label;
        this.fileName = String.valueOf(file.getFileName());
        if (!csv.next()) {
            throw new LoadException(label + ": file " + file + " is empty (expected a header row)");
        }
        List<String> names = new ArrayList<>(csv.fields());
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1));
        }
        this.header = List.copyOf(names);
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

    /** The next record's fields (a list reused by the next call), or null at the end of the file. */
    List<String> next() throws IOException {
        while (csv.next()) {
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
