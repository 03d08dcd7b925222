package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.OffsetTime;

/** An {@code OffsetTime} column alone, of {@link TypedValue}'s table shape, batched as an array on PostgreSQL. */
@Upsertable(table = "typed_value_clocks")
public record TypedValueClock(@Key String id, OffsetTime clockZone) {}
