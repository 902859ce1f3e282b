package io.voronka.engine.result;

import java.util.List;

/**
 * The groups compared with each other in one bucket: those sharing the earlier breakdown levels {@code parent}
 * (empty for a one-level breakdown). {@code chiSquare}, {@code degreesOfFreedom}, {@code pValue}: Pearson's test of
 * independence over all of them (does the rate differ between the groups at all); NaN when it cannot be made.
 */
public record GroupFamily(String bucket, List<String> parent, int groups, double chiSquare, int degreesOfFreedom,
                          double pValue) {
    public GroupFamily {
        parent = List.copyOf(parent);
    }
}
