package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import io.github.upserts.Version;

/** A boxed, nullable version: a null, given or stored, counts as 0. */
@Upsertable(table = "mrc_rev")
public record MrcRev(@Key String id, String body, @Version Long version) {}
