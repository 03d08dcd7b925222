package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity (a record, a class with accessible fields, or a JavaBean) for which the
 * Upserts annotation processor generates a DAO named {@code <Entity>Upserts} in the same
 * package.
 *
 * <p>Every generated method runs a single atomic SQL statement ({@code INSERT ... ON CONFLICT
 * ... DO UPDATE} on PostgreSQL), so concurrent callers writing the same key never lose an
 * update, never create a duplicate row and never see a unique-violation error.
 *
 * <pre>{@code
 * @Upsertable(table = "page_views")
 * public record PageView(@Key String page, @Key LocalDate day, @Increment long views, Instant lastSeen) {}
 * }</pre>
 *
 * <p>The columns of the {@link Key @Key} fields must carry a unique constraint (or a unique
 * index, or be the primary key) in the database; a partial or expression unique index is named
 * with {@link #conflictIndex()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Upsertable {

  /**
   * The table name, used verbatim (quoted in SQL, so it is case-sensitive on PostgreSQL).
   * Empty (the default): the entity's simple name in snake_case ({@code PageView} becomes
   * {@code page_view}).
   */
  String table() default "";

  /** The schema the table lives in; empty (the default) leaves it to the connection's search path. */
  String schema() default "";

  /**
   * When true, an upsert that would not change any column of the existing row writes nothing
   * (no new row version, no trigger run) and reports {@link Outcome#UNCHANGED}. Costs one
   * comparison per upsert; off by default.
   */
  boolean skipUnchanged() default false;

  /**
   * The unique index or constraint that decides whether a row exists: the conflict target (the
   * arbiter index) of every upsert, and how {@code find}, {@code getOrInsert} and every read-back
   * match a row. Its definition is read from the catalog: columns, expressions such as
   * {@code lower(email)}, and a partial index's predicate such as {@code WHERE deleted_at IS NULL}.
   * Empty (the default): the unique index on exactly the {@link Key @Key} columns. The columns
   * the index reads (its column parts and those its expressions name) must be exactly the
   * {@code @Key} columns; its predicate may read any column.
   *
   * <p>PostgreSQL renders it as {@code ON CONFLICT ("email") WHERE (deleted_at IS NULL)} or
   * {@code ON CONFLICT ((lower(email)))}, SQLite alike; a read by key compares the index's parts
   * over the stored row with the same parts over the given key, and adds the predicate
   * ({@code find("ANN@x")} finds {@code Ann@X} under {@code lower(email)}; a soft-deleted row is
   * never found nor written). Rows of one batch that the index holds equal are one key, merged as
   * if written one after another (for an expression part that reads one key column).
   * MariaDB/MySQL and H2 cannot target one index: they accept only the plain unique index on
   * exactly the key columns (which they use anyway), and refuse any other at first use, saying so.
   *
   * <p>An index that does not exist, is not unique, or reads other columns than the key is refused
   * at first use with a {@link SchemaMismatchException} saying what to change, and reported by
   * {@code verifySchema}. The definition is read from the catalog: with catalog reading off the
   * statements name the key columns, which the database refuses for a partial or expression index.
   * Key values must not be null, even under PostgreSQL's {@code NULLS NOT DISTINCT}.
   */
  String conflictIndex() default "";

  /**
   * A SQL condition on the stored and the incoming row under which an upsert may update an
   * existing row; when it is not true (false or {@code NULL}) the row is untouched and the upsert
   * reports {@link Outcome#SKIPPED}, single-row and bulk: {@code "{stored.status} <> 'locked'"}.
   * Placeholders name columns by their Java field name: {@code {stored.field}} (the existing
   * row's value) and {@code {incoming.field}} (the upserted row's), rendered per database as
   * {@link MergeWith @MergeWith} renders them. PostgreSQL and SQLite put it in
   * {@code ON CONFLICT ... DO UPDATE ... WHERE}, H2 in {@code WHEN MATCHED AND}, MariaDB/MySQL in
   * each assignment's {@code IF}. Empty (the default): always. Rows of one bulk call with the same
   * key are written in rounds of distinct keys, as if one after another.
   */
  String updateWhen() default "";
}
