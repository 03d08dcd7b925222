package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** For the upsert that names the columns it updates. */
@Upsertable(table = "mrc_card")
public record MrcCard(@Key String id, String name, String email, @Increment long visits) {}
