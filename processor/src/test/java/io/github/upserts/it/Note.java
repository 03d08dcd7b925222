package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** Fields inherited from a superclass are columns too (the superclass's first). */
@Upsertable(table = "notes")
public class Note extends Audited {
  @Key public String id;
  public String text;

  static Note of(String id, String text, Instant at) {
    Note note = new Note();
    note.id = id;
    note.text = text;
    note.createdAt = at;
    note.updatedAt = at;
    return note;
  }
}
