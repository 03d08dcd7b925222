package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** Soft deletes: unique on email WHERE deleted_at IS NULL, deleted_at not in the entity (see {@link BrkIndexTest}). */
@Upsertable(table = "brk_live", conflictIndex = "brk_live_email")
public record BrkLive(@DatabaseGenerated Long id, @Key String email, String name, @UpdatedAt Instant updatedAt) {}
