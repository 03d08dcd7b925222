package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A table whose key index is missing, too wide or deferrable (see {@link UniqKeyIndexTest}). */
@Upsertable(table = "uniq_loose")
public record UniqLoose(@Key long id, String email, @Increment long visits) {}
