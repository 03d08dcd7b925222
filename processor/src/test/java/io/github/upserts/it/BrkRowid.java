package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A generated id plus a natural key, for bulk returning (see {@link BrkUsersTest}). */
@Upsertable(table = "brk_rowid")
public record BrkRowid(@DatabaseGenerated Long id, @Key String email, String name) {}
