package io.github.upserts;

import io.github.upserts.dialect.Dialect;
import io.github.upserts.dialect.Dialects;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.statement.UnableToCreateStatementException;

/**
 * JDBI configuration of the generated DAOs: which {@link Dialect} renders and runs their SQL.
 *
 * <p>By default the dialect is detected from the connection's metadata the first time a
 * generated method runs on a {@link Jdbi}, and remembered for that {@code Jdbi}: detection does
 * not repeat per call. To skip detection, or to run against a database that speaks a supported
 * dialect under another name, set it explicitly:
 *
 * <pre>{@code
 * jdbi.getConfig(Upserts.class).setDialect(PostgresDialect.forVersion(16));
 * }</pre>
 *
 * <p>Statements are rendered over the table as the database's catalog describes it, read at the
 * table's first use on a {@code Jdbi}; see {@link #setCatalogReading}.
 *
 * <p>An {@link UpsertsListener} set with {@link #setListener} is told about every write and the
 * progress of bulk calls.
 */
public final class Upserts implements JdbiConfig<Upserts> {
  /** Detected dialects of Jdbi instances whose own config never held one, weakly keyed. */
  private static final Map<Jdbi, Dialect> DETECTED_BY_JDBI =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Dialect dialect;
  private boolean catalogReading = true;
  private UpsertsListener listener;
  /** Shared by every copy of one configuration, so a detection serves them all. */
  private final AtomicReference<Dialect> detected;

  /** A configuration with no explicit dialect: it is detected from the connection. */
  public Upserts() {
    this.detected = new AtomicReference<>();
  }

  private Upserts(Upserts other) {
    this.dialect = other.dialect;
    this.catalogReading = other.catalogReading;
    this.listener = other.listener;
    this.detected = other.detected;
  }

  /** Uses {@code dialect} for every generated DAO call instead of detecting one. */
  public Upserts setDialect(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    return this;
  }

  /** The explicitly set dialect, if any. */
  public Optional<Dialect> getDialect() {
    return Optional.ofNullable(dialect);
  }

  /**
   * Whether statements are rendered over the table as the database's catalog describes it (the
   * default): read once per {@code Jdbi} and table, at its first use, with catalog queries only.
   * It checks, before the first write, that the key has the unique index every upsert needs (a
   * {@code SchemaMismatchException} says how to fix it otherwise), and picks what the table needs
   * (e.g. a partitioned PostgreSQL table before 18 is told inserts from updates without
   * {@code xmax}). Turned off, statements are rendered from the entity alone, and a missing
   * unique index shows as the database's error (translated where it is recognized).
   *
   * @param catalogReading false when the connection's user cannot read the catalog
   */
  public Upserts setCatalogReading(boolean catalogReading) {
    this.catalogReading = catalogReading;
    return this;
  }

  /** Whether statements are rendered over the table the catalog describes; see {@link #setCatalogReading}. */
  public boolean isCatalogReading() {
    return catalogReading;
  }

  /**
   * Tells {@code listener} about every write of the generated DAOs, and the progress of their bulk
   * calls; see {@link UpsertsListener}. Set on a {@code Jdbi}, it holds for the handles opened
   * after; set on a handle, for that handle only.
   *
   * @param listener the listener, or null for none (the default: nothing is timed or reported)
   */
  public Upserts setListener(UpsertsListener listener) {
    this.listener = listener;
    return this;
  }

  /** The listener told about every write, if any; see {@link #setListener}. */
  public Optional<UpsertsListener> getListener() {
    return Optional.ofNullable(listener);
  }

  /** The dialect to use on {@code handle}: the explicit one, else the (cached) detected one. */
  public Dialect dialectFor(Handle handle) {
    if (dialect != null) {
      return dialect;
    }
    Dialect known = detected.get();
    if (known != null) {
      return known;
    }
    Jdbi jdbi = handle.getJdbi();
    known = DETECTED_BY_JDBI.get(jdbi);
    if (known == null) {
      known = detect(handle);
      DETECTED_BY_JDBI.put(jdbi, known);
    }
    detected.set(known);
    return known;
  }

  /** The dialect generated DAOs use on {@code handle}. */
  public static Dialect dialect(Handle handle) {
    return handle.getConfig(Upserts.class).dialectFor(handle);
  }

  private static Dialect detect(Handle handle) {
    try {
      return Dialects.detect(handle.getConnection());
    } catch (SQLException e) {
      throw new UnableToCreateStatementException(
          "Upserts could not read the database product from the connection's metadata", e, null);
    }
  }

  @Override
  public Upserts createCopy() {
    return new Upserts(this);
  }
}
