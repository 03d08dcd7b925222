package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;

/**
 * {@link TypedValue} with an enum column besides, which PostgreSQL has no array type for: its
 * bulk writes go as multi-row {@code VALUES} where {@code TypedValue}'s go as arrays.
 */
@Upsertable(table = "typed_value_rows")
public record TypedValueRow(
    @Key String id,
    LocalDate day,
    LocalDateTime localAt,
    Instant at,
    OffsetDateTime offsetAt,
    LocalTime clock,
    OffsetTime clockZone,
    BigDecimal amount,
    Double score,
    Float ratio,
    String text,
    TypedDoc.Mood mood) {}
