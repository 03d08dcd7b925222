package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/**
 * Java values whose column has another type than the one they are bound as: on PostgreSQL a
 * {@code citext} key, {@code jsonb}, {@code json}, {@code xml}, {@code inet}, {@code uuid} and
 * {@code interval} columns written from a {@code String}, a PostgreSQL enum from a Java enum, and
 * a domain over {@code jsonb}.
 */
@Upsertable(table = "typed_docs")
public record TypedDoc(
    @Key String email,
    String payload,
    String meta,
    String page,
    String addr,
    String ref,
    String span,
    Mood mood,
    String settings,
    @Increment long hits) {

  /** A PostgreSQL enum type of the same labels. */
  public enum Mood { HAPPY, SAD }
}
