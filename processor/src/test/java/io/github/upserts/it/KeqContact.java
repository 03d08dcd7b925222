package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A contact keyed by an email its table compares case-insensitively; {@link KeyEqualityTest} alone uses it. */
@Upsertable(table = "keq_contacts")
public record KeqContact(@Key String email, String name) {}
