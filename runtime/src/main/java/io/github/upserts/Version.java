package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the optimistic-locking version column ({@code long}, {@code int}, {@code short} or their
 * wrappers). An upsert carries the version the caller read: it updates an existing row only when
 * the stored version equals it (a stored {@code NULL} counts as {@code 0}, as does an incoming
 * {@code null}), writes the stored version plus one, and reports {@link Outcome#UPDATED};
 * otherwise the row is untouched and the upsert reports {@link Outcome#STALE}: another writer got
 * there first, so read the row again and retry. A new key is inserted with the given version, or
 * with {@code 1} when the given one is {@code 0} or {@code null} (a new object). In one
 * statement, e.g. on PostgreSQL:
 * <pre>
 * INSERT INTO "doc" AS t (..., "version") VALUES (..., CASE WHEN COALESCE(:version, 0) = 0 THEN 1 ELSE :version END)
 * ON CONFLICT ("id") DO UPDATE SET ..., "version" = COALESCE(t."version", 0) + 1
 * WHERE COALESCE(t."version", 0) = COALESCE(:version, 0)
 * </pre>
 *
 * <p>A bulk call writes the rows of such an entity one after another in its transaction, each
 * checked against the version stored then, and counts the stale ones in
 * {@link BatchOutcome#stale()}. At most one per entity; not with {@link NewerWins @NewerWins},
 * not on a {@link Key @Key}, not with another merge policy.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Version {}
