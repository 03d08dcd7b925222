package io.github.upserts.it;

import io.github.upserts.Coalesce;
import io.github.upserts.DefaultIfNull;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** @UpdatedAt beside columns a null leaves alone (see {@link BrkDefaultsTest}): status DEFAULT 'active', nick NOT NULL DEFAULT ''. */
@Upsertable(table = "brk_profile")
public record BrkProfile(@Key String email, String name, @DefaultIfNull String status, @Coalesce String nick,
    @UpdatedAt Instant updatedAt) {}
