package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column that keeps the smaller of the stored and the incoming value (numbers and points in
 * time: {@code Instant}, {@code LocalDate}, {@code LocalDateTime}, {@code LocalTime},
 * {@code OffsetDateTime}, {@code OffsetTime}, {@code ZonedDateTime}, {@code java.util.Date} and
 * its {@code java.sql} subclasses). A {@code null} on either side keeps the other value, on every
 * database. Not allowed on a {@link Key @Key}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Min {}
