package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.math.BigDecimal;

/** A row keyed by a decimal its table rounds to two places; {@link KeyEqualityTest} alone uses it. */
@Upsertable(table = "keq_amounts")
public record KeqAmount(@Key BigDecimal amount, String label) {}
