package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One column of every Java type that PostgreSQL batches as an array parameter, two of them in
 * the key, so a bulk write of each type can be checked against a single-row write of it.
 */
@Upsertable(table = "samples")
public record Sample(
    @Key String id,
    @Key LocalDate day,
    short level,
    int count,
    Float ratio,
    Double score,
    Boolean flag,
    BigDecimal amount,
    BigInteger big,
    LocalDateTime localAt,
    LocalTime clock,
    OffsetDateTime offsetAt,
    Instant at,
    UUID ref,
    byte[] blob) {}
