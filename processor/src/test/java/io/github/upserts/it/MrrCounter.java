package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Upsertable;

/** A hit counter the database adds to in the upsert itself (see {@link MergeRulesConcurrencyTest}). */
@Upsertable(table = "mrr_counter")
public record MrrCounter(@Key String id, @MergeWith("{stored} + {incoming}") long hits) {}
