package io.voronka.dsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors say where (1-based line and column), what was found, what was expected, and a hint. */
class QueryErrorTest {
    private static final Catalog CATALOG = SeedCatalog.catalog();

    /** QuestDB-style: the error is at {@code line}:{@code column} and its message contains every part. */
    private static QueryException assertQueryError(String query, int line, int column, String... messageParts) {
        return assertQueryError(CATALOG, query, line, column, messageParts);
    }

    /** The same against another catalog (e.g. one that knows dimension values). */
    static QueryException assertQueryError(Catalog catalog, String query, int line, int column,
                                           String... messageParts) {
        QueryException error = assertThrows(QueryException.class, () -> QueryParser.parse(query, catalog));
        assertEquals(line + ":" + column, error.line() + ":" + error.column(), error.getMessage());
        for (String part : messageParts) {
            assertTrue(error.getMessage().contains(part), "missing '" + part + "' in:\n" + error.getMessage());
        }
        return error;
    }

    private static QueryException assertSyntaxError(String query, int column, String... messageParts) {
        return assertQueryError(query, 1, column, messageParts);
    }

    @Test
    void misspeltKeywordIsReportedWithWhatMayFollowAndASuggestion() {
        QueryException error = assertSyntaxError("3 > 4 withn 14d", 7, "unexpected 'withn'",
                "'>' and the next step", "'|' and another event", "the end of the query", "did you mean 'within'?");
        assertEquals("withn", error.offendingToken());
        assertEquals("did you mean 'within'?", error.hint());
        assertEquals("3 > 4 withn 14d\n      ^^^^^", error.preview());
        assertTrue(error.expected().stream().noneMatch(word -> word.contains("{") || word.contains("WITHIN")),
                error.expected().toString());
    }

    @Test
    void leftoverTokensAfterACompleteQueryAreRejected() {
        assertSyntaxError("3 > 4 > 7 within 14d 7", 22, "unexpected '7'", "the end of the query");
        assertSyntaxError("users of 3 per day last 7d )", 28, "unexpected ')'", "the end of the query");
    }

    @Test
    void missingStepAfterArrow() {
        QueryException error = assertSyntaxError("3 > 4|13 >", 11, "the query ends too early",
                ExpectedTokens.AN_EVENT);
        assertEquals("", error.offendingToken());
        assertSyntaxError("3 > > 7", 5, "unexpected '>'", ExpectedTokens.AN_EVENT);
        assertSyntaxError("3 > 4| > 7", 8, "unexpected '>'", ExpectedTokens.AN_EVENT);
    }

    @Test
    void emptyQuery() {
        assertSyntaxError("  ", 3, "the query is empty", ExpectedTokens.AN_EVENT, "users", "retention");
    }

    @Test
    void unterminatedQuote() {
        QueryException error = assertSyntaxError("3 > \"Создание заявки > 7", 5, "a quote that is never closed");
        assertEquals("close it with the quote it starts with: \"Создание заявки > 7\"", error.hint());
    }

    @Test
    void strayCharacter() {
        assertSyntaxError("3 > 4 @ 7", 7, "unexpected character '@'", "names with spaces or other characters go in quotes");
    }

    @Test
    void numberWithoutUnitWhereADurationBelongs() {
        QueryException error = assertSyntaxError("3 > 4 > 7 within 14", 18, "unexpected '14'", "a duration like 14d");
        assertEquals("add a unit to the number: 14d (s, m or min, h, d, w)", error.hint());
    }

    @Test
    void missingToInARange() {
        assertSyntaxError("3 > 4 from 2021-03-07 2021-03-13", 23, "unexpected '2021-03-13'", "expected 'to'");
    }

    @Test
    void unknownEventNameSuggestsTheClosestNames() {
        QueryException error = assertSyntaxError("3 > pya", 5, "unknown event name 'pya'");
        assertEquals("did you mean 'pay'?", error.hint());
        assertSyntaxError("3 > \"Создане заявки\"", 5, "unknown event name 'Создане заявки'",
                "did you mean 'Создание заявки'?");
        assertSyntaxError("3 > first_line_cal", 5, "did you mean 'first_line_call'");
    }

    @Test
    void unknownEventIdListsTheIdsThereAre() {
        QueryException error = assertSyntaxError("3 > 4|12 > 7", 7, "unknown event id 12",
                "an event id from the data: 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13");
        assertEquals("12", error.offendingToken());
    }

    @Test
    void unknownDimensionListsTheDimensionsThereAre() {
        assertSyntaxError("3 > 4 by utm_sourse", 10, "unknown dimension 'utm_sourse'",
                "one of the dimensions: utm_source, device", "did you mean 'utm_source'?");
        assertSyntaxError("users per day where colour = 'red'", 21, "unknown dimension 'colour'", "operator_group");
    }

    @Test
    void windowAndLimitsMustBePositive() {
        assertSyntaxError("3 > 4 within 0d", 14, "the window must be longer than 0");
        assertSyntaxError("3 > 4 within 0s > 7", 14, "a step's time limit must be longer than 0");
        assertSyntaxError("users of 3 per day last 0d", 25, "last needs at least 1 day");
        assertSyntaxError("users of 3 per day last 12h", 25, "last counts whole days", "7d or 2w");
    }

    @Test
    void rangeThatEndsBeforeItStarts() {
        assertSyntaxError("3 > 4 from 2021-03-13 to 2021-03-07", 26,
                "the range ends (2021-03-07) before it starts (2021-03-13)", "swap the two dates");
        assertSyntaxError("3 > 4 on 2021-02-30", 10, "there is no date 2021-02-30");
    }

    @Test
    void stepNumbersOutOfRange() {
        assertSyntaxError("3 > 4|13 > 7 exclude 11 between 2 and 4", 39, "exclusion step 4 is past the last step",
                "a step number from 1 to 3");
        assertSyntaxError("3 > 4|13 > 7 exclude 11 between 2 and 2", 39, "second step must come after its first");
        assertSyntaxError("3 > 4 by product at step 3", 26, "breakdown step 3 is past the last step");
        assertSyntaxError("3 > 4 drill 0", 13, "drill-down step must be at least 1");
        assertSyntaxError("3 > 4 drill 2 limit 0", 21, "the limit must be at least 1");
        assertSyntaxError("3 exclude 11", 3, "an exclusion needs two steps");
    }

    @Test
    void clauseGivenTwice() {
        assertSyntaxError("3 > 4 within 7d trend day within 14d", 27, "the window is given twice (first at 1:7)");
        assertSyntaxError("3 > 4 last 7d on 2021-03-13", 15, "the date range is given twice");
        assertSyntaxError("users per day where device = 'touch' per week", 38, "the bucket is given twice");
    }

    @Test
    void stepsComeBeforeClauses() {
        assertSyntaxError("3 > 4 trend day > 7", 17, "a step after a clause", "from 'trend' on");
        assertSyntaxError("3 within 1h > 4", 3, "the first step has no previous step");
    }

    @Test
    void anyOrderRejectsExclusionsAndStepLimits() {
        assertSyntaxError("3 > 4 > 7 any order exclude 11", 21, "exclusions need an ordered mode", "'any order' (at 1:11)");
        assertSyntaxError("3 > 4 within 1h > 7 any order", 7, "per-step time limits need an ordered mode");
    }

    @Test
    void anyOrderRejectsWhatNeedsAnOrderOfSteps() {
        assertSyntaxError("3 > 4 > 7 any order count conversions", 21, "counting conversions needs an ordered mode",
                "'any order' (at 1:11)");
        assertSyntaxError("3 > 4 > 7 any order times", 21, "times between steps need an ordered mode");
        assertSyntaxError("3 > 4 > 7 any order by utm_source at step 2", 21, "a breakdown at a step needs an ordered mode",
                "first touch");
    }

    @Test
    void drillDownOfConversionsIsRejectedBecauseItListsUsers() {
        assertSyntaxError("3 > 4 count conversions drill 1", 25, "a drill-down lists users",
                "'count conversions' (at 1:7)");
    }

    @Test
    void trendByBelongsRightAfterTheTrend() {
        assertSyntaxError("3 > 4 by completion", 7, "'by completion' says which day a trend uses");
        assertSyntaxError("3 > 4 trend day by", 19, "the query ends too early", "a dimension name", "entry, completion");
        assertSyntaxError("3 > 4 trend total", 13, "a trend needs a time bucket");
    }

    @Test
    void metricAndRetentionRules() {
        assertSyntaxError("cumulative users of 3 per weekday", 27, "cumulative needs a calendar bucket");
        assertSyntaxError("sum of pay change", 12, "change compares each bucket");
        assertSyntaxError("ltv of 3 per month", 1, "ltv needs the events whose values add up", "value");
        assertSyntaxError("ltv of 3 return 7", 10, "ltv adds up the values of its 'value' events");
        assertSyntaxError("retention of 3 value pay", 16, "'value' belongs to ltv");
        assertSyntaxError("retention of 3 per hour", 20, "retention periods are days, weeks or months");
        assertSyntaxError("retention of 3 per week 1001", 25, "at most 1000 periods");
        assertSyntaxError("cumulative foo", 12, "unexpected 'foo'", "users", "ltv");
    }

    @Test
    void errorOnTheSecondLineOfAMultiLineQuery() {
        QueryException error = assertQueryError("3 > 4|13\n  > 7 withn 14d\n  by utm_source", 2, 7,
                "2:7: unexpected 'withn'", "did you mean 'within'?");
        assertEquals("  > 7 withn 14d\n      ^^^^^", error.preview());
        assertQueryError("3 > 4\r\n> pya", 2, 3, "unknown event name 'pya'");
    }

    @Test
    void overLongInputStatesTheLimitAndTheLength() {
        String text = "3 > 4 " + " ".repeat(QueryParser.MAX_QUERY_LENGTH);
        QueryException error = assertSyntaxError(text, QueryParser.MAX_QUERY_LENGTH + 1,
                "the query is " + text.length() + " characters long", "limit of 4096");
        assertTrue(error.preview().length() < 300, "preview is cut around the position");
    }

    @Test
    void messageIsOneParagraphWithPositionExpectationPreviewAndHint() {
        QueryException error = assertThrows(QueryException.class, () -> QueryParser.parse("3 > pya", CATALOG));
        assertEquals("""
                1:5: unknown event name 'pya'; expected an event name or alias from the dictionary.
                    3 > pya
                        ^^^
                did you mean 'pay'?""", error.getMessage());
    }
}
