package io.github.upserts.it;

import io.github.upserts.DefaultIfNull;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A @DefaultIfNull column that is NOT NULL without a default (see {@link BrkDefaultsTest}). */
@Upsertable(table = "brk_nodef")
public record BrkNoDefault(@Key String email, @DefaultIfNull String status) {}
