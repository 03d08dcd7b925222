package io.github.upserts.benchmarks;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

/** The Markdown report, from made-up scores: no benchmark runs in the build. */
class ResultsTableTest {
  private static Score bulk(String method, double rowsPerSecond) {
    return new Score("BulkUpsert", method, Map.of("table", "insert"), rowsPerSecond, 1_234.5, true,
        false, 4.25, 12.5, 1_500);
  }

  private static Score single(String method, double opsPerSecond) {
    return single("SingleRowUpsert", method, opsPerSecond);
  }

  private static Score single(String benchmark, String method, double opsPerSecond) {
    return new Score(benchmark, method, Map.of("key", "new"), opsPerSecond, Double.NaN, false,
        false, Double.NaN, Double.NaN, Double.NaN);
  }

  /** One compilation per operation, timed: {@code callsPerSecond} is 1 / its time in seconds. */
  private static Score compile(String method, double callsPerSecond) {
    return new Score("ProcessorCost", method, Map.of(), callsPerSecond, callsPerSecond / 10, false,
        true, 2_500_000, Double.NaN, 1.5e9);
  }

  @Test
  void comparesEachContenderWithTheHandWrittenJdbcOfItsGroup() {
    String table = ResultsTable.markdown(List.of(
        single("jdbc", 10_000),
        bulk("jdbcBatch", 50_000),
        bulk("upsertAll", 95_000),
        bulk("jdbcUnnest", 100_000)));

    assertThat(table).contains(
        "| BulkUpsert (table=insert) | generated upsertAll (`upsertAll`) | 95,000 rows/s | 1,235 | 0.95×"
            + " | 4.3 µs/row | 12.5 µs/row | 1,500 B/row |");
    assertThat(table).contains(
        "| BulkUpsert (table=insert) | JDBC unnest, hand-written (`jdbcUnnest`) | 100,000 rows/s | 1,235 | 1.00×");
    assertThat(table).contains(
        "| SingleRowUpsert (key=new) | JDBC PreparedStatement, same statement (`jdbc`) | 10,000 ops/s |  | 1.00× |  |  |  |");
    // bulk before single row, fastest first within a group
    assertThat(table.indexOf("`upsertAll`")).isLessThan(table.indexOf("`jdbcBatch`"));
    assertThat(table.indexOf("`jdbcBatch`")).isLessThan(table.indexOf("SingleRowUpsert"));
  }

  @Test
  void saysWhichTargetsWereMet() {
    String table = ResultsTable.markdown(List.of(
        bulk("jdbcBatch", 70_000),
        bulk("upsertAll", 95_000),
        bulk("jdbcUnnest", 100_000),
        single("SameStatement", "generated", 9_000),
        single("SameStatement", "jdbi", 10_000),
        single("generated", 9_000),
        single("hibernateMerge", 4_000)));

    assertThat(table).contains("| BulkUpsert (table=insert) | `upsertAll` ≥ 0.90× the throughput of `jdbcUnnest` | 0.95× | met |");
    assertThat(table).contains("| BulkUpsert (table=insert) | `upsertAll` ≥ 1.50× the throughput of `jdbcBatch` | 1.36× | **missed** |");
    assertThat(table).contains("| SameStatement (key=new) | `generated` takes ≤ 1.05× the time of `jdbi` | 1.11× | **missed** |");
    assertThat(table).contains("| SingleRowUpsert (key=new) | `generated` ≥ 2.00× the throughput of `hibernateMerge` | 2.25× | met |");
    // the one comparison that needs both contenders in turns is judged there only
    assertThat(table).doesNotContain("| SingleRowUpsert (key=new) | `generated` takes");
  }

  @Test
  void showsCallsTimedWholeAsTimePerCallAgainstTheirBaseline() {
    String table = ResultsTable.markdown(List.of(
        compile("withProcessor", 0.5),
        single("jdbc", 10_000),
        compile("javac", 4)));

    // 2 s against 250 ms: 8 times the time of javac alone
    assertThat(table).contains("| benchmark | contender | time per call | ± (99.9%) | time vs baseline"
        + " | client CPU | client alloc |");
    assertThat(table).contains("| ProcessorCost | javac with the Upserts processor (`withProcessor`)"
        + " | 2,000 ms | 200 | 8.00× | 2,500 ms | 1,500 MB |");
    assertThat(table).contains(
        "| ProcessorCost | javac alone (-proc:none) (`javac`) | 250 ms | 25.0 | 1.00× |");
    // after the throughput table, fastest first
    assertThat(table.indexOf("time per call")).isGreaterThan(table.indexOf("SingleRowUpsert"));
    assertThat(table.indexOf("`javac`")).isLessThan(table.indexOf("`withProcessor`"));
  }

  @Test
  void timesPerOperationBecomeOperationsPerSecond() {
    assertThat(Score.perSecond(Mode.Throughput, TimeUnit.MILLISECONDS, 2.5, 0.5))
        .usingTolerance(1e-6).containsExactly(2_500, 500).inOrder();
    // 8 µs per row, ± 2 µs: 125,000 rows/s, ± a quarter of that
    assertThat(Score.perSecond(Mode.SingleShotTime, TimeUnit.MICROSECONDS, 8, 2))
        .usingTolerance(1e-6).containsExactly(125_000, 31_250).inOrder();
  }

  @Test
  void leavesOutTargetsWhoseContendersDidNotRun() {
    assertThat(ResultsTable.markdown(List.of(single("generated", 1)))).doesNotContain("target");
  }
}
