package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A table of its own for one {@link CatalogTest} test, so that the test's first use reads the catalog. */
@Upsertable(table = "seats")
public record Seat(@Key String code, String holder) {}
