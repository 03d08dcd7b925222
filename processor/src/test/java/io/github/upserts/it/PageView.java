package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;
import java.time.LocalDate;

/** A record with a composite key, a counter and a timestamp. */
@Upsertable(table = "page_views")
public record PageView(@Key String page, @Key LocalDate day, @Increment long views, Instant lastSeen) {}
