package io.github.upserts.it;

import io.github.upserts.DefaultIfNull;
import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Max;
import io.github.upserts.Upsertable;

/** Defaults beside policies (see {@link BrkDefaultsTest}): status DEFAULT 'active', visits DEFAULT 10, level DEFAULT 100. */
@Upsertable(table = "brk_member")
public record BrkMember(@Key String email, @DefaultIfNull String status, @DefaultIfNull @Increment Long visits,
    @DefaultIfNull @Max Integer level) {}
