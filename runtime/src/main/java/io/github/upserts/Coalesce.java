package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column whose stored value is kept when the incoming value is {@code null}: an upsert
 * that meets an existing row writes {@code COALESCE(incoming, stored)}, so a partial update with
 * nulls never wipes stored data. On a column the catalog shows {@code NOT NULL}, a null is never
 * written: with a default, the column is left out of the insert (a new row takes the default);
 * without one, the insert proposes the stored value of the row with the same key, read by a
 * subquery in the same statement ({@code (SELECT c FROM t WHERE k = :k FOR KEY SHARE)} on
 * PostgreSQL), and the update leaves the column alone. PostgreSQL, SQLite and MariaDB/MySQL check
 * {@code NOT NULL} on the proposed row before they look for the conflict: so an existing row passes
 * and keeps its value, single-row and bulk, and a new row with a null fails with the database's
 * {@code NOT NULL} error (a bulk call as a whole). The stored row is read as the conflict target
 * finds it and locked ({@code FOR UPDATE} on MariaDB/MySQL): a row deleted concurrently counts as
 * absent; a row inserted by a transaction not yet committed when the statement reads is not seen,
 * and the write fails as if it ran first. Needs the catalog (read by default). Not allowed on a
 * primitive (never null) or a {@link Key @Key}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Coalesce {}
