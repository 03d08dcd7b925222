package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Only key columns: an upsert can only insert or leave the row as it is. */
@Upsertable(table = "tags")
public record Tag(@Key String name) {}
