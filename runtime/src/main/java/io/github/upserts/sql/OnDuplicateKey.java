package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.exec.LastInsertIdMark;
import io.github.upserts.sql.UpsertPlan.Assignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a plan as MariaDB's and MySQL's {@code INSERT ... ON DUPLICATE KEY UPDATE}: first the
 * first key column assigned to itself while {@code LAST_INSERT_ID(mark)} records that the row
 * existed, whether it was found by its key or collided on another unique index, and whether the
 * guard passed ({@link LastInsertIdMark}); then each assignment, taking the merged value only
 * when the row has the incoming key and the guard passed, the version column last. The key match
 * and the guard are evaluated once, on the stored values: assignments apply left to right, later
 * ones seeing earlier ones. A collided row is left as it was.
 */
public final class OnDuplicateKey {
  private final MySqlSpelling spelling;

  public OnDuplicateKey(MySqlSpelling spelling) {
    this(spelling, null);
  }

  /**
   * @param batchCount a user variable (e.g. {@code @upserts_batch}) that a batch's counts are also
   *     added to, as to {@code LAST_INSERT_ID()}: an auto-increment id the server reports at the
   *     statement's end replaces the latter, never the former (MariaDB); null for none
   */
  public OnDuplicateKey(MySqlSpelling spelling, String batchCount) {
    this.spelling = spelling;
    this.batchCount = batchCount;
  }

  private final String batchCount;

  /** {@code INSERT INTO t (columns) VALUES <rows> [AS alias]}, the rows as given. */
  public String insert(UpsertPlan plan, String rows) {
    return "INSERT INTO " + spelling.table(plan.table()) + " (" + spelling.names(plan.inserted()) + ") VALUES " + rows
        + (spelling.rowAlias() != null ? " AS " + spelling.quote(spelling.rowAlias()) : "");
  }

  /** The plan's statement for one row of named parameters, marking an existing row. */
  public String write(UpsertPlan plan) {
    return insert(plan, "(" + java.util.stream.Stream.of(plan.insert().stream().map(c -> UpsertPlan.inserted(c, new Expr.Literal(":" + c.parameter(), null)).render(spelling)),
        plan.table().storedIfNull().stream().map(c -> new Expr.StoredByKey(plan.table(), c).render(spelling)),
        plan.clocks().stream().map(spelling::clock)).flatMap(v -> v).collect(java.util.stream.Collectors.joining(", ")) + ")")
        + onDuplicateKey(plan, false);
  }

  /** The plan's statement for {@code rows} rows of positional parameters, counting per row. */
  public String batch(UpsertPlan plan, int rows) {
    return insert(plan, positionalRows(plan, rows)) + onDuplicateKey(plan, true);
  }

  /**
   * {@code rows} rows of positional parameters of the plan's bound columns, each followed by the
   * stored value by key of each {@link io.github.upserts.dialect.Table#storedIfNull()} column (its
   * key as positional parameters, {@link Spelling#positionalColumns}) and the clocks.
   */
  private String positionalRows(UpsertPlan plan, int rows) {
    String row = java.util.stream.Stream.of(java.util.Collections.nCopies(plan.insert().size(), "?").stream(),
        plan.table().storedIfNull().stream().map(c -> spelling.storedByKey(plan.table(), c, spelling::keyParameter)),
        plan.clocks().stream().map(spelling::clock)).flatMap(v -> v).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    return String.join(", ", java.util.Collections.nCopies(rows, row));
  }

  /**
   * {@code assignments} ordered so that each is made before any column whose stored value it reads
   * is assigned (MariaDB and MySQL assign left to right, a later expression seeing the new value of
   * an earlier column), the version columns last; otherwise in the given order.
   *
   * @throws IllegalArgumentException when two expressions each read the other's stored column,
   *     which no order serves here
   */
  static List<Assignment> readersFirst(io.github.upserts.dialect.Table table, List<Assignment> assignments) {
    List<Assignment> left = new ArrayList<>(assignments);
    left.sort(Comparator.comparing(a -> a.column().policy() == MergePolicy.NEWER_WINS || a.column().policy() == MergePolicy.VERSION));
    List<Assignment> ordered = new ArrayList<>();
    while (!left.isEmpty()) {
      Assignment next = left.stream().filter(a -> left.stream().noneMatch(o -> o != a && reads(o.value(), a.column())))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("The @MergeWith expressions of " + table.entity() + "'s fields "
              + left.stream().map(a -> a.column().property()).toList() + " (table " + table.displayName() + ") read each other's stored values"
              + " ({stored.field}): MariaDB and MySQL assign columns left to right, each later one seeing the"
              + " new values of those before, so no order gives every expression the stored values. Have at most"
              + " one of them read the other's stored value."));
      ordered.add(next);
      left.remove(next);
    }
    return ordered;
  }

  /** Whether {@code value} reads the stored value of {@code column} (other than its own column's). */
  private static boolean reads(Expr value, Column column) {
    return value instanceof Expr.Sql sql && sql.template().refs().stream()
        .anyMatch(r -> r.stored() && r.field() != null && sql.table().property(r.field()).equals(column));
  }

  /** The increment's statement: the sum, marking an existing row like an upsert. */
  public String increment(UpsertPlan plan) {
    return write(plan);
  }

  private String onDuplicateKey(UpsertPlan plan, boolean batch) {
    String guard = plan.guard().isEmpty() ? null
        : plan.guard().size() == 1 ? plan.guard().get(0).render(spelling) : Expr.all(plan.guard(), spelling);
    boolean nothingToMerge = plan.assignments().isEmpty();
    String keyMatches = spelling.keyMatches(plan.table());
    String mark;
    // a batch's count in the user variable too: LAST_INSERT_ID(mark) is never null, so it is always added
    String counted = "";
    if (batch) {
      long passed = 2 * LastInsertIdMark.BATCH_UPDATED + 1;
      String row = guard != null ? "IF(" + guard + ", " + passed + ", 2)" : String.valueOf(nothingToMerge ? 2 : passed);
      String added = "IF(" + keyMatches + ", " + row + ", " + 2 * LastInsertIdMark.BATCH_COLLIDED + ")";
      mark = "LAST_INSERT_ID() - (LAST_INSERT_ID() & 1) + " + added;
      if (batchCount != null) {
        counted = " IS NULL OR (" + batchCount + " := " + batchCount + " - (" + batchCount + " & 1) + " + added + ") IS NULL";
      }
    } else {
      String row = guard != null ? "IF(" + guard + ", " + LastInsertIdMark.UPDATED + ", " + LastInsertIdMark.UNTOUCHED + ")"
          : String.valueOf(nothingToMerge ? LastInsertIdMark.UNTOUCHED : LastInsertIdMark.UPDATED);
      mark = "IF(" + keyMatches + ", " + row + ", " + LastInsertIdMark.COLLIDED + ")";
    }
    Column key = plan.table().keys().get(0);
    String self = spelling.stored(key);
    List<String> assignments = new ArrayList<>();
    // first, before any column changes: key columns are never assigned, so the match reads the stored key
    assignments.add(spelling.quote(key.name()) + " = IF(LAST_INSERT_ID(" + mark + ")" + counted + ", " + self + ", " + self + ")");
    List<Assignment> ordered = new ArrayList<>(plan.assignments());
    ordered = readersFirst(plan.table(), ordered);
    for (Assignment a : ordered) {
      assignments.add(spelling.quote(a.column().name()) + " = IF(LAST_INSERT_ID() & 1, "
          + a.value().render(spelling) + ", " + spelling.stored(a.column()) + ")");
    }
    return " ON DUPLICATE KEY UPDATE " + String.join(", ", assignments);
  }
}
