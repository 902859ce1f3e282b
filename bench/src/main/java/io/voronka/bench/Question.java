package io.voronka.bench;

/**
 * The questions every system answers, as Voronka's query text and as a SQL file name per peer
 * ({@code sql/<peer>/<file>.sql}); {@code range} and {@code byGroup} are filled into the funnel SQL.
 */
public enum Question {
    FUNNEL_ALL("4-step funnel, all data", "3 > 4|13 > 7 > pay within 14d", "funnel", false, false),
    FUNNEL_WEEK("4-step funnel, entries in one week", "3 > 4|13 > 7 > pay within 14d from 2021-03-01 to 2021-03-07",
            "funnel", true, false),
    FUNNEL_BY_SOURCE("4-step funnel by utm_source (first touch)", "3 > 4|13 > 7 > pay within 14d by utm_source",
            "funnel", false, true),
    DAU("unique users per day, whole year", "users per day", "dau", false, false),
    REVENUE("revenue per day", "sum of pay per day", "revenue", false, false),
    RETENTION("monthly retention, request → payment", "retention of 3 return pay per month 6", "retention", false,
            false);

    /** The week of {@link #FUNNEL_WEEK}, as local timestamps. */
    public static final String WEEK_FROM = "2021-03-01 00:00:00";
    public static final String WEEK_TO = "2021-03-08 00:00:00";

    private final String title;
    private final String voronka;
    private final String sqlFile;
    private final boolean weekRange;
    private final boolean byGroup;

    Question(String title, String voronka, String sqlFile, boolean weekRange, boolean byGroup) {
        this.title = title;
        this.voronka = voronka;
        this.sqlFile = sqlFile;
        this.weekRange = weekRange;
        this.byGroup = byGroup;
    }

    public String title() {
        return title;
    }

    public String voronka() {
        return voronka;
    }

    public String sqlFile() {
        return sqlFile;
    }

    /** The peer's SQL for this question with the range and grouping filled in. */
    public String sql(String template) {
        String sql = template;
        if (weekRange) {
            sql = sql.replace("/*RANGE*/", "AND e1.t >= TIMESTAMP '" + WEEK_FROM + "' AND e1.t < TIMESTAMP '" + WEEK_TO + "'");
        }
        if (weekRange) {
            sql = sql.replace("/*CHRANGE*/", "AND t >= toDateTime('" + WEEK_FROM + "') AND t < toDateTime('" + WEEK_TO
                    + "')");
        }
        if (byGroup) {
            sql = sql.replace("/*GROUP*/ toString(s)", "concat(if(touch = '', '(none)', touch), '/', toString(s))");
            sql = sql.replace("/*GROUP*/", "coalesce(utm_source, '(none)') || '/' || ");
        }
        return sql;
    }
}
