package io.github.upserts.it;

import io.github.upserts.InsertOnly;
import io.github.upserts.Key;
import io.github.upserts.NewerWins;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** An event stream: a late event (lower version) must not overwrite a newer one. */
@Upsertable(table = "events")
public record Event(@Key String id, @NewerWins long version, String payload, @InsertOnly Instant receivedAt) {}
