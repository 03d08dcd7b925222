package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.LocalDate;

/** A date in the key and an enum, which PostgreSQL batches as multi-row {@code VALUES}. */
@Upsertable(table = "typed_visits")
public record TypedVisit(@Key LocalDate day, @Key String page, TypedDoc.Mood mood) {}
