package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a numeric column as a counter: when an upsert meets an existing row, the stored value
 * grows by the incoming value ({@code col = col + incoming}) instead of being overwritten.
 * A stored {@code NULL} counts as zero, and so does an incoming {@code null}.
 *
 * <p>Allowed on {@code short}, {@code int}, {@code long}, {@code float}, {@code double}, their
 * boxed types, {@link java.math.BigInteger} and {@link java.math.BigDecimal}; not on a
 * {@link Key @Key}. For each such field the generated DAO also has an {@code increment<Field>}
 * method that adds a delta atomically and returns the new stored value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Increment {}
