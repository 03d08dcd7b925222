package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column that takes its database default when the entity's value is {@code null}: the
 * insert leaves the column out (so {@code DEFAULT now()}, {@code DEFAULT 'active'}, a sequence,
 * apply exactly as the database defines them), and an update that meets an existing row keeps the
 * stored value. A non-null value is written and merged like any other ({@link Coalesce @Coalesce},
 * {@link Max @Max}, ... apply). Single-row and bulk writes alike: a bulk chunk whose rows differ in
 * which such columns are null is written as one statement per combination, in key order, in
 * the call's transaction.
 *
 * <p>Not allowed on a primitive (never null) or a {@link Key @Key}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface DefaultIfNull {}
