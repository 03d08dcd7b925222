/**
 * The neutral upsert plan ({@link io.github.upserts.sql.UpsertPlan}), its expression nodes, the
 * spelling of the nodes each database writes differently, and the renderers of the three SQL
 * families: {@code ON CONFLICT}, {@code ON DUPLICATE KEY UPDATE} and {@code MERGE}. Public for
 * dialects written outside this library; not needed to use generated DAOs.
 */
package io.github.upserts.sql;
