package io.voronka.engine.load;

import io.voronka.engine.config.CostsConfig;

/**
 * Reads marketing spend from one kind of {@link io.voronka.engine.config.SourceLocation} (constructed with it):
 * each row's group, date and amount go to {@link CostRows#add}; rows with a NULL group, date or amount are left
 * out. Failures are one-line {@link LoadException}s starting with {@code costs: }.
 */
public interface CostsReader {
    void read(CostsConfig costs, CostRows rows);
}
