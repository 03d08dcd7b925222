package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A conflictIndex naming a unique index on more than the key (see {@link CidxTest}). */
@Upsertable(table = "cidx_wide", conflictIndex = "cidx_wide_email_name")
public record CidxWide(@Key String email, String name) {}
