package io.voronka.server;

import io.voronka.engine.result.QueryResult;

/** A report run now: its definition, the result, a one-paragraph summary and the chart. */
public record RenderedReport(ReportDefinition definition, QueryResult result, String summary, byte[] png) {
}
