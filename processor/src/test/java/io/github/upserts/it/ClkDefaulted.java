package io.github.upserts.it;

import io.github.upserts.DefaultIfNull;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** Columns a null leaves to their database defaults (see {@link ClkDefaultsTest}). */
@Upsertable(table = "clk_defaulted")
public record ClkDefaulted(@Key String id, @DefaultIfNull String status, @DefaultIfNull Instant created, String note) {}
