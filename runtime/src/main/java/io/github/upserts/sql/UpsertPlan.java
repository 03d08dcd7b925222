package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one upsert does, whatever the database: the columns it inserts, the conflict target (the
 * table's key), what it assigns to each column of an existing row, and the guard under which it
 * does. Each merge policy becomes an assignment in {@link #merge} and nowhere else; renderers
 * turn a plan into one database's SQL, and in-batch merging evaluates the same assignments.
 *
 * @param table the table
 * @param insert the columns an insert writes from bound values; an insert also writes each of
 *     the table's {@link Table#storedIfNull()} columns from the stored row with its key, and each
 *     of its {@link Table#clocks()} from the database's clock ({@link #clocks()})
 * @param assignments what an update assigns, per column (empty: an existing row is left alone)
 * @param guard conditions that must all hold for the update to run (empty: always)
 */
public record UpsertPlan(Table table, List<Column> insert, List<Assignment> assignments, List<Expr> guard) {

  /** One column's new value on conflict. */
  public record Assignment(Column column, Expr value) {}

  public UpsertPlan {
    insert = List.copyOf(insert);
    assignments = List.copyOf(assignments);
    guard = List.copyOf(guard);
  }

  /**
   * The full upsert of {@code table}: every bound column inserted, each merged by its policy, and
   * the {@code @UpdatedAt} column set to the clock when some merged value differs from the stored one.
   */
  public static UpsertPlan upsert(Table table) {
    List<Assignment> merged = new ArrayList<>();
    table.merged().forEach(c -> merged.add(new Assignment(c, merge(table, c))));
    List<Expr> guard = new ArrayList<>();
    table.lockVersion().ifPresent(v -> guard.add(versionMatches(v)));
    table.version().ifPresent(v -> guard.add(new Expr.Newer(v)));
    table.updateWhen().ifPresent(condition -> guard.add(new Expr.Sql(condition, null, table)));
    Expr differs = merged.isEmpty() ? null
        : new Expr.Differs(table.merged(), merged.stream().map(Assignment::value).toList());
    if (table.skipUnchanged() && differs != null) {
      guard.add(differs);
    }
    return new UpsertPlan(table, table.bound(), stamped(table, merged, guard.contains(differs) ? null : differs), guard);
  }

  /**
   * {@code merged}, after the {@code @UpdatedAt} column's assignment when the table has one and
   * something is merged: the clock (or the stored time, if later), under {@code changed} when not null. First, so that a
   * database that assigns left to right (MariaDB/MySQL) compares stored values.
   */
  private static List<Assignment> stamped(Table table, List<Assignment> merged, Expr changed) {
    if (merged.isEmpty() || table.updatedAt().isEmpty()) {
      return merged;
    }
    Column updatedAt = table.updatedAt().get();
    // never earlier than the stored time: a statement that started before a concurrent one that
    // committed first (it waited for the row's lock), or a clock set back, cannot move it backwards
    Expr clock = new Expr.Extreme(true, new Expr.Clock(updatedAt), new Expr.Stored(updatedAt));
    List<Assignment> assignments = new ArrayList<>();
    assignments.add(new Assignment(updatedAt, changed == null ? clock : new Expr.When(changed, clock, new Expr.Stored(updatedAt))));
    assignments.addAll(merged);
    return assignments;
  }

  /** Inserts the row unless its key exists; an existing row is left alone. */
  public static UpsertPlan insertIfAbsent(Table table) {
    return new UpsertPlan(table, table.bound(), List.of(), List.of());
  }

  /**
   * Inserts the row unless its key exists, and then only locks the existing row: an update whose
   * guard is false (PostgreSQL locks the conflicting row of {@code ON CONFLICT DO UPDATE} whether
   * or not its {@code WHERE} holds). Reports an insert by its row count.
   */
  public static UpsertPlan lockIfPresent(Table table) {
    Column key = table.keys().get(0);
    return new UpsertPlan(table, table.bound(), List.of(new Assignment(key, new Expr.Incoming(key))),
        List.of(new Expr.Literal("false", false)));
  }

  /** Inserts the key and a delta, or adds the (never null) delta to {@code counter}. */
  public static UpsertPlan increment(Table table, Column counter) {
    return increment(table, counter, List.of());
  }

  /**
   * As {@link #increment(Table, Column)}, the insert also giving each of {@code kept} (columns of
   * {@code table} the increment does not write, {@code NOT NULL} without a default) the stored
   * value of the row with the same key ({@link Table#leaving}): PostgreSQL, SQLite and
   * MariaDB/MySQL check NOT NULL on the proposed row before they look for a conflict, so an
   * increment of an existing row passes, and a new key still fails with the NOT NULL error.
   */
  public static UpsertPlan increment(Table table, Column counter, List<Column> kept) {
    Table written = kept.isEmpty() ? table : table.leaving(List.of(), kept);
    List<Column> insert = new ArrayList<>(written.keys());
    insert.add(counter);
    Expr sum = new Expr.Sum(counter, new Expr.Stored(counter), new Expr.Incoming(counter), false);
    List<Assignment> merged = List.of(new Assignment(counter, sum));
    return new UpsertPlan(written, insert, stamped(written, merged, new Expr.Differs(List.of(counter), List.of(sum))), List.of());
  }

  /** The columns an insert gives the database's clock: the table's {@code @CreatedAt} and {@code @UpdatedAt}. */
  public List<Column> clocks() {
    return table.clocks();
  }

  /**
   * Every column an insert writes: {@link #insert()}, then the table's {@link Table#storedIfNull()}
   * columns, then {@link #clocks()}.
   */
  public List<Column> inserted() {
    List<Column> all = new ArrayList<>(insert);
    all.addAll(table.storedIfNull());
    all.addAll(clocks());
    return all;
  }

  /**
   * The values an insert writes, in {@link #inserted()} order: each bound column's incoming value,
   * the stored value by key of each {@link Table#storedIfNull()} column, then the clock.
   */
  public List<Expr> insertedValues() {
    List<Expr> values = new ArrayList<>();
    insert.forEach(c -> values.add(inserted(c, new Expr.Incoming(c))));
    table.storedIfNull().forEach(c -> values.add(new Expr.StoredByKey(table, c)));
    clocks().forEach(c -> values.add(new Expr.Clock(c)));
    return values;
  }

  /**
   * The optimistic lock's check: the stored version equals the one the statement's row carries,
   * nulls as zero: {@code COALESCE(t."v", 0) = COALESCE(:v, 0)}. The bound parameter, not the
   * incoming row: an insert proposes 1 where the parameter is zero ({@link #inserted}).
   */
  public static Expr versionMatches(Column version) {
    Expr zero = new Expr.Literal("0", 0L);
    return new Expr.Equal(new Expr.Coalesce(new Expr.Stored(version), zero), new Expr.Coalesce(new Expr.Parameter(version), zero));
  }

  /**
   * What an insert writes to {@code column} of a row whose value is {@code value} (its parameter,
   * or the source row's): the value, but for a {@link MergePolicy#VERSION} column 1 where it is
   * zero or null ({@code CASE WHEN COALESCE(:v, 0) = 0 THEN 1 ELSE :v END}).
   */
  public static Expr inserted(Column column, Expr value) {
    if (column.policy() != MergePolicy.VERSION) {
      return value;
    }
    return new Expr.When(new Expr.Equal(new Expr.Coalesce(value, new Expr.Literal("0", 0L)), new Expr.Literal("0", 0L)),
        new Expr.Literal("1", 1L), value);
  }

  /**
   * Why an existing row may be left untouched, as the conditions of the guard that must hold, in
   * order, each with what a write that failed it reports: the stored row tells which when
   * {@link Table#untouchedOutcomes()} has more than one.
   */
  public List<Map.Entry<Expr, io.github.upserts.Outcome>> reasons() {
    List<Map.Entry<Expr, io.github.upserts.Outcome>> reasons = new ArrayList<>();
    for (Expr condition : guard) {
      reasons.add(Map.entry(condition, condition instanceof Expr.Differs ? io.github.upserts.Outcome.UNCHANGED
          : condition instanceof Expr.Equal ? io.github.upserts.Outcome.STALE : io.github.upserts.Outcome.SKIPPED));
    }
    return reasons;
  }

  /**
   * The query that tells why an upsert of one row that met the stored row with its key left it
   * untouched: the name of an {@link io.github.upserts.Outcome}, from the first condition of the
   * guard ({@link #reasons()}) that is not true over the stored row and the bound parameters
   * (PostgreSQL: {@code SELECT CASE WHEN (c1) THEN (CASE WHEN (c2) THEN 'UNCHANGED' ELSE 'UNCHANGED' END)
   * ELSE 'STALE' END FROM "t" AS t WHERE "k" = :k}). Run in the write's transaction, which holds
   * the row's lock, it reads the row the write saw. Null where {@link Table#untouchedOutcomes()}
   * tells by itself.
   */
  public String untouchedQuery(Spelling spelling) {
    if (table.untouchedOutcomes().size() <= 1) {
      return null;
    }
    Spelling parameters = new Parameters(spelling);
    String reason = "'" + io.github.upserts.Outcome.UNCHANGED + "'";
    List<Map.Entry<Expr, io.github.upserts.Outcome>> reasons = reasons();
    for (int i = reasons.size() - 1; i >= 0; i--) {
      reason = "CASE WHEN (" + reasons.get(i).getKey().render(parameters) + ") THEN " + reason + " ELSE '"
          + reasons.get(i).getValue() + "' END";
    }
    return "SELECT " + reason + " FROM " + spelling.storedFrom(table) + " WHERE " + spelling.keyCondition(table);
  }

  /**
   * The value an update gives {@code column} of {@code table}: the incoming one merged by its
   * policy. The one place a policy's meaning is written down.
   */
  public static Expr merge(Table table, Column column) {
    Expr stored = new Expr.Stored(column);
    Expr incoming = new Expr.Incoming(column);
    return switch (column.policy()) {
      case FILL_IF_NULL -> new Expr.Coalesce(stored, incoming);
      case MERGE_WITH -> new Expr.Sql(Template.parse(column.expression()), column, table);
      case VERSION -> new Expr.Sum(column, stored, new Expr.Literal("1", 1L), false);
      // a null left to the default keeps the stored value (a chunk's rows with a null merge so)
      case OVERWRITE -> column.source() == Column.Source.DEFAULT_IF_NULL ? new Expr.Coalesce(incoming, stored) : incoming;
      case NEWER_WINS -> incoming;
      case INCREMENT -> new Expr.Sum(column, stored, incoming, true);
      case COALESCE -> new Expr.Coalesce(incoming, stored);
      case MAX -> new Expr.Extreme(true, stored, incoming);
      case MIN -> new Expr.Extreme(false, stored, incoming);
      case INSERT_ONLY -> throw new IllegalArgumentException(
          "Column " + column.name() + " is insert-only and never merged");
    };
  }

  /** Whether an existing row is always updated (something to assign, no guard). */
  public boolean alwaysUpdates() {
    return !assignments.isEmpty() && guard.isEmpty();
  }

  /** Whether the table has a {@link MergePolicy#NEWER_WINS} column. */
  public boolean versioned() {
    return table.version().isPresent();
  }
}
