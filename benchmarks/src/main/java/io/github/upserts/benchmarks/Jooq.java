package io.github.upserts.benchmarks;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.github.upserts.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertResultStep;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The jOOQ contenders: the generated DAO's merge (overwrite {@code name} and {@code seen}, add
 * up {@code hits}, report whether the row was inserted) written with jOOQ's DSL, the way a jOOQ
 * user writes it without code generation: {@code insertInto(...).onConflict(...).doUpdate()},
 * built anew for every call; in bulk, one such statement run as a JDBC batch with bind values
 * ({@code DSLContext.batch}), {@link HandWritten#CHUNK} rows per batch.
 *
 * <p>Settings: {@link SQLDialect#POSTGRES}, no formatting, no execute logging, jOOQ's other
 * defaults (quoted names, prepared statements).
 */
final class Jooq {
  /** jOOQ prints a banner and a tip on first use unless told not to. */
  static {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private static final Settings SETTINGS = new Settings()
      .withRenderFormatted(false)
      .withExecuteLogging(false);

  private static final Table<Record> BENCH_ROWS = table(name(Database.TABLE));
  /** The target as the conflict clause refers to it, like the generated statement's {@code AS t}. */
  private static final Table<Record> T = BENCH_ROWS.as("t");
  private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);
  private static final Field<String> NAME = field(name("name"), SQLDataType.CLOB);
  private static final Field<Long> HITS = field(name("hits"), SQLDataType.BIGINT);
  private static final Field<Instant> SEEN = field(name("seen"), SQLDataType.INSTANT);
  private static final Field<Long> STORED_HITS = field(name("t", "hits"), SQLDataType.BIGINT);
  /** {@code t.xmax = 0}: the row version was written by no transaction before, i.e. inserted. */
  private static final Field<Boolean> INSERTED =
      field(name("t", "xmax"), SQLDataType.INTEGER).eq(inline(0)).as("inserted");

  private Jooq() {}

  /** A jOOQ context on {@code connection}, whose transactions its caller manages. */
  static DSLContext using(Connection connection) {
    return DSL.using(connection, SQLDialect.POSTGRES, SETTINGS);
  }

  /** The single-row upsert of {@code row}, as built for every call. */
  static InsertResultStep<Record1<Boolean>> upsertQuery(DSLContext dsl, BenchRow row) {
    return dsl.insertInto(T, ID, NAME, HITS, SEEN)
        .values(row.id(), row.name(), row.hits(), row.seen())
        .onConflict(ID)
        .doUpdate()
        .set(NAME, excluded(NAME))
        .set(HITS, coalesce(STORED_HITS, inline(0L)).plus(coalesce(excluded(HITS), inline(0L))))
        .set(SEEN, excluded(SEEN))
        .returningResult(INSERTED);
  }

  static Outcome upsert(DSLContext dsl, BenchRow row) {
    return upsertQuery(dsl, row).fetchSingle().value1() ? Outcome.INSERTED : Outcome.UPDATED;
  }

  /**
   * The statement of a batch: the single-row upsert with its values left to bind, and without
   * {@code RETURNING}, which a JDBC batch cannot return.
   */
  static Query batchQuery(DSLContext dsl) {
    return dsl.insertInto(T, ID, NAME, HITS, SEEN)
        .values((Long) null, (String) null, (Long) null, (Instant) null)
        .onConflict(ID)
        .doUpdate()
        .set(NAME, excluded(NAME))
        .set(HITS, coalesce(STORED_HITS, inline(0L)).plus(coalesce(excluded(HITS), inline(0L))))
        .set(SEEN, excluded(SEEN));
  }

  /**
   * {@code rows} as JDBC batches of {@link HandWritten#CHUNK} bound upserts each, committed at
   * the end ({@code dsl} runs on {@code connection}, whose auto-commit is off). Returns the rows
   * written.
   */
  static long batch(DSLContext dsl, Connection connection, List<BenchRow> rows) throws SQLException {
    Query query = batchQuery(dsl);
    long written = 0;
    for (int from = 0; from < rows.size(); from += HandWritten.CHUNK) {
      BatchBindStep batch = dsl.batch(query);
      for (BenchRow row : rows.subList(from, Math.min(rows.size(), from + HandWritten.CHUNK))) {
        batch = batch.bind(row.id(), row.name(), row.hits(), row.seen());
      }
      for (int count : batch.execute()) {
        written += count;
      }
    }
    connection.commit();
    return written;
  }
}
