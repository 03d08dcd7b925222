package io.github.upserts.benchmarks;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * {@link BenchRow} as a JPA entity, for the Hibernate contenders: the same table and columns,
 * {@code seen} an {@link Instant} (Hibernate maps it to {@code timestamptz}). Hibernate merges by
 * overwriting every column: it has no way to add {@code hits} up as the other contenders do.
 */
@Entity
@Table(name = Database.TABLE)
public class BenchRowEntity {
  @Id
  private long id;
  private String name;
  private long hits;
  private Instant seen;

  /** For Hibernate. */
  protected BenchRowEntity() {}

  BenchRowEntity(BenchRow row) {
    this.id = row.id();
    this.name = row.name();
    this.hits = row.hits();
    this.seen = row.seen();
  }

  public long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public long getHits() {
    return hits;
  }

  public Instant getSeen() {
    return seen;
  }
}
