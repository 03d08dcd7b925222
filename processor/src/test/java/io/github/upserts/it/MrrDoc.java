package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import io.github.upserts.Version;

/** A document under optimistic locking (see {@link MergeRulesConcurrencyTest}). */
@Upsertable(table = "mrr_doc")
public record MrrDoc(@Key String id, @Version long version, String payload) {}
