/**
 * The demo CRM data set: a seeded generator writing PostgreSQL tables or straight into a store builder.
 * Uses {@code store}, {@code load} (zone offsets), the JDK and the PostgreSQL driver.
 */
package io.voronka.engine.demo;
