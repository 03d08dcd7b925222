/**
 * The table as the database has it: one {@link io.github.upserts.schema.Catalog} per database
 * reads a {@link io.github.upserts.schema.CatalogTable}, and
 * {@link io.github.upserts.schema.SchemaVerifier} checks an entity against it the same way on
 * every database.
 */
package io.github.upserts.schema;
