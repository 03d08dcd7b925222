package io.github.upserts.it;

import io.github.upserts.Coalesce;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** {@code @Coalesce} on NOT NULL columns, one with a default (see {@link ClkDefaultsTest}). */
@Upsertable(table = "clk_partial")
public record ClkPartial(@Key String id, @Coalesce String name, @Coalesce Integer score, String note) {}
