package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the column that holds when the row last changed, by the database's clock: an insert
 * writes the database's current time, and so does an update that changes some other column; an
 * update that changes nothing, or is skipped ({@link NewerWins @NewerWins},
 * {@link Upsertable#skipUnchanged()}), leaves it as it was. It never moves backwards: an update
 * writes the later of the clock and the stored time. The clock is {@link CreatedAt}'s. The entity's
 * value is ignored by writes; methods that return a row read it.
 *
 * <p>On an {@link java.time.Instant}, {@link java.time.OffsetDateTime} or
 * {@link java.time.LocalDateTime} field; not on a {@link Key @Key} nor with a merge policy.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface UpdatedAt {}
