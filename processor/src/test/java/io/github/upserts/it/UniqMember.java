package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A member keyed by id whose table has a second unique index on email (see {@link UniqCollisionTest}). */
@Upsertable(table = "uniq_members")
public record UniqMember(@Key long id, String email, String name, @Increment long visits) {}
