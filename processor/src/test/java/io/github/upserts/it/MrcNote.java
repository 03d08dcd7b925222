package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Upsertable;

/**
 * Text joined by the SQL standard's {@code ||}: a concatenation on PostgreSQL, SQLite and H2, a
 * logical OR on MariaDB/MySQL unless the session's {@code sql_mode} has {@code PIPES_AS_CONCAT}
 * (see {@link MergeRulesConformanceTest}).
 */
@Upsertable(table = "mrc_note")
public record MrcNote(@Key String id, @MergeWith("{stored} || ',' || {incoming}") String tags) {}
