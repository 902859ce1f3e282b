package io.voronka.engine.query;

import java.util.List;

/** How a distribution of durations is cut into histogram bins. */
public sealed interface Binning {
    /** Readable bins chosen from the data: a round width (1 min, 5 min, 1 h, …) with about 20 bins up to the p90. */
    record Auto() implements Binning {
    }

    /** Bins of {@code widthSeconds} from 0 up to the p90 ({@code per hour}, {@code histogram 30m}). */
    record Width(long widthSeconds) implements Binning {
        public Width {
            if (widthSeconds < 1) {
                throw new IllegalArgumentException("a bin width must be at least 1 second, was " + widthSeconds);
            }
        }
    }

    /** About {@code bins} bins of a round width up to the p90 ({@code histogram 12}). */
    record Count(int bins) implements Binning {
        public Count {
            if (bins < 1 || bins > 200) {
                throw new IllegalArgumentException("a histogram needs 1 to 200 bins, was " + bins);
            }
        }
    }

    /** Bins between the given edges in seconds; the last bin is open-ended ({@code histogram 1h, 3h, 1d}). */
    record Edges(List<Long> edgesSeconds) implements Binning {
        public Edges {
            edgesSeconds = List.copyOf(edgesSeconds);
            if (edgesSeconds.isEmpty()) {
                throw new IllegalArgumentException("a histogram needs at least one bin edge");
            }
            for (int i = 1; i < edgesSeconds.size(); i++) {
                if (edgesSeconds.get(i) <= edgesSeconds.get(i - 1)) {
                    throw new IllegalArgumentException("bin edges must grow, but " + edgesSeconds.get(i)
                            + " s follows " + edgesSeconds.get(i - 1) + " s");
                }
            }
        }
    }
}
