package io.github.upserts.it;

import io.github.upserts.*;
import java.time.Instant;

/** A breaker entity (see Brx*Test). */
@Upsertable(table = "brx_given_id")
public record BrxGivenId(@Key Long id, String name) {}
