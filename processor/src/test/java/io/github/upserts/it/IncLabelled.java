package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/**
 * A counter beside a column that its table makes {@code NOT NULL} without a default (see
 * {@link IncRequiredColumnTest}): the increment does not write {@code label}.
 */
@Upsertable(table = "inc_labelled")
public record IncLabelled(@Key String id, @Increment long hits, String label) {}
