package io.github.upserts.it;

import io.github.upserts.Coalesce;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/**
 * {@code @Coalesce} on a NOT NULL column without a default, the conflict target a partial index
 * (see {@link CnnCoalesceNotNullTest}).
 */
@Upsertable(table = "cnn_members", conflictIndex = "cnn_members_live_email")
public record CnnMember(@Key String email, @Coalesce String name, String city) {}
