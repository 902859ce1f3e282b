package io.voronka.engine.query;

/** Marketing efficiency and spend per acquisition group. */
public enum AcquisitionMeasure {
    /** Customer acquisition cost: spend / new customers. */
    CAC,
    /** Return on investment: (revenue from the new customers − spend) / spend. Before 2026-11 this was "romi". */
    ROI,
    /** Return on marketing investment as seed 003 defines it: LTV / CAC over a horizon in calendar months. */
    ROMI,
    /** Marketing spend per group and bucket. */
    SPEND,
    /** Each group's share of the bucket's spend. */
    SPEND_SHARE;

    /** Whether the measure counts customers from purchase events (CAC, ROI, ROMI) rather than only spend. */
    public boolean needsPurchases() {
        return this == CAC || this == ROI || this == ROMI;
    }
}
