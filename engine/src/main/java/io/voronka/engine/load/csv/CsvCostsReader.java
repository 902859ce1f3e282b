package io.voronka.engine.load.csv;

import io.voronka.engine.config.CostsConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.load.CostRows;
import io.voronka.engine.load.CostsReader;
import io.voronka.engine.load.LoadException;

import java.io.IOException;
import java.util.List;

/**
 * Reads marketing spend from a CSV file (UTF-8, header row): the group, date and amount columns of every row.
 * The date is the calendar date written at the start of the time field ({@link TimeTextParser} formats); rows
 * with an empty group, date or amount are left out.
 */
public final class CsvCostsReader implements CostsReader {
    private final SourceLocation.CsvFile file;

    public CsvCostsReader(SourceLocation.CsvFile file) {
        this.file = file;
    }

    @Override
    public void read(CostsConfig costs, CostRows rows) {
        String label = "costs";
        try (CsvTable csv = CsvTable.open(file.path(), label)) {
            TimeTextParser times = new TimeTextParser(rows.zone());
            int groupColumn = csv.columns().resolve(costs.group(), "group");
            int timeColumn = csv.columns().resolve(costs.time(), "time");
            int valueColumn = csv.columns().resolve(costs.value(), "value");
            List<String> f;
            while ((f = csv.next()) != null) {
                String group = f.get(groupColumn);
                String time = f.get(timeColumn).strip();
                String value = f.get(valueColumn);
                if (group.isEmpty() || time.isEmpty() || value.isEmpty()) {
                    continue;
                }
                long day;
                try {
                    day = times.epochDay(time);
                } catch (IllegalArgumentException e) {
                    throw csv.error(e.getMessage(), e);
                }
                rows.add(group, day, csv.number(value, valueColumn));
            }
        } catch (IOException e) {
            throw new LoadException(label + ": reading " + file.path() + " failed: " + e.getMessage(), e);
        }
    }
}
