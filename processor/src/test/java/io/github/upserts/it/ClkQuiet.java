package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.LocalDateTime;

/** A row that skips unchanged writes, stamped as {@link LocalDateTime}s (see {@link ClkTimestampsTest}). */
@Upsertable(table = "clk_quiet", skipUnchanged = true)
public record ClkQuiet(@Key String id, String name, @UpdatedAt LocalDateTime changed, @CreatedAt LocalDateTime born) {}
