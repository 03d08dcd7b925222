package io.github.upserts.sql;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan is the same for every database; a spelling changes only the nodes that differ. */
class UpsertPlanTest {
  private static final Table TABLE = new Table("E", "", "e", List.of(
      Column.key("k", "k", "k"),
      Column.value("hi", "hi", "hi", MergePolicy.MAX),
      Column.value("n", "n", "n", MergePolicy.INCREMENT),
      Column.value("first", "first", "first", MergePolicy.INSERT_ONLY),
      Column.value("v", "v", "v", MergePolicy.NEWER_WINS)), true);

  private static final Spelling STANDARD = column -> "new." + column.name();

  @Test
  void everyMergedColumnIsAssignedByItsPolicyUnderTheGuard() {
    UpsertPlan plan = UpsertPlan.upsert(TABLE);
    assertThat(plan.insert()).isEqualTo(TABLE.columns());
    assertThat(plan.assignments().stream().map(a -> a.column().name())).containsExactly("hi", "n", "v").inOrder();
    assertThat(plan.assignments().stream().map(a -> a.value().render(STANDARD))).containsExactly(
        "COALESCE(GREATEST(t.\"hi\", new.hi), t.\"hi\", new.hi)",
        "COALESCE(t.\"n\", 0) + COALESCE(new.n, 0)",
        "new.v").inOrder();
    assertThat(Expr.all(plan.guard(), STANDARD)).isEqualTo(
        "(new.v IS NOT NULL AND (t.\"v\" IS NULL OR new.v > t.\"v\"))"
            + " AND (ROW(t.\"hi\", t.\"n\", t.\"v\") IS DISTINCT FROM ROW(COALESCE(GREATEST(t.\"hi\", new.hi),"
            + " t.\"hi\", new.hi), COALESCE(t.\"n\", 0) + COALESCE(new.n, 0), new.v))");
    assertThat(plan.alwaysUpdates()).isFalse();
  }

  @Test
  void insertIfAbsentAndIncrementPlans() {
    assertThat(UpsertPlan.insertIfAbsent(TABLE).assignments()).isEmpty();
    UpsertPlan increment = UpsertPlan.increment(TABLE, TABLE.column("n"));
    assertThat(increment.insert().stream().map(Column::name)).containsExactly("k", "n").inOrder();
    assertThat(increment.assignments().get(0).value().render(STANDARD)).isEqualTo("COALESCE(t.\"n\", 0) + new.n");
    assertThat(increment.alwaysUpdates()).isTrue();
  }
}
