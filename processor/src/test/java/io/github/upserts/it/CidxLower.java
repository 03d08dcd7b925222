package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A member whose email is unique in any letter case: a unique index on {@code lower(email)} (see {@link CidxTest}). */
@Upsertable(table = "cidx_lower", conflictIndex = "cidx_lower_email")
public record CidxLower(@Key String email, String name, @Increment long visits) {}
