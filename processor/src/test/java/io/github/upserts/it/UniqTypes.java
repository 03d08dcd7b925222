package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Max;
import io.github.upserts.Min;
import io.github.upserts.NewerWins;
import io.github.upserts.Upsertable;

/**
 * One entity per Java type docs/policies.md lists for {@code @Increment}, {@code @Max}, {@code @Min} and
 * {@code @NewerWins}: {@code Mm<Type>} with the first three (the increment on numbers only), {@code Nw<Type>}
 * with a version column (see {@link UniqTypeMatrixTest}).
 */
final class UniqTypes {
  private UniqTypes() {}

  @Upsertable(table = "uniq_mm_short")
  record MmShort(@Key String id, @Max short hi, @Min short lo, @Increment short total) {}

  @Upsertable(table = "uniq_nw_short")
  record NwShort(@Key String id, @NewerWins short ver, String note) {}

  @Upsertable(table = "uniq_mm_int")
  record MmInt(@Key String id, @Max int hi, @Min int lo, @Increment int total) {}

  @Upsertable(table = "uniq_nw_int")
  record NwInt(@Key String id, @NewerWins int ver, String note) {}

  @Upsertable(table = "uniq_mm_long")
  record MmLong(@Key String id, @Max long hi, @Min long lo, @Increment long total) {}

  @Upsertable(table = "uniq_nw_long")
  record NwLong(@Key String id, @NewerWins long ver, String note) {}

  @Upsertable(table = "uniq_mm_float")
  record MmFloat(@Key String id, @Max float hi, @Min float lo, @Increment float total) {}

  @Upsertable(table = "uniq_nw_float")
  record NwFloat(@Key String id, @NewerWins float ver, String note) {}

  @Upsertable(table = "uniq_mm_double")
  record MmDouble(@Key String id, @Max double hi, @Min double lo, @Increment double total) {}

  @Upsertable(table = "uniq_nw_double")
  record NwDouble(@Key String id, @NewerWins double ver, String note) {}

  @Upsertable(table = "uniq_mm_boxed_long")
  record MmBoxedLong(@Key String id, @Max Long hi, @Min Long lo, @Increment Long total) {}

  @Upsertable(table = "uniq_nw_boxed_long")
  record NwBoxedLong(@Key String id, @NewerWins Long ver, String note) {}

  @Upsertable(table = "uniq_mm_big_integer")
  record MmBigInteger(@Key String id, @Max java.math.BigInteger hi, @Min java.math.BigInteger lo, @Increment java.math.BigInteger total) {}

  @Upsertable(table = "uniq_nw_big_integer")
  record NwBigInteger(@Key String id, @NewerWins java.math.BigInteger ver, String note) {}

  @Upsertable(table = "uniq_mm_big_decimal")
  record MmBigDecimal(@Key String id, @Max java.math.BigDecimal hi, @Min java.math.BigDecimal lo, @Increment java.math.BigDecimal total) {}

  @Upsertable(table = "uniq_nw_big_decimal")
  record NwBigDecimal(@Key String id, @NewerWins java.math.BigDecimal ver, String note) {}

  @Upsertable(table = "uniq_mm_instant")
  record MmInstant(@Key String id, @Max java.time.Instant hi, @Min java.time.Instant lo) {}

  @Upsertable(table = "uniq_nw_instant")
  record NwInstant(@Key String id, @NewerWins java.time.Instant ver, String note) {}

  @Upsertable(table = "uniq_mm_local_date")
  record MmLocalDate(@Key String id, @Max java.time.LocalDate hi, @Min java.time.LocalDate lo) {}

  @Upsertable(table = "uniq_nw_local_date")
  record NwLocalDate(@Key String id, @NewerWins java.time.LocalDate ver, String note) {}

  @Upsertable(table = "uniq_mm_local_date_time")
  record MmLocalDateTime(@Key String id, @Max java.time.LocalDateTime hi, @Min java.time.LocalDateTime lo) {}

  @Upsertable(table = "uniq_nw_local_date_time")
  record NwLocalDateTime(@Key String id, @NewerWins java.time.LocalDateTime ver, String note) {}

  @Upsertable(table = "uniq_mm_local_time")
  record MmLocalTime(@Key String id, @Max java.time.LocalTime hi, @Min java.time.LocalTime lo) {}

  @Upsertable(table = "uniq_nw_local_time")
  record NwLocalTime(@Key String id, @NewerWins java.time.LocalTime ver, String note) {}

  @Upsertable(table = "uniq_mm_offset_date_time")
  record MmOffsetDateTime(@Key String id, @Max java.time.OffsetDateTime hi, @Min java.time.OffsetDateTime lo) {}

  @Upsertable(table = "uniq_nw_offset_date_time")
  record NwOffsetDateTime(@Key String id, @NewerWins java.time.OffsetDateTime ver, String note) {}

  @Upsertable(table = "uniq_mm_offset_time")
  record MmOffsetTime(@Key String id, @Max java.time.OffsetTime hi, @Min java.time.OffsetTime lo) {}

  @Upsertable(table = "uniq_nw_offset_time")
  record NwOffsetTime(@Key String id, @NewerWins java.time.OffsetTime ver, String note) {}

  @Upsertable(table = "uniq_mm_zoned_date_time")
  record MmZonedDateTime(@Key String id, @Max java.time.ZonedDateTime hi, @Min java.time.ZonedDateTime lo) {}

  @Upsertable(table = "uniq_nw_zoned_date_time")
  record NwZonedDateTime(@Key String id, @NewerWins java.time.ZonedDateTime ver, String note) {}

  @Upsertable(table = "uniq_mm_util_date")
  record MmUtilDate(@Key String id, @Max java.util.Date hi, @Min java.util.Date lo) {}

  @Upsertable(table = "uniq_nw_util_date")
  record NwUtilDate(@Key String id, @NewerWins java.util.Date ver, String note) {}

  @Upsertable(table = "uniq_mm_sql_date")
  record MmSqlDate(@Key String id, @Max java.sql.Date hi, @Min java.sql.Date lo) {}

  @Upsertable(table = "uniq_nw_sql_date")
  record NwSqlDate(@Key String id, @NewerWins java.sql.Date ver, String note) {}

  @Upsertable(table = "uniq_mm_sql_time")
  record MmSqlTime(@Key String id, @Max java.sql.Time hi, @Min java.sql.Time lo) {}

  @Upsertable(table = "uniq_nw_sql_time")
  record NwSqlTime(@Key String id, @NewerWins java.sql.Time ver, String note) {}

  @Upsertable(table = "uniq_mm_sql_timestamp")
  record MmSqlTimestamp(@Key String id, @Max java.sql.Timestamp hi, @Min java.sql.Timestamp lo) {}

  @Upsertable(table = "uniq_nw_sql_timestamp")
  record NwSqlTimestamp(@Key String id, @NewerWins java.sql.Timestamp ver, String note) {}
}
