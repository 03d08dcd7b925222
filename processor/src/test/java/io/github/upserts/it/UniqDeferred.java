package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A table whose primary key is DEFERRABLE (see {@link UniqKeyIndexTest}). */
@Upsertable(table = "uniq_deferred")
public record UniqDeferred(@Key long id, String email, @Increment long visits) {}
