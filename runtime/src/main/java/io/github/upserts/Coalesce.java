package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column whose stored value is kept when the incoming value is {@code null}: an upsert
 * that meets an existing row writes {@code COALESCE(incoming, stored)}, so a partial update with
 * nulls never wipes stored data. On a column the catalog shows {@code NOT NULL}, a null is left
 * out of the insert (a new row takes the column's default, or fails as the database does without
 * one). PostgreSQL, SQLite and MariaDB/MySQL check a {@code NOT NULL} column without a default on
 * the proposed row before the conflict: there a null in such a column fails even for an existing
 * row; give the column a default or send its value. Not allowed on a primitive (never null) or a
 * {@link Key @Key}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Coalesce {}
