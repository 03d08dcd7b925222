package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A row that no upsert touches once its stored status is 'locked'. */
@Upsertable(table = "mrc_gate", updateWhen = "{stored.status} <> 'locked'")
public record MrcGate(@Key String id, String status, String body, @Increment long hits) {}
