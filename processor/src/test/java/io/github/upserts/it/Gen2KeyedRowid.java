package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A key the database generates only when left out (SQLite's INTEGER PRIMARY KEY, identity by default), given by the caller (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_keyed_rowid")
public record Gen2KeyedRowid(@Key Long id, String name) {}
