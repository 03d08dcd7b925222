package io.github.upserts.it;

import io.github.upserts.*;
import java.time.Instant;

/** A breaker entity (see Brx*Test). */
@Upsertable(table = "brx_mix")
public record BrxMix(@Key String k, @DefaultIfNull @Coalesce String status, @DefaultIfNull @Min Integer low, @DefaultIfNull @InsertOnly String origin, String note) {}
