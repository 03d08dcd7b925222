package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column whose values the database generates: an identity or {@code serial} id, an
 * {@code AUTO_INCREMENT} column, SQLite's {@code INTEGER PRIMARY KEY}, a {@code GENERATED ALWAYS
 * AS (...) STORED} column. No write sends it: an insert leaves it to the database, an update never
 * changes it. Every method that returns a row ({@code upsertReturning}, {@code getOrInsert},
 * {@code upsertAllReturning}, {@code find}, the row mapper) reads it, for the inserted and the
 * existing row alike, so "upsert and give me the id" is one call:
 *
 * <pre>{@code
 * @Upsertable(table = "users")
 * public record User(@DatabaseGenerated Long id, @Key String email, String name) {}
 *
 * long id = UserUpserts.getOrInsert(handle, new User(null, "ann@x", "Ann")).id();
 * }</pre>
 *
 * <p>The field's value in the entity is ignored by writes (give {@code null}). Not allowed on a
 * {@link Key @Key} (an upsert must be given its key) nor with a merge policy. When the catalog is
 * read, a mapped column the database generates without this annotation is refused before the
 * first write, with a message saying to add it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface DatabaseGenerated {}
