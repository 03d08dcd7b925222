package io.github.upserts.example;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argument parsing and the report, without a database. */
class ExampleTest {

  @Test
  void noArgumentsMeansTheDefaultsOnAnEmbeddedPostgres() {
    assertThat(Options.parse()).isEqualTo(new Options(null, null, null, 8, 2_000, 5));
  }

  @Test
  void readsEveryOption() {
    Options o = Options.parse("--url", "jdbc:postgresql://127.0.0.1/test", "--user", "postgres",
        "--password", "secret", "--threads", "4", "--ops", "10_000", "--pages", "1");

    assertThat(o).isEqualTo(
        new Options("jdbc:postgresql://127.0.0.1/test", "postgres", "secret", 4, 10_000, 1));
    assertThat(o.totalOps()).isEqualTo(40_000);
  }

  @Test
  void helpReturnsNull() {
    assertThat(Options.parse("--threads", "2", "--help")).isNull();
  }

  @Test
  void rejectsWhatItCannotUse() {
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--threads", "0"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--ops", "many"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--ops"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--colour", "red"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("extra"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--url", "jdbc:mysql://x/y"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--user", "postgres"));
  }

  @Test
  void verdictCountsLostViewsAndErrors() {
    Result naive = new Result("naive", List.of(
        new Result.Row("/home", 10_000, 4_000), new Result.Row("/docs", 6_000, 5_882)),
        212, 0, null, Duration.ofSeconds(2));
    Result exact = new Result("dao", List.of(new Result.Row("/home", 16_000, 16_000)),
        0, 0, null, Duration.ofSeconds(2));

    assertThat(Report.verdict(naive))
        .isEqualTo("lost 6,118 of 16,000 updates (38%), 212 duplicate-key errors");
    assertThat(naive.exact()).isFalse();
    assertThat(Report.verdict(new Result("naive", List.of(new Result.Row("/home", 2, 1)),
        1, 0, null, Duration.ofSeconds(1))))
        .isEqualTo("lost 1 of 2 updates (50%), 1 duplicate-key error");
    assertThat(Report.verdict(exact)).isEqualTo("exact, 0 errors (8,000 views/s)");
    assertThat(exact.exact()).isTrue();
  }

  @Test
  void pagesStartFamiliarThenGetNumbered() {
    assertThat(Main.pages(2)).containsExactly("/home", "/pricing").inOrder();
    assertThat(Main.pages(7)).containsExactly(
        "/home", "/pricing", "/docs", "/blog", "/about", "/page-6", "/page-7").inOrder();
  }
}
