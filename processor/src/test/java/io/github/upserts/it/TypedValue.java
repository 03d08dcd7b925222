package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * One column of each Java type whose values have edges (eras, precision, special values), keyed
 * by text; all of them types PostgreSQL batches as arrays.
 */
@Upsertable(table = "typed_values")
public record TypedValue(
    @Key String id,
    LocalDate day,
    LocalDateTime localAt,
    Instant at,
    OffsetDateTime offsetAt,
    LocalTime clock,
    BigDecimal amount,
    Double score,
    Float ratio,
    String text) {}
