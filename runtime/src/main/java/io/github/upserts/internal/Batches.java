package io.github.upserts.internal;

import io.github.upserts.BatchOutcome;
import io.github.upserts.dialect.Table;
import io.github.upserts.exec.KeyClasses;
import io.github.upserts.exec.Outcomes;
import io.github.upserts.exec.Statements;
import io.github.upserts.exec.TableStatements;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Writes a stream of rows in chunks: each chunk's rows with the same key are merged first (by
 * each column's policy), then sorted by key and written in one statement. Only one chunk is in
 * memory at a time. The whole call is atomic ({@link Outcomes#atomically}): it runs in the
 * caller's transaction under a savepoint, or in a transaction of its own, and anything that
 * fails (a null key in the millionth row, a checked exception a stream throws sneakily) undoes
 * everything the call wrote, and reaches the caller as it was thrown.
 *
 * <p>A collection larger than one chunk is put in key order as a whole first ({@link
 * #inKeyOrder}): then every call locks rows in one global order, chunk after chunk, and
 * concurrent calls over overlapping keys cannot deadlock however many chunks they span. Not so
 * for a key whose equality is the database's and not a fold of text ({@link KeyClasses#foldable}):
 * sorting in Java could part or reorder keys the database holds equal, so such a collection is
 * written in its given order, each chunk in the database's key order.
 */
final class Batches {
  private Batches() {}

  /**
   * Writes every row; {@code rows} gives each row's column values in {@link Table#columns()}
   * order (see {@link #values} and {@link #inKeyOrder}).
   */
  static BatchOutcome write(Handle handle, EntitySql.Rendered rendered, Iterator<Object[]> rows, AfterChunk after) {
    return write(handle, rendered, rows, after, null);
  }

  /** As {@link #write(Handle, EntitySql.Rendered, Iterator, AfterChunk)}, telling {@code progress} (or none) of each chunk. */
  static BatchOutcome write(Handle handle, EntitySql.Rendered rendered, Iterator<Object[]> rows, AfterChunk after,
      Reporter.Bulk progress) {
    return Outcomes.atomically(handle, h -> chunks(h, new Writer(rendered, after, progress), rows));
  }

  /** What runs after each chunk is written, in its transaction: e.g. reading its rows back. */
  @FunctionalInterface
  interface AfterChunk {
    /** @param rows the chunk's distinct rows as written, in the order written */
    void written(Handle handle, TableStatements sql, List<Object[]> rows);
  }

  /** How a chunk is written: the table's statements, what runs after (or null), and who is told (or null). */
  private record Writer(EntitySql.Rendered rendered, AfterChunk after, Reporter.Bulk progress) {
    TableStatements sql() {
      return rendered.sql();
    }

    /**
     * Writes {@code distinct}, the merge of {@code given} rows, in one statement; counts them all.
     * Rows whose nulls are left to the database differently are written in one statement per
     * such combination, each in the chunk's order (in several where that combination's statement
     * binds more per row, its key again for each stored value it reads).
     */
    BatchOutcome written(Handle handle, List<Object[]> distinct, long given) {
      BatchOutcome written = unread(handle, distinct, given);
      if (after != null) {
        after.written(handle, sql(), distinct);
      }
      chunkWritten(given);
      return written;
    }

    /** Tells the listener, if any, that a chunk of {@code given} rows is written. */
    void chunkWritten(long given) {
      if (progress != null) {
        progress.chunk(given);
      }
    }

    /** As {@link #written}, without what runs after: for the rounds of one chunk, after which it runs once. */
    BatchOutcome unread(Handle handle, List<Object[]> distinct, long given) {
      BatchOutcome written;
      if (sql().table().writtenRowByRow()) {
        // each row's update compares its own bound version, or the stored row tells why it was left
        written = BatchOutcome.EMPTY;
        for (Object[] row : distinct) {
          written = written.plus(BatchOutcome.of(rendered.statements(row).upsert(handle, Statements.named(sql().table(), row))));
        }
      } else if (!rendered.varies()) {
        written = sql().upsertBatch(handle, distinct);
      } else {
        Map<Long, List<Object[]>> byNulls = new LinkedHashMap<>();
        distinct.forEach(row -> byNulls.computeIfAbsent(rendered.nulls(row), n -> new ArrayList<>()).add(row));
        written = BatchOutcome.EMPTY;
        for (Map.Entry<Long, List<Object[]>> group : byNulls.entrySet()) {
          TableStatements statements = rendered.statements(group.getKey());
          List<Object[]> rows = group.getValue();
          for (int from = 0; from < rows.size(); from += statements.batchRows()) {
            written = written.plus(statements.upsertBatch(handle, rows.subList(from, Math.min(rows.size(), from + statements.batchRows()))));
          }
        }
      }
      return new BatchOutcome(given, given - distinct.size(), written.inserted(), written.updated(),
          written.skipped(), written.unchanged(), written.stale(), written.exact());
    }
  }

  /** The values of each row in turn, computed as the row is reached: a stream stays a stream. */
  static <T> Iterator<Object[]> values(Iterator<? extends T> rows, Function<? super T, Object[]> values) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
        .<Object[]>map(values).iterator();
  }

  /**
   * The values of the rows in key order, as {@link BatchKeys#ORDER} sorts keys, when there are
   * more than {@code chunkRows}; else in their given order. The sort is stable, so rows with one
   * key keep their given order, which merging depends on. Every row's values are computed here,
   * once, and held until written (the collection itself is in memory already).
   */
  static <T> Iterator<Object[]> inKeyOrder(
      Collection<? extends T> rows, BatchKeys keys, int chunkRows, Function<? super T, Object[]> values) {
    if (rows.size() <= chunkRows) {
      return values(rows.iterator(), values);
    }
    List<Keyed> keyed = new ArrayList<>(rows.size());
    boolean ordered = true;
    boolean first = true;
    Object previous = null;
    for (T row : rows) {
      Object[] rowValues = values.apply(row);
      Object key = keys.of(rowValues);
      ordered = ordered && (first || BatchKeys.ORDER.compare(previous, key) <= 0);
      first = false;
      previous = key;
      keyed.add(new Keyed(key, rowValues));
    }
    if (!ordered) {
      keyed.sort(Comparator.comparing(Keyed::key, BatchKeys.ORDER));
    }
    return keyed.stream().map(Keyed::values).iterator();
  }

  private record Keyed(Object key, Object[] values) {}

  private static BatchOutcome chunks(Handle handle, Writer writer, Iterator<Object[]> rows) {
    EntitySql.Rendered rendered = writer.rendered();
    TableStatements sql = rendered.sql();
    if (rendered.keys() != null) {
      return classed(handle, writer, rendered.keys(), rendered.merger(), rows);
    }
    if (!sql.table().mergesInJava()) {
      return inRounds(handle, writer, rows);
    }
    BatchKeys keys = new BatchKeys(sql.table());
    Chunk chunk = new Chunk(rendered.merger());
    int limit = sql.batchRows();
    BatchOutcome total = BatchOutcome.EMPTY;
    long given = 0;
    while (rows.hasNext()) {
      Object[] row = rows.next();
      Object key = keys.of(row);
      // a full chunk is written when a new key arrives, so that a key's rows that follow one
      // another (as in key order) still merge in the chunk
      if (chunk.size() == limit && !chunk.contains(key)) {
        total = total.plus(writer.written(handle, chunk.take(), given));
        given = 0;
      }
      given++;
      if (!chunk.add(key, row)) {
        // the row cannot merge into its key's: written after what came before it
        total = total.plus(writer.written(handle, chunk.take(), given - 1));
        given = 1;
        chunk.add(key, row);
      }
    }
    if (chunk.size() > 0) {
      total = total.plus(writer.written(handle, chunk.take(), given));
    }
    return total;
  }

  /**
   * As {@link #chunks}, for a table whose rows with one key Java cannot merge (a SQL expression,
   * an update condition, a version lock, {@link Table#mergesInJava()}): each chunk of given rows
   * is written in rounds of distinct keys, the first row of each key in the first round, its
   * second in the second, and so on, each round in key order and in one statement. A key's rows
   * are written in their given order, and rows of different keys do not touch each other: the
   * same as writing the rows one after another.
   */
  private static BatchOutcome inRounds(Handle handle, Writer writer, Iterator<Object[]> rows) {
    BatchKeys keys = new BatchKeys(writer.sql().table());
    int limit = writer.sql().batchRows();
    BatchOutcome total = BatchOutcome.EMPTY;
    List<Object> chunkKeys = new ArrayList<>();
    List<Object[]> chunk = new ArrayList<>();
    while (rows.hasNext()) {
      Object[] row = rows.next();
      chunkKeys.add(keys.of(row));
      chunk.add(row);
      if (chunk.size() == limit) {
        total = total.plus(roundsWritten(handle, writer, chunkKeys, chunk, BatchKeys.ORDER));
        chunkKeys = new ArrayList<>();
        chunk = new ArrayList<>();
      }
    }
    return chunk.isEmpty() ? total : total.plus(roundsWritten(handle, writer, chunkKeys, chunk, BatchKeys.ORDER));
  }

  /**
   * Writes {@code rows}, whose keys (or key classes) are {@code keys}, in rounds of distinct keys
   * ({@link #inRounds}), each round sorted by {@code order}.
   */
  private static <K> BatchOutcome roundsWritten(Handle handle, Writer writer, List<K> keys, List<Object[]> rows,
      Comparator<? super K> order) {
    Map<K, Integer> seen = new java.util.HashMap<>();
    List<List<Integer>> rounds = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      int round = seen.merge(keys.get(i), 1, Integer::sum) - 1;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(i);
    }
    BatchOutcome total = BatchOutcome.EMPTY;
    for (List<Integer> round : rounds) {
      round.sort(Comparator.comparing(keys::get, order));
      total = total.plus(writer.unread(handle, round.stream().map(rows::get).toList(), round.size()));
    }
    if (writer.after() != null) {
      // the first round holds each key of the chunk once, in key order: read back as all rounds left them
      writer.after().written(handle, writer.sql(), rounds.get(0).stream().map(rows::get).toList());
    }
    writer.chunkWritten(rows.size());
    return total;
  }

  /**
   * As {@link #chunks}, for a table whose keys the database compares otherwise than Java: each
   * chunk holds the rows as given, asks the database which keys are equal ({@link KeyClasses}),
   * merges the rows of each class in their given order and writes the classes in the database's
   * key order. A full chunk is written when a row with another folded key arrives ({@link
   * BatchKeys}), so that rows a case-insensitive collation holds equal, which folding and the
   * sort of {@link #inKeyOrder} put next to each other where the keys are foldable, merge in one chunk.
   */
  private static BatchOutcome classed(
      Handle handle, Writer writer, KeyClasses keys, RowMerger merger, Iterator<Object[]> rows) {
    TableStatements sql = writer.sql();
    BatchKeys folded = new BatchKeys(sql.table(), true);
    int limit = sql.batchRows();
    BatchOutcome total = BatchOutcome.EMPTY;
    List<Object[]> given = new ArrayList<>();
    Object last = null;
    while (rows.hasNext()) {
      Object[] row = rows.next();
      Object key = folded.of(row);
      if (given.size() >= limit && !java.util.Objects.equals(key, last)) {
        total = total.plus(classesWritten(handle, writer, keys, merger, given));
        given = new ArrayList<>();
      }
      last = key;
      given.add(row);
    }
    return given.isEmpty() ? total : total.plus(classesWritten(handle, writer, keys, merger, given));
  }

  /** Writes {@code given} rows merged by their keys' classes, in the classes' order. */
  private static BatchOutcome classesWritten(
      Handle handle, Writer writer, KeyClasses keys, RowMerger merger, List<Object[]> given) {
    int[] classes = keys.of(handle, writer.sql().run(), given);
    if (!writer.sql().table().mergesInJava()) {
      return roundsWritten(handle, writer, java.util.Arrays.stream(classes).boxed().toList(), given, Comparator.naturalOrder());
    }
    SortedMap<Integer, Object[]> merged = new TreeMap<>();
    BatchOutcome total = BatchOutcome.EMPTY;
    int taken = 0;
    for (int i = 0; i < given.size(); i++) {
      Object[] held = merged.get(classes[i]);
      if (held != null && !merger.mergeable(held, given.get(i))) {
        // the row cannot merge into its class's: written after what came before it
        total = total.plus(writer.written(handle, new ArrayList<>(merged.values()), i - taken));
        merged.clear();
        taken = i;
      }
      merged.merge(classes[i], given.get(i), merger::merge);
    }
    return total.plus(writer.written(handle, new ArrayList<>(merged.values()), given.size() - taken));
  }
}
