package io.github.upserts.it;

import io.github.upserts.Coalesce;
import io.github.upserts.Increment;
import io.github.upserts.InsertOnly;
import io.github.upserts.Key;
import io.github.upserts.Max;
import io.github.upserts.Min;
import io.github.upserts.Upsertable;
import java.time.Instant;
import java.time.LocalDate;

/** One column per merge policy, beside a plain overwritten one. */
@Upsertable(table = "profiles")
public record Profile(
    @Key String id,
    @Coalesce String email,
    @Max Integer highScore,
    @Min LocalDate firstSeen,
    @InsertOnly Instant createdAt,
    @Increment long logins,
    String nickname) {}
