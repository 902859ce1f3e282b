package io.voronka.server;

import java.util.List;

/**
 * The seed documents' daily metrics as named queries: used by {@code demo} and by a configuration without a
 * {@code reports} section. Seed 000: conversion request → first-line contact → intro lesson, requests (DAU) and
 * revenue with day-over-day change; seed 001: intro lessons booked by the first line, payments after the intro
 * lesson without the second line, payments after the second line.
 */
public final class DefaultReports {
    private DefaultReports() {
    }

    public static List<ReportDefinition> seed() {
        return List.of(
                new ReportDefinition("conversion", "Request → first-line contact → intro lesson, last 7 days",
                        "3 > 4|13 > 7 within 14d last 7d trend day", "line", true),
                new ReportDefinition("requests", "Unique users who created a request, per day",
                        "users of 3 per day last 7d change", "bar", true),
                new ReportDefinition("revenue", "Daily revenue, RUB",
                        "sum of pay per day last 7d where currency = 'RUB' change", "bar", true),
                new ReportDefinition("first_line", "Intro lessons booked by the first line, per day",
                        "1|4|13 > 5 within 1d last 7d trend day by completion", "bar", false),
                new ReportDefinition("methodologists", "Payments after the intro lesson without the second line",
                        "7 > pay within 14d exclude 8|9 between 1 and 2 last 7d trend day by completion", "bar",
                        false),
                new ReportDefinition("second_line", "Payments after the second line got involved",
                        "8|9 > pay within 14d last 7d trend day by completion", "bar", false));
    }
}
