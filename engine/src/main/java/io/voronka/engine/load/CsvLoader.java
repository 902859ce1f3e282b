package io.voronka.engine.load;

import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeys;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a CSV file source (UTF-8, header row naming the columns) into a {@link StoreBuilder}, with the same
 * mapping as table sources. Empty fields are NULL. Times: see {@link TimeTextParser}; a type column holding
 * integers maps through the dictionary ids, other text through type names.
 */
public final class CsvLoader {
    private static final int PROGRESS_EVERY = (1 << 18) - 1;

    private final TimeTextParser times;
    private final LoadProgress progress;

    public CsvLoader(ZoneOffsetTable zone, LoadProgress progress) {
        this.times = new TimeTextParser(zone);
        this.progress = progress;
    }

    /** Returns the rows read. */
    public long loadSource(SourceConfig source, StoreBuilder builder) {
        String label = "source '" + source.name() + "'";
        String fileName = String.valueOf(source.file().getFileName());
        try (BufferedReader reader = Files.newBufferedReader(source.file(), StandardCharsets.UTF_8)) {
            return read(new CsvRecordReader(reader), source, label, fileName, builder);
        } catch (NoSuchFileException e) {
            throw new LoadException(label + ": file " + source.file() + " does not exist", e);
        } catch (IOException e) {
            throw new LoadException(label + ": reading " + source.file() + " failed: " + e.getMessage(), e);
        }
    }

    private long read(CsvRecordReader csv, SourceConfig source, String label, String fileName, StoreBuilder builder)
            throws IOException {
        if (!csv.next()) {
            throw new LoadException(label + ": file " + source.file() + " is empty (expected a header row)");
        }
        List<String> header = new ArrayList<>(csv.fields());
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        SourceColumns columns = new SourceColumns(label, "the header of " + fileName, header,
                Collections.nCopies(header.size(), "text"));
        final int userColumn = columns.resolve(source.user(), "user");
        final int timeColumn = columns.resolve(source.time(), "time");
        final int typeColumn = source.type().isConstant() ? -1 : columns.resolve(source.type().column(), "type");
        final int valueColumn = source.value() == null ? -1 : columns.resolve(source.value(), "value");
        final int dimensionCount = source.dimensions().size();
        final int[] dimensionColumn = new int[dimensionCount];
        final int[] dimensionIndex = new int[dimensionCount];
        final Dimension[] dimensions = new Dimension[dimensionCount];
        for (int d = 0; d < dimensionCount; d++) {
            dimensionColumn[d] = columns.resolve(source.dimensions().get(d), "dimension");
            dimensionIndex[d] = builder.dimension(source.dimensions().get(d));
            dimensions[d] = builder.dimensionAt(dimensionIndex[d]);
        }
        final UserKeys users = builder.users();
        final EventTypes types = builder.types();
        final int sourceIndex = builder.source(source.name());
        final int constantType = typeColumn < 0 ? types.constant(source.type().constant()) : -1;
        final String name = source.name();
        long rows = 0;
        while (csv.next()) {
            final List<String> f = csv.fields();
            if (f.size() == 1 && f.get(0).isEmpty()) {
                continue; // blank line
            }
            rows++;
            if (f.size() != header.size()) {
                throw new LoadException(label + ": " + fileName + " line " + csv.recordLine() + " has " + f.size()
                        + " fields, the header has " + header.size());
            }
            String userText = f.get(userColumn);
            String timeText = f.get(timeColumn);
            String typeText = typeColumn < 0 ? null : f.get(typeColumn);
            SkipReason skip = userText.isEmpty() ? SkipReason.NULL_USER : timeText.isEmpty() ? SkipReason.NULL_TIME
                    : typeText != null && typeText.isEmpty() ? SkipReason.NULL_TYPE : null;
            if (skip != null) {
                builder.skip(sourceIndex, skip);
                continue;
            }
            long second;
            double value;
            try {
                second = times.epochSecond(timeText.strip());
                value = valueColumn < 0 || f.get(valueColumn).isEmpty() ? Double.NaN
                        : Double.parseDouble(f.get(valueColumn));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new LoadException(label + ": " + fileName + " line " + csv.recordLine() + ": "
                        + (e instanceof NumberFormatException ? "value '" + f.get(valueColumn) + "' of column '"
                        + header.get(valueColumn) + "' is not a number" : e.getMessage()), e);
            }
            int user = PgLoader.internText(users, userText.strip());
            if (user < 0) {
                builder.skip(sourceIndex, SkipReason.BAD_USER_KEY);
                continue;
            }
            int type = typeText == null ? constantType : typeCode(types, typeText.strip());
            int row = builder.append(sourceIndex, user, type, second);
            if (row < 0) {
                continue;
            }
            if (!Double.isNaN(value)) {
                builder.value(row, value);
            }
            for (int d = 0; d < dimensionCount; d++) {
                String v = f.get(dimensionColumn[d]);
                if (!v.isEmpty()) {
                    builder.dimensionValue(row, dimensionIndex[d], dimensions[d].intern(v));
                }
            }
            if ((rows & PROGRESS_EVERY) == 0) {
                progress.rows(name, rows);
            }
        }
        progress.rows(name, rows);
        return rows;
    }

    private static int typeCode(EventTypes types, String text) {
        boolean integer = !text.isEmpty();
        for (int i = 0; i < text.length() && integer; i++) {
            char c = text.charAt(i);
            integer = (c >= '0' && c <= '9') || (i == 0 && c == '-' && text.length() > 1);
        }
        if (integer && text.length() <= 18) {
            return types.codeForId(Long.parseLong(text));
        }
        return PgLoader.codeOfName(types, text);
    }
}
