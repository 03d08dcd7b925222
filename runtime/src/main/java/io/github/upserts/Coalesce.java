package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column whose stored value is kept when the incoming value is {@code null}: an upsert
 * that meets an existing row writes {@code COALESCE(incoming, stored)}, so a partial update with
 * nulls never wipes stored data. Not allowed on a primitive (never null) or a {@link Key @Key}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Coalesce {}
