package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Rows written through a view of {@code pass_holders} (see {@link CatalogTest}). */
@Upsertable(table = "passes")
public record Pass(@Key String code, String holder) {}
