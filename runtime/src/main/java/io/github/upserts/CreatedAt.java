package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the column that holds when the row was inserted, by the database's clock: an insert
 * writes the database's current time, an update never changes it. The entity's value is ignored
 * by writes; methods that return a row read it. The clock is the statement's start (PostgreSQL
 * {@code statement_timestamp()}, MariaDB/MySQL {@code UTC_TIMESTAMP(6)} or {@code CURRENT_TIMESTAMP(6)},
 * SQLite {@code 'now'}), the same for every row of one statement; on H2, whose
 * {@code CURRENT_TIMESTAMP} is held for the transaction, the transaction's start.
 *
 * <p>On an {@link java.time.Instant}, {@link java.time.OffsetDateTime} or
 * {@link java.time.LocalDateTime} field; not on a {@link Key @Key} nor with a merge policy.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface CreatedAt {}
