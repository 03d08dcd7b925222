package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** An instant that may predate the Gregorian calendar's adoption; {@link CalendarTest} alone uses it. */
@Upsertable(table = "calendar_instants")
public record CalendarInstant(@Key String id, Instant at) {}
