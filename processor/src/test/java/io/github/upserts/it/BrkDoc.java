package io.github.upserts.it;

import io.github.upserts.DefaultIfNull;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.util.UUID;

/** uuid DEFAULT gen_random_uuid(), jsonb DEFAULT '{}', enum DEFAULT 'calm' (see {@link BrkPostgresTest}). */
@Upsertable(table = "brk_doc")
public record BrkDoc(@Key String id, @DefaultIfNull UUID token, @DefaultIfNull String meta, @DefaultIfNull Mood mood) {
  /** The brk_mood enum. */
  public enum Mood { calm, angry }
}
