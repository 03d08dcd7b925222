package io.github.upserts.exec;

import io.github.upserts.dialect.Table;
import io.github.upserts.sql.Spelling;
import java.util.stream.Collectors;

/**
 * How an {@code ON CONFLICT} statement of the PostgreSQL family tells an inserted row from an
 * updated one: the outcome decoders, each turning a write into a statement that returns, per
 * written row, whether it inserted, or for many rows, how many it inserted and wrote.
 */
public enum InsertedFlag {
  /**
   * {@code RETURNING old.<key> IS NULL}: PostgreSQL 18 and later ({@code old} is null when no row
   * existed); where a null key is a real key ({@link Table#nullKeys()}),
   * {@code old IS NOT DISTINCT FROM NULL}, which tests the row itself, not its values.
   */
  RETURNING_OLD,
  /** {@code RETURNING xmax = 0}: a freshly inserted row version has no locking transaction. */
  XMAX,
  /** The keys present in the statement's snapshot, read in the same statement. */
  PRIOR_READ;

  private static final String PRIOR = "upserts_prior";
  private static final String WRITTEN = "upserts_written";
  /** A column of the prior keys that is never null: a key value may be, where null keys are real keys. */
  private static final String PRESENT = "upserts_present";

  /**
   * {@code write} (without RETURNING) made to return one boolean per written row, true when it
   * inserted; {@code priorKeys} selects the statement's keys in the table, for {@link #PRIOR_READ}.
   */
  public String flagged(Spelling spelling, Table table, String write, String priorKeys) {
    return this == PRIOR_READ
        ? withPriorKeys(spelling, table, write, priorKeys) + " SELECT (" + absent(spelling, table) + ") AS inserted"
            + writtenJoinPrior(spelling, table)
        : write + " RETURNING " + returned(spelling, table) + " AS inserted";
  }

  /** {@code write} (many rows) made to return how many rows it inserted, and wrote: counted by the server. */
  public String counted(Spelling spelling, Table table, String write, String priorKeys) {
    return this == PRIOR_READ
        ? withPriorKeys(spelling, table, write, priorKeys) + " SELECT count(CASE WHEN " + absent(spelling, table)
            + " THEN 1 END), count(*)"
            + writtenJoinPrior(spelling, table)
        : "WITH " + WRITTEN + " AS (" + write + " RETURNING " + returned(spelling, table)
            + " AS inserted) SELECT count(CASE WHEN inserted THEN 1 END), count(*) FROM " + WRITTEN;
  }

  /**
   * The boolean expression a {@code RETURNING} clause of one written row reads to tell an insert
   * (true) from an update; null for {@link #PRIOR_READ}, which needs the prior keys.
   */
  public String insertedColumn(Spelling spelling, Table table) {
    return this == PRIOR_READ ? null : returned(spelling, table);
  }

  private String returned(Spelling spelling, Table table) {
    return this == RETURNING_OLD
        ? table.nullKeys() ? "(old IS NOT DISTINCT FROM NULL)" : "(old." + spelling.quote(table.keys().get(0).name()) + " IS NULL)"
        : "(t.xmax = 0)";
  }

  /** True when a written row's key was not among the prior keys: no joined prior row. */
  private static String absent(Spelling spelling, Table table) {
    return PRIOR + "." + (table.nullKeys() ? PRESENT : spelling.quote(table.keys().get(0).name())) + " IS NULL";
  }

  /** The prior keys and the write as common table expressions: every part reads one snapshot. */
  private static String withPriorKeys(Spelling spelling, Table table, String write, String priorKeys) {
    return "WITH " + PRIOR + " AS (SELECT " + spelling.names(table.keys()) + (table.nullKeys() ? ", 1 AS " + PRESENT : "") + " FROM "
        + spelling.table(table) + " WHERE " + priorKeys + "), " + WRITTEN + " AS (" + write
        + " RETURNING " + table.keys().stream().map(spelling::stored).collect(Collectors.joining(", ")) + ")";
  }

  private static String writtenJoinPrior(Spelling spelling, Table table) {
    return " FROM " + WRITTEN + " LEFT JOIN " + PRIOR + " ON " + table.keys().stream()
        .map(k -> WRITTEN + "." + spelling.quote(k.name()) + (table.nullKeys() ? " IS NOT DISTINCT FROM " : " = ")
            + PRIOR + "." + spelling.quote(k.name()))
        .collect(Collectors.joining(" AND "));
  }
}
