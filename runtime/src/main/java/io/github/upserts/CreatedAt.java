package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the column that holds when the row was inserted, by the database's clock: an insert
 * writes the database's current time, an update never changes it. The entity's value is ignored
 * by writes; methods that return a row read it. Which clock each database uses (the statement's
 * start on every one) is in the README's "Real tables" section.
 *
 * <p>On an {@link java.time.Instant}, {@link java.time.OffsetDateTime} or
 * {@link java.time.LocalDateTime} field; not on a {@link Key @Key} nor with a merge policy.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface CreatedAt {}
