package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A row whose key is a foreign key: writing an id its parent table lacks fails. */
@Upsertable(table = "fault_children")
public record FaultChild(@Key long id, String label, @Increment long n) {}
