package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A counter by id: the rows of {@link FaultToleranceTest}'s bulk calls. */
@Upsertable(table = "fault_rows")
public record FaultRow(@Key long id, @Increment long n) {}
