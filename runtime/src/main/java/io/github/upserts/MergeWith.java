package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column that an upsert meeting an existing row sets to a SQL expression of the stored
 * and the incoming row, in the same atomic statement:
 * {@code @MergeWith("{stored} || ',' || {incoming}")}, {@code @MergeWith("{stored} + 2 * {incoming}")}.
 *
 * <p>Placeholders, each rendered for the database at hand:
 * <ul>
 *   <li>{@code {stored}}: this column's value in the existing row ({@code t."c"}; MariaDB/MySQL {@code `t`.`c`});</li>
 *   <li>{@code {incoming}}: this column's value in the row being upserted ({@code EXCLUDED."c"} on
 *       PostgreSQL and SQLite, {@code VALUES(`c`)} on MariaDB/MySQL, the bound parameter or the
 *       {@code MERGE} source row on H2);</li>
 *   <li>{@code {stored.field}} and {@code {incoming.field}}: another column of the same row, named by
 *       its Java field (or record component) name.</li>
 * </ul>
 * The incoming value of a column a write leaves to the database (a null {@code @DefaultIfNull},
 * or a null {@code @Coalesce} on a {@code NOT NULL} column) is that null, on every database: not
 * the column's default nor the stored value the insert would take.
 * Everything else is SQL, passed on as written (text in single quotes is never read for
 * placeholders; a quote inside it is doubled, {@code 'it''s'}, not escaped with a backslash); it must be valid on every database the entity is used with. A new row is
 * inserted with the incoming value; the expression applies only to an existing row. The processor
 * refuses an unknown placeholder or field, an unclosed quote, brace or parenthesis, a blank
 * expression, and the annotation on a {@link Key @Key} or with another merge policy.
 *
 * <p>Rows of one bulk call with the same key cannot be merged in Java (Java does not evaluate the
 * SQL): they are written in rounds of distinct keys, one statement per round, as if one after
 * another. An expression the database cannot evaluate fails the statement with its error, and
 * nothing of the call is written.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface MergeWith {
  /** The SQL expression the existing row's column is set to, with placeholders; see the type's documentation. */
  String value();
}
