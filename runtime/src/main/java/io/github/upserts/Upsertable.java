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
 * index, or be the primary key) in the database.
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
   * Empty (the default): the unique index on exactly the {@link Key @Key} columns. The index's
   * columns and the columns its expressions read must be {@code @Key} fields.
   *
   * <p>PostgreSQL and SQLite target one index; MariaDB/MySQL and H2 cannot, and accept only an
   * index on exactly the key columns (any other is refused at first use, saying so).
   */
  String conflictIndex() default "";
}
