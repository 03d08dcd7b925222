package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A table whose primary key is DEFERRABLE, which ON CONFLICT cannot use (see {@link CatalogTest}). */
@Upsertable(table = "tickets")
public record Ticket(@Key String code, String holder) {}
