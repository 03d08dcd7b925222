package io.github.upserts.it;

import io.github.upserts.InsertOnly;
import java.time.Instant;

/** A typical base class of an application's entities; its fields are inherited columns. */
public abstract class Audited {
  @InsertOnly public Instant createdAt;
  public Instant updatedAt;
}
