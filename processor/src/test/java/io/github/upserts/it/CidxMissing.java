package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A conflictIndex naming an index that is missing or not unique (see {@link CidxTest}). */
@Upsertable(table = "cidx_missing", conflictIndex = "cidx_missing_email")
public record CidxMissing(@Key String email, String name) {}
