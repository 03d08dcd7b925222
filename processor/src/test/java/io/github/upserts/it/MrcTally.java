package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Upsertable;

/**
 * {@code @MergeWith} on every non-key column: text joined by {@code CONCAT} (portable, unlike
 * {@code ||}), a number plus twice the incoming one, and a column computed from another column's
 * stored and incoming values. {@code trace} follows {@code score}, so a database assigning left
 * to right (MariaDB/MySQL) would read the new score unless the assignments are reordered.
 */
@Upsertable(table = "mrc_tally")
public record MrcTally(
    @Key String id,
    @MergeWith("CONCAT({stored}, ',', {incoming})") String tags,
    @MergeWith("{stored} + 2 * {incoming}") long score,
    @MergeWith("{stored.score} * 100 + {incoming.score}") long trace) {}
