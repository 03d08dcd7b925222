package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Unique on lower(email) (see {@link BrkIndexTest}). */
@Upsertable(table = "brk_lower", conflictIndex = "brk_lower_email_ci")
public record BrkLower(@DatabaseGenerated Long id, @Key String email, String name) {}
