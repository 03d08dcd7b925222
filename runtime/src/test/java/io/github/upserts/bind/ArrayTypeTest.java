package io.github.upserts.bind;

import static com.google.common.truth.Truth.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ISO text date-times travel as in bulk statements. */
class ArrayTypeTest {
  @Test
  void instantsAreWrittenInTheIsoFormatWithMicrosecondsOrNanoseconds() {
    assertThat(ArrayType.instantText(Instant.parse("2026-11-27T10:00:00Z")))
        .isEqualTo("2026-11-27T10:00:00Z");
    assertThat(ArrayType.instantText(Instant.parse("2026-11-27T10:00:00.123Z")))
        .isEqualTo("2026-11-27T10:00:00.123000Z");
    assertThat(ArrayType.instantText(Instant.parse("1969-12-31T23:59:59.000001Z")))
        .isEqualTo("1969-12-31T23:59:59.000001Z");
    assertThat(ArrayType.instantText(Instant.parse("0001-01-01T00:00:00.000000001Z")))
        .isEqualTo("0001-01-01T00:00:00.000000001Z");
    assertThat(ArrayType.instantText(Instant.parse("9999-12-31T23:59:59.999999999Z")))
        .isEqualTo("9999-12-31T23:59:59.999999999Z");
    assertThat(ArrayType.instantText(Instant.parse("2024-02-29T12:34:56.700Z")))
        .isEqualTo("2024-02-29T12:34:56.700000Z");
  }

  @Test
  void yearsTheFormatCannotCarryAreLeftToToString() {
    for (Instant instant : new Instant[] {Instant.MIN, Instant.MAX,
        Instant.parse("0000-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z")}) {
      assertThat(ArrayType.instantText(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void everyInstantOfYearsOneToNineThousandNineHundredNinetyNineReadsBackExactly() {
    long from = LocalDate.of(1, 1, 1).toEpochDay() * 86_400L;
    long to = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      int nanos = switch (i % 3) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nanos);
      String text = ArrayType.instantText(instant);
      assertThat(Instant.parse(text)).isEqualTo(instant);
      assertThat(text.substring(0, 19)).isEqualTo(instant.toString().substring(0, 19));
    }
  }

  @Test
  void typedDateTimesOutsideYearsOneToNineThousandNineHundredNinetyNineTakePostgresqlsEraSyntax() {
    assertThat(ArrayType.text(LocalDate.of(0, 6, 1))).isEqualTo("0001-06-01 BC");
    assertThat(ArrayType.text(LocalDate.of(-4713, 11, 24))).isEqualTo("4714-11-24 BC");
    assertThat(ArrayType.text(LocalDate.of(10_000, 1, 1))).isEqualTo("10000-01-01");
    assertThat(ArrayType.text(Instant.parse("-0001-01-01T00:00:00.000000500Z"))).isEqualTo("0002-01-01T00:00:00.000000500Z BC");
    assertThat(ArrayType.text(LocalDateTime.of(0, 1, 1, 0, 0))).isEqualTo("0001-01-01T00:00 BC");
    assertThat(ArrayType.text(OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1))))
        .isEqualTo("0001-01-01T00:00+01:00 BC");
    assertThat(ArrayType.text(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("10000-01-01T00:00:00Z");
    assertThat(ArrayType.text(LocalTime.of(12, 0, 0, 500))).isEqualTo("12:00:00.000000500");
    assertThat(ArrayType.text(LocalDate.of(2026, 11, 30))).isEqualTo("2026-11-30");
  }

  @Test
  void typedExtremesAreInfinities() {
    for (Object min : new Object[] {LocalDate.MIN, LocalDateTime.MIN, OffsetDateTime.MIN, Instant.MIN}) {
      assertThat(ArrayType.text(min)).isEqualTo("-infinity");
    }
    for (Object max : new Object[] {LocalDate.MAX, LocalDateTime.MAX, OffsetDateTime.MAX, Instant.MAX}) {
      assertThat(ArrayType.text(max)).isEqualTo("infinity");
    }
  }
}
