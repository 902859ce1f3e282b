package io.voronka.engine.load.csv;

import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.load.LoadException;
import io.voronka.engine.load.RowSink;
import io.voronka.engine.load.SourceReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads a CSV file source (UTF-8, header row naming the columns) with the same mapping as table sources. Empty
 * fields are NULL; user, time and type text is stripped of surrounding blanks. Times: see {@link TimeTextParser};
 * a type column holding integers maps through the dictionary ids, other text through type names. A malformed
 * time or value fails the load, naming the line, even on a row skipped for an empty user or type.
 */
public final class CsvFileReader implements SourceReader {
    private final SourceLocation.CsvFile file;

    public CsvFileReader(SourceLocation.CsvFile file) {
        this.file = file;
    }

    /** The file's size over the mean length of the lines in its first 64 KB; -1 when it cannot be read. */
    @Override
    public long estimatedRows() {
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] sample = in.readNBytes(1 << 16);
            long lines = 0;
            for (byte b : sample) {
                if (b == '\n') {
                    lines++;
                }
            }
            long size = Files.size(file.path());
            return sample.length == 0 ? 0 : Math.max(0, size * Math.max(1, lines) / sample.length - 1);
        } catch (IOException e) {
            return -1; // reading names the problem
        }
    }

    @Override
    public void read(SourceConfig source, RowSink sink) {
        String label = source.label();
        try (CsvTable csv = CsvTable.open(file.path(), label)) {
            final TimeTextParser times = new TimeTextParser(sink.zone());
            final int userColumn = csv.columns().resolve(source.user(), "user");
            final int timeColumn = csv.columns().resolve(source.time(), "time");
            final int typeColumn = source.type().isConstant() ? -1 : csv.columns().resolve(source.type().column(), "type");
            final int valueColumn = source.value() == null ? -1 : csv.columns().resolve(source.value(), "value");
            final int dimensionCount = source.dimensions().size();
            final int[] dimensionColumn = new int[dimensionCount];
            for (int d = 0; d < dimensionCount; d++) {
                dimensionColumn[d] = csv.columns().resolve(source.dimensions().get(d), "dimension");
            }
            List<String> f;
            while ((f = csv.next()) != null) {
                String userText = f.get(userColumn);
                if (!userText.isEmpty()) {
                    sink.userText(userText.strip());
                }
                String timeText = f.get(timeColumn);
                if (!timeText.isEmpty()) {
                    try {
                        long second = times.epochSecond(timeText.strip());
                        sink.time(second, times.lastNanos());
                    } catch (IllegalArgumentException e) {
                        throw csv.error(e.getMessage(), e);
                    }
                }
                if (typeColumn >= 0 && !f.get(typeColumn).isEmpty()) {
                    sink.typeText(f.get(typeColumn).strip());
                }
                if (valueColumn >= 0 && !f.get(valueColumn).isEmpty()) {
                    sink.value(csv.number(f.get(valueColumn), valueColumn));
                }
                for (int d = 0; d < dimensionCount; d++) {
                    String v = f.get(dimensionColumn[d]);
                    if (!v.isEmpty()) {
                        sink.dimension(d, v);
                    }
                }
                sink.endRow();
            }
        } catch (IOException e) {
            throw new LoadException(label + ": reading " + file.path() + " failed: " + e.getMessage(), e);
        }
    }
}
