package io.github.upserts.it;

import io.github.upserts.Coalesce;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** {@code @Coalesce} on a NOT NULL column without a default (see {@link CnnCoalesceNotNullTest}). */
@Upsertable(table = "cnn_people")
public record CnnPerson(@Key String id, @Coalesce String name, String email) {}
