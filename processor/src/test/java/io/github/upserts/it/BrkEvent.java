package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.LocalDate;

/** A partitioned table with a serial id and a composite natural key (see {@link BrkPostgresTest}). */
@Upsertable(table = "brk_event")
public record BrkEvent(@DatabaseGenerated Long id, @Key LocalDate day, @Key String code, @Increment int hits) {}
