package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import java.util.stream.Collectors;

/**
 * Renders a plan as {@code INSERT ... ON CONFLICT (key) DO UPDATE SET ... [WHERE ...]} (the
 * conflict target: the key columns, or the conflict index's parts and predicate), the
 * family of PostgreSQL (and the engines speaking its SQL) and SQLite; the spelling says how each
 * database writes the nodes that differ.
 */
public final class OnConflict {
  /** The family's spelling of the incoming row: the pseudo-table {@code EXCLUDED}. */
  public interface Excluded extends Spelling {
    @Override
    default String incoming(Column column) {
      return "EXCLUDED." + quote(column.name());
    }
  }

  private final Spelling spelling;

  public OnConflict(Spelling spelling) {
    this.spelling = spelling;
  }

  /**
   * The plan's statement with the rows given by {@code source}, the text after the column list,
   * which gives {@link UpsertPlan#inserted()}: the bound columns, the stored values by key
   * ({@link Spelling#selectWithStored}), then the clocks.
   */
  public String write(UpsertPlan plan, String source) {
    return "INSERT INTO " + spelling.table(plan.table()) + " AS t (" + spelling.names(plan.inserted())
        + ") " + source + " ON CONFLICT " + spelling.conflictTarget(plan.table()) + action(plan);
  }

  /** The plan's statement for one row of named parameters. */
  public String write(UpsertPlan plan) {
    return write(plan, "VALUES (" + java.util.stream.Stream.of(plan.insert().stream().map(c -> UpsertPlan.inserted(c, new Expr.Parameter(c)).render(spelling)),
        plan.table().storedIfNull().stream().map(c -> new Expr.StoredByKey(plan.table(), c).render(spelling)),
        plan.clocks().stream().map(spelling::clock)).flatMap(v -> v).collect(Collectors.joining(", ")) + ")");
  }

  private String action(UpsertPlan plan) {
    if (plan.assignments().isEmpty()) {
      return " DO NOTHING";
    }
    String set = plan.assignments().stream()
        .map(a -> spelling.quote(a.column().name()) + " = " + a.value().render(spelling))
        .collect(Collectors.joining(", "));
    return " DO UPDATE SET " + set
        + (plan.guard().isEmpty() ? "" : " WHERE " + Expr.all(plan.guard(), spelling));
  }
}
