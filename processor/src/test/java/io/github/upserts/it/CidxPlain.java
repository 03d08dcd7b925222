package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A conflictIndex naming the plain unique index on exactly the key, accepted everywhere (see {@link CidxTest}). */
@Upsertable(table = "cidx_plain", conflictIndex = "cidx_plain_email")
public record CidxPlain(@Key String email, String name, @Increment long visits) {}
