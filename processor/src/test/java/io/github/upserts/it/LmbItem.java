package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import lombok.Builder;
import lombok.Value;

/**
 * A Lombok {@code @Value} entity with a builder: Lombok (first on the test compilation's
 * processor path) makes the fields private and final and adds the getters and the all-args
 * constructor the DAO uses.
 */
@Upsertable(table = "lmb_items")
@Value
@Builder
public class LmbItem {
  @Key String sku;
  @Increment long quantity;
  boolean active;
  String note;
}
