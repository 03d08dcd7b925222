package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A word keyed in a collation that equates more than letter case; {@link KeyEqualityTest} alone uses it. */
@Upsertable(table = "keq_words")
public record KeqWord(@Key String word, String label) {}
