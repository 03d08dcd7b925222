package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A member whose email is unique among live rows only: a partial unique index (see {@link CidxTest}). */
@Upsertable(table = "cidx_members", conflictIndex = "cidx_members_live_email")
public record CidxMember(@Key String email, String name, @Increment long visits) {}
