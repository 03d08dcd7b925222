package io.github.upserts.it;

import io.github.upserts.Coalesce;
import io.github.upserts.DefaultIfNull;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Fields that send null by design, on NOT NULL columns without defaults (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_nulls")
public record Gen2Nulls(@Key String email, @DefaultIfNull String status, @Coalesce String nick, String name) {}
