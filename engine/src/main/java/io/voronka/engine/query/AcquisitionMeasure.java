package io.voronka.engine.query;

/** Marketing efficiency per acquisition group. */
public enum AcquisitionMeasure {
    /** Customer acquisition cost: spend / new customers. */
    CAC,
    /** Return on marketing investment: (revenue from the new customers − spend) / spend. */
    ROMI
}
