package io.voronka.bench;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.store.EventStore;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Funnel time against data size and threads: the seed funnel on in-memory demo stores of 1M, 10M and 100M events
 * with 1 and 2 threads (best of 7 runs after warm-up); prints a table and writes {@code docs/img/scaling.png}.
 * <pre>java -Xmx16g -cp bench/target/benchmarks.jar io.voronka.bench.Scaling [maxEvents]</pre>
 */
public final class Scaling {
    private Scaling() {
    }

    public static void main(String[] args) throws Exception {
        long max = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        List<Long> sizes = new ArrayList<>();
        for (long n = 1_000_000; n <= max; n *= 10) {
            sizes.add(n);
        }
        int[] threadCounts = {1, 2};
        double[][] seconds = new double[threadCounts.length][sizes.size()];
        System.out.printf(Locale.ROOT, "%12s %8s %10s %14s%n", "events", "threads", "best ms", "events/s");
        for (int s = 0; s < sizes.size(); s++) {
            EventStore store = DemoStoreSink.build(42, sizes.get(s), Runtime.getRuntime().availableProcessors());
            for (int t = 0; t < threadCounts.length; t++) {
                try (QueryEngine engine = new QueryEngine(threadCounts[t])) {
                    long best = Long.MAX_VALUE;
                    for (int run = 0; run < 10; run++) {
                        long start = System.nanoTime();
                        engine.execute(KernelBenchmarks.seedFunnel(), store);
                        long took = System.nanoTime() - start;
                        if (run >= 3) {
                            best = Math.min(best, took);
                        }
                    }
                    seconds[t][s] = best / 1e9;
                    System.out.printf(Locale.ROOT, "%,12d %8d %10.1f %14.3g%n", store.eventCount(), threadCounts[t],
                            best / 1e6, store.eventCount() / (best / 1e9));
                }
            }
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title("Seed funnel: time vs events")
                .xAxisTitle("events (millions)").yAxisTitle("seconds").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        double[] x = sizes.stream().mapToDouble(n -> n / 1e6).toArray();
        for (int t = 0; t < threadCounts.length; t++) {
            chart.addSeries(threadCounts[t] + " thread" + (threadCounts[t] > 1 ? "s" : ""), x, seconds[t]);
        }
        Path out = Path.of("docs/img/scaling.png");
        Files.createDirectories(out.getParent());
        javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out.toFile());
        System.out.println("wrote " + out);
    }
}
