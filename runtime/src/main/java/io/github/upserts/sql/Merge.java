package io.github.upserts.sql;

import io.github.upserts.dialect.Table;
import java.util.stream.Collectors;

/**
 * Renders a plan as the standard {@code MERGE INTO t USING ... ON (key) WHEN MATCHED [AND guard]
 * THEN UPDATE ... WHEN NOT MATCHED THEN INSERT ...} (H2); the spelling's incoming values are the
 * statement's parameters or its source rows.
 */
public final class Merge {
  private Merge() {}

  /** {@code MERGE INTO <table> AS t USING <source> ON <key matches>}. */
  public static String into(Table table, Spelling spelling, String source) {
    return "MERGE INTO " + spelling.table(table) + " AS t USING " + source + " ON " + table.keys().stream()
        .map(c -> spelling.stored(c) + " = " + spelling.incoming(c))
        .collect(Collectors.joining(" AND "));
  }

  /** The {@code WHEN MATCHED} clause of the plan's update, guarded; empty when it updates nothing. */
  public static String whenMatched(UpsertPlan plan, Spelling spelling) {
    if (plan.assignments().isEmpty()) {
      return "";
    }
    return " WHEN MATCHED"
        + plan.guard().stream().map(c -> " AND (" + c.render(spelling) + ")").collect(Collectors.joining())
        + " THEN UPDATE SET " + plan.assignments().stream()
            .map(a -> spelling.quote(a.column().name()) + " = " + a.value().render(spelling))
            .collect(Collectors.joining(", "));
  }

  /** The {@code WHEN NOT MATCHED} clause: the insert of the plan's columns. */
  public static String whenNotMatched(UpsertPlan plan, Spelling spelling) {
    return " WHEN NOT MATCHED THEN INSERT (" + spelling.names(plan.inserted()) + ") VALUES ("
        + plan.insertedValues().stream().map(v -> v.render(spelling)).collect(Collectors.joining(", ")) + ")";
  }
}
