package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Upsertable;

/**
 * Two expressions that read each other's stored value: an upsert swaps them where the database
 * evaluates every assignment over the stored row; MariaDB/MySQL, which assign left to right,
 * cannot, and refuse it at first use.
 */
@Upsertable(table = "mrc_swap")
public record MrcSwap(@Key String id, @MergeWith("{stored.pong}") String ping, @MergeWith("{stored.ping}") String pong) {}
