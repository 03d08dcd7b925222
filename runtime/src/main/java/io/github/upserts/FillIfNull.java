package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column whose stored value is kept unless it is {@code NULL}: an upsert that meets an
 * existing row writes {@code COALESCE(stored, incoming)}, so the first non-null value written
 * stays (the reverse of {@link Coalesce @Coalesce}, which keeps the stored value only when the
 * incoming one is null). A new row is inserted with the incoming value. Not on a {@link Key @Key}
 * or with another merge policy. Rows of one bulk call with the same key merge alike (the first
 * non-null wins).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface FillIfNull {}
