package io.voronka.engine.result;

import java.util.List;

/** Funnel counts for one time bucket ({@code bucket} is its label, e.g. {@code 2021-03-07}, {@code Mon}, {@code 14}). */
public record FunnelTrendRow(String bucket, List<Long> reached) implements java.io.Serializable {
    public FunnelTrendRow {
        reached = List.copyOf(reached);
    }
}
