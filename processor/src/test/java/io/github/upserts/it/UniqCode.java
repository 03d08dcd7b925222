package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/**
 * A natural key beside an unmapped {@code AUTO_INCREMENT} id and a unique label (see
 * {@link UniqCollisionTest}).
 */
@Upsertable(table = "uniq_codes")
public record UniqCode(@Key String code, String label) {}
