package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.dsl.grammar.VoronkaQueryParser.AgeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PeriodClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.RetentionBreakdownClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.RetentionClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.RetentionQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.RetentionRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.RetentionWhereClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ReturnClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ValueClauseContext;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.UserFilter;
import org.antlr.v4.runtime.ParserRuleContext;

import java.util.List;
import java.util.Optional;

/**
 * Turns {@code retention of 3 return 7 per week 8} and {@code ltv of 3 value pay per month 6} (or {@code per month age 6 months}) into a
 * {@link RetentionQuery}. Without {@code return}, users return by doing a cohort event again; without {@code per},
 * periods are weeks; without a count, there are {@value #DEFAULT_PERIODS}.
 */
final class RetentionConverter {
    static final int DEFAULT_PERIODS = 12;
    static final int MAX_PERIODS = 1000;

    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;
    private final SourceText source;

    RetentionConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
        this.source = reader.source();
    }

    RetentionQuery convert(RetentionQueryContext ctx, boolean cumulativeWritten, ParserRuleContext whole)
            throws QueryException {
        boolean ltv = ctx.kind.getType() == VoronkaQueryLexer.LTV;
        List<EventRef> cohort = lookup.events(ctx.events());
        List<EventRef> returning = ltv ? null : cohort;
        Bucket period = Bucket.WEEK;
        int periods = DEFAULT_PERIODS;
        DateRange range = DateRange.all();
        Optional<String> breakdown = Optional.empty();
        AgeClauseContext ageAt = null;
        UserFilter users = UserFilter.NONE;
        for (RetentionClauseContext clause : ctx.retentionClause()) {
            if (clause instanceof ReturnClauseContext returned) {
                if (ltv) {
                    throw source.errorAt(clause, "ltv adds up the values of its 'value' events", List.of(),
                            "write: value pay");
                }
                reader.once("the return events", clause);
                returning = lookup.events(returned.events());
            } else if (clause instanceof ValueClauseContext valued) {
                if (!ltv) {
                    throw source.errorAt(clause, "retention counts returning users; 'value' belongs to ltv",
                            List.of(), "write: return 7");
                }
                reader.once("the value events", clause);
                returning = lookup.events(valued.events());
            } else if (clause instanceof PeriodClauseContext per) {
                reader.once("the period", clause);
                period = period(per);
                periods = per.periods == null ? DEFAULT_PERIODS : periods(per);
            } else if (clause instanceof AgeClauseContext age) {
                reader.once("the age in months", clause);
                ageAt = age;
            } else if (clause instanceof RetentionRangeClauseContext ranged) {
                reader.once("the date range", clause);
                range = reader.range(ranged.dateRange());
            } else if (clause instanceof RetentionWhereClauseContext where) {
                reader.once("the filter", clause);
                users = conditions.users(where.conditions(), ctx.kind.getText());
            } else {
                reader.once("the breakdown", clause);
                breakdown = Optional.of(lookup.dimension(((RetentionBreakdownClauseContext) clause).dimension()));
            }
        }
        if (ageAt != null) {
            PeriodClauseContext per = perAt(ctx);
            if (per != null && period != Bucket.MONTH) {
                throw source.errorAt(ageAt, "an age in months needs monthly cohorts", List.of(), "write: per month");
            }
            if (per != null && per.periods != null) {
                throw source.errorAt(ageAt, "the number of months is given twice (also at " + per.periods.getLine()
                        + ":" + (per.periods.getCharPositionInLine() + 1) + ")", List.of(), "keep one of them");
            }
            period = Bucket.MONTH;
            periods = reader.positiveNumber(ageAt.INT().getSymbol(), "the age in months");
            if (periods > MAX_PERIODS) {
                throw source.errorAt(ageAt.INT().getSymbol(), "at most " + MAX_PERIODS + " months, was " + periods,
                        List.of(), "");
            }
        }
        if (returning == null) {
            throw source.errorAt(ctx.kind, "ltv needs the events whose values add up",
                    List.of("'value' and the events, like: ltv of 3 value pay"), "");
        }
        List<EventRef> returnEvents = returning;
        Bucket finalPeriod = period;
        int finalPeriods = periods;
        DateRange finalRange = range;
        Optional<String> finalBreakdown = breakdown;
        UserFilter finalUsers = users;
        Measure measure = ltv ? Measure.SUM : Measure.USERS;
        boolean cumulative = ltv || cumulativeWritten;
        return reader.built(whole, () -> new RetentionQuery(cohort, returnEvents, finalPeriod, finalPeriods,
                finalRange, measure, cumulative, finalBreakdown, finalUsers));
    }

    private static PeriodClauseContext perAt(RetentionQueryContext ctx) {
        for (RetentionClauseContext clause : ctx.retentionClause()) {
            if (clause instanceof PeriodClauseContext per) {
                return per;
            }
        }
        return null;
    }

    private Bucket period(PeriodClauseContext per) throws QueryException {
        Bucket bucket = ClauseReader.bucket(per.bucket());
        if (bucket != Bucket.DAY && bucket != Bucket.WEEK && bucket != Bucket.MONTH) {
            throw source.errorAt(per.bucket(), "retention periods are days, weeks or months",
                    List.of("day, week or month"), "");
        }
        return bucket;
    }

    private int periods(PeriodClauseContext per) throws QueryException {
        int periods = reader.positiveNumber(per.periods, "the number of periods");
        if (periods > MAX_PERIODS) {
            throw source.errorAt(per.periods, "at most " + MAX_PERIODS + " periods, was " + periods, List.of(), "");
        }
        return periods;
    }
}
