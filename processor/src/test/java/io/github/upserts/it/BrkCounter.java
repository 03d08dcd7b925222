package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** A counter with a generated id and an updated-at (see {@link BrkUsersTest}). */
@Upsertable(table = "brk_counter")
public record BrkCounter(@DatabaseGenerated Long id, @Key String page, @Increment long views, @UpdatedAt Instant updatedAt) {}
