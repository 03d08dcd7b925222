package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import io.github.upserts.Version;

/** A document under optimistic locking. */
@Upsertable(table = "mrc_doc")
public record MrcDoc(@Key String id, String body, @Version long version) {}
