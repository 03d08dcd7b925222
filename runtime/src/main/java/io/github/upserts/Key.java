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
 * Key values must not be {@code null}: a unique index holds nulls distinct, so a null key never
 * conflicts and would silently insert duplicates. Generated methods reject it with an
 * {@link IllegalArgumentException} before any SQL runs. The one exception is a key whose unique
 * index holds nulls equal, PostgreSQL 15+ {@code UNIQUE NULLS NOT DISTINCT} (the key columns' own
 * index, or the one {@code @Upsertable(conflictIndex)} names): there a null is a real key, as the
 * catalog tells at the table's first use, and every method takes it, {@code find} and
 * {@code increment} included, matching the row stored with it ({@code IS NOT DISTINCT FROM}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Key {}
