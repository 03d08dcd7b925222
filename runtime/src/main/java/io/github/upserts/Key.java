package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field or record component as part of the entity's unique key: the columns that
 * decide whether an upsert inserts a new row or updates an existing one.
 *
 * <p>Mark every column of one unique constraint (or primary key) of the table, in any order;
 * generated methods take the key values as parameters in the order the fields are declared.
 * Key values must never be {@code null}: a null key never conflicts on PostgreSQL, so it would
 * silently insert duplicates. Generated methods reject it with an
 * {@link IllegalArgumentException} before any SQL runs.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Key {}
