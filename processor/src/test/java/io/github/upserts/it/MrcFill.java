package io.github.upserts.it;

import io.github.upserts.FillIfNull;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Two columns filled only while stored null, beside a plain overwritten one. */
@Upsertable(table = "mrc_fill")
public record MrcFill(@Key String id, @FillIfNull String email, @FillIfNull Integer lvl, String name) {}
