package io.voronka.server;

import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;

import java.util.Locale;

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
                return query.measure().name().toLowerCase(Locale.ROOT) + " by " + query.dimension();
            }
        });
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

    private static String per(Bucket bucket) {
        return bucket == Bucket.TOTAL ? "" : " per " + bucket.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
