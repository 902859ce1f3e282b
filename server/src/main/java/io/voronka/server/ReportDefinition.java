package io.voronka.server;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A named query with a chart: what a daily report or a bot button shows. {@code chart} is {@code bar},
 * {@code line} or {@code funnel}; {@code daily} puts it into the scheduled morning report.
 */
public record ReportDefinition(String name, String title, String query, String chart, boolean daily) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_\\-]+");

    public ReportDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("report name '" + name + "' must be lower-case letters, digits, _ or -");
        }
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("report '" + name + "' needs a query");
        }
        title = title == null || title.isBlank() ? name : title;
        chart = chart == null ? "bar" : chart.toLowerCase(Locale.ROOT);
        if (!chart.equals("bar") && !chart.equals("line") && !chart.equals("funnel")) {
            throw new IllegalArgumentException("report '" + name + "': chart must be bar, line or funnel, not '"
                    + chart + "'");
        }
    }
}
