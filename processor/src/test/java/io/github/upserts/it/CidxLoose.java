package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A member keyed by email whose only unique index on it is partial, without conflictIndex (see {@link CidxTest}). */
@Upsertable(table = "cidx_loose")
public record CidxLoose(@Key String email, String name) {}
