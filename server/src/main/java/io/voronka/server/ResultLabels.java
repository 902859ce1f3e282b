package io.voronka.server;

import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.result.RateRow;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.PathNode;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The words shown beside numbers (JSON {@code measure}, table headers, chart axes), made from what the result
 * answers; the engine returns only data. One place, so the CLI, HTTP, charts and the bot say the same thing.
 */
final class ResultLabels {
    private ResultLabels() {
    }

    /** What a series measures, e.g. "users per day", "cumulative sum per month", "cac by utm_source". */
    static String measure(SeriesResult result) {
        return result.query().accept(new Query.Visitor<>() {
            @Override
            public String funnel(FunnelQuery query) {
                return counting(query.counting());
            }

            @Override
            public String metric(MetricQuery query) {
                String measure = switch (query.measure()) {
                    case USERS -> "users";
                    case EVENTS -> "events";
                    case SUM -> "sum";
                    case AVERAGE -> "average";
                };
                return (query.cumulative() ? "cumulative " : "") + measure + per(query.bucket());
            }

            @Override
            public String retention(RetentionQuery query) {
                return retentionMeasure(query);
            }

            @Override
            public String acquisition(AcquisitionQuery query) {
                String measure = query.measure().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                String horizon = query.horizonMonths() > 0 ? " within " + query.horizonMonths() + " months" : "";
                return measure + horizon + query.dimension().map(d -> " by " + d).orElse("") + per(query.bucket());
            }

            @Override
            public String rate(RateQuery query) {
                return ResultLabels.rate(query);
            }

            @Override
            public String value(ValueQuery query) {
                return statistic(query);
            }

            @Override
            public String session(SessionQuery query) {
                String measure = switch (query.measure()) {
                    case SESSIONS -> "sessions";
                    case SESSIONS_PER_USER -> "sessions per user";
                    case AVERAGE_LENGTH -> "average session length, s";
                };
                return measure + " (gap " + query.gapSeconds() / 60 + " min)" + per(query.bucket());
            }

            @Override
            public String activity(ActivityQuery query) {
                return query.measure().name().toLowerCase(Locale.ROOT) + per(query.bucket());
            }

            @Override
            public String paths(PathsQuery query) {
                return "users";
            }

            @Override
            public String timeInStatus(TimeInStatusQuery query) {
                return "events";
            }
        });
    }

    /** "rate of sale per call", with the filters: "rate of call where status = success per call". */
    static String rate(RateQuery query) {
        return "rate of " + events(query.numerator()) + filters(query.numeratorFilters()) + " per "
                + events(query.denominator()) + filters(query.denominatorFilters());
    }

    /** "median of value of order", "p90 of value of call", "distribution of value of call". */
    static String statistic(ValueQuery query) {
        String statistic = switch (query.statistic()) {
            case AVERAGE -> "average";
            case PERCENTILE -> "p" + query.percentile();
            default -> query.statistic().name().toLowerCase(Locale.ROOT);
        };
        return statistic + " of value of " + events(query.events()) + filters(query.filters());
    }

    /** A group of one or more breakdown levels: "dept 1 / group 2". */
    static String group(List<String> levels) {
        return String.join(" / ", levels);
    }

    /** The marker of a significant group: "higher" or "lower" than the rest, empty when not significant. */
    static String significance(RateRow row) {
        if (!row.significant()) {
            return "";
        }
        return row.z() > 0 ? "higher" : "lower";
    }

    private static String events(List<EventRef> refs) {
        return refs.stream().map(r -> r.hasId() ? Long.toString(r.id()) : r.name()).collect(Collectors.joining("|"));
    }

    private static String filters(List<DimensionFilter> filters) {
        if (filters.isEmpty()) {
            return "";
        }
        return " where " + filters.stream().map(f -> f.dimension() + (f.values().size() == 1
                ? (f.negated() ? " != " : " = ") + f.values().get(0)
                : (f.negated() ? " not in (" : " in (") + String.join(", ", f.values()) + ")"))
                .collect(Collectors.joining(" and "));
    }

    static String counting(Counting counting) {
        return counting == Counting.USERS ? "users" : "conversions";
    }

    /** The retention period's name: day, week or month. */
    static String period(RetentionResult result) {
        return result.query().period().name().toLowerCase(Locale.ROOT);
    }

    /** "users" for a retention matrix, "value per user" (or "cumulative value per user") for LTV. */
    static String retentionMeasure(RetentionQuery query) {
        return query.measure() == Measure.USERS ? "users"
                : (query.cumulative() ? "cumulative " : "") + "value per user";
    }

    static boolean isUserRetention(RetentionResult result) {
        return result.query().measure() == Measure.USERS;
    }

    /** Who is on a drill-down list. */
    static String description(UserListResult result) {
        return result.completed() ? "users who completed the funnel"
                : "users who reached step " + result.reachedStep() + " but not step " + (result.reachedStep() + 1);
    }

    /** A paths node's label: the event's name, "other" or "end". */
    static String node(PathNode node) {
        return switch (node.kind()) {
            case EVENT -> node.event();
            case OTHER -> "other";
            case END -> "end";
        };
    }

    /** What a distribution measures: "time from A to the next event" or "… to the next B". */
    static String distributionMeasure(DistributionResult result) {
        return "time from " + result.from() + " to the next " + (result.next().isEmpty() ? "event" : result.next());
    }

    /** A distribution group's name: "all", "reached pay", "did not reach pay". */
    static String group(DistributionResult result, Distribution group) {
        return switch (group.group()) {
            case ALL -> "all";
            case REACHED -> "reached " + result.outcome();
            case NOT_REACHED -> "did not reach " + result.outcome();
        };
    }

    /** A histogram bin's label: "0–1h", "1h–2h", "≥ 3h" (the last bin has no end). */
    static String bin(List<Long> starts, int i) {
        if (i == starts.size() - 1) {
            return "≥ " + duration(starts.get(i));
        }
        return duration(starts.get(i)) + "–" + duration(starts.get(i + 1));
    }

    /** A duration in its largest whole units: 0, 45s, 30m, 3h, 1h30m, 2d, 1d6h. */
    static String duration(long seconds) {
        if (seconds == 0) {
            return "0";
        }
        long[] units = {86_400, 3600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        StringBuilder sb = new StringBuilder();
        long left = seconds;
        int parts = 0;
        for (int u = 0; u < units.length && left > 0 && parts < 2; u++) {
            long n = left / units[u];
            if (n > 0 || parts > 0) {
                if (n > 0) {
                    sb.append(n).append(names[u]);
                }
                left -= n * units[u];
                parts++;
            }
        }
        return sb.toString();
    }

    private static String per(Bucket bucket) {
        return bucket == Bucket.TOTAL ? "" : " per " + bucket.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
