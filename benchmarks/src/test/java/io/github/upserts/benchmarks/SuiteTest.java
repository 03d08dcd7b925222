package io.github.upserts.benchmarks;

import static com.google.common.truth.Truth.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's header, from made-up settings: no benchmark runs in the build. */
class SuiteTest {
  @Test
  void namesTheClassSettingThenTheContendersThatRanOtherwise() {
    String described = Suite.describe(Map.of(
        "1 fork, 6 × 1 s warmup, 3 × 1 s measured", Set.of("generated", "jdbi", "jooq"),
        "1 fork, 3 × 1 s warmup, 3 × 1 s measured", Set.of("jdbc")));

    assertThat(described).isEqualTo("1 fork, 6 × 1 s warmup, 3 × 1 s measured"
        + " (jdbc: 1 fork, 3 × 1 s warmup, 3 × 1 s measured)");
  }

  @Test
  void oneSettingIsJustThatSetting() {
    assertThat(Suite.describe(Map.of("1 fork, 3 warmup and 4 measured invocations, each timed",
        Set.of("upsertAll", "jdbcUnnest"))))
        .isEqualTo("1 fork, 3 warmup and 4 measured invocations, each timed");
  }
}
