package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A counter per name, for {@link ListenerTest}: the table is its own ({@code mtr_} prefix). */
@Upsertable(table = "mtr_hits")
public record MtrHit(@Key String name, @Increment long hits, String note) {}
