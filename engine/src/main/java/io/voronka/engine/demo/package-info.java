/**
 * The generated demo CRM (requests, calls, lessons, payments, costs) written into a store or into PostgreSQL.
 * May use store and load.
 */
package io.voronka.engine.demo;
