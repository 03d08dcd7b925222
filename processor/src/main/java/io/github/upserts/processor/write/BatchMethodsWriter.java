package io.github.upserts.processor.write;

import static io.github.upserts.processor.write.Javadocs.sqlBlock;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.github.upserts.BatchOutcome;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.processor.model.EntityModel;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Writes the bulk methods of a DAO, {@code upsertAll} and {@code incrementAll}, each for an
 * iterable and for a stream; the runtime chunks, merges and sorts, so these only hand rows over
 * and say in Javadoc what happens to them.
 */
final class BatchMethodsWriter {
  private final EntityModel model;
  private final ClassName handle;
  private final TableStatements sql;
  private final TableStatements incrementsSql;

  BatchMethodsWriter(EntityModel model, ClassName handle, TableStatements sql, TableStatements incrementsSql) {
    this.model = model;
    this.handle = handle;
    this.sql = sql;
    this.incrementsSql = incrementsSql;
  }

  static TypeName iterableOf(ClassName entity) {
    return ParameterizedTypeName.get(ClassName.get(Iterable.class), WildcardTypeName.subtypeOf(entity));
  }

  static TypeName streamOf(ClassName entity) {
    return ParameterizedTypeName.get(ClassName.get(Stream.class), WildcardTypeName.subtypeOf(entity));
  }

  /** The PostgreSQL statement of one batch: the array form, or else two rows of VALUES. */
  private static String batchSql(TableStatements rendered) {
    return rendered.batchSql(2);
  }

  private static CodeBlock batchJavadoc() {
    return CodeBlock.of("\n<p>The input is read in chunks (only one chunk is in memory, so a"
        + " stream of any length works).\nInside each chunk, rows with the same key are merged"
        + " first, by each column's policy (as if\nwritten one after another; with a"
        + " {@code @NewerWins} column the highest version wins whole), then\nsorted by key, so"
        + " concurrent batches over overlapping keys lock rows in the same order and\nnever"
        + " deadlock; each chunk is one statement. Across chunks, locks are held to the end of"
        + " the\ntransaction, so a collection larger than one chunk is put in key order as a"
        + " whole first:\nconcurrent calls never deadlock however many chunks they span. A"
        + " stream, or an iterable that is\nnot a collection, is sorted chunk by chunk only:"
        + " concurrent callers that overlap and pass\nmore rows than one chunk that way should"
        + " pass them sorted by key.\n\n<p>Atomic: inside the caller's transaction"
        + " (under a savepoint) or in a transaction of its\nown, everything is written or,"
        + " on any exception (a null key in the last row included),\nnothing. An empty input"
        + " does nothing and touches no connection.\n");
  }

  MethodSpec upsertAll(TypeName input) {
    CodeBlock.Builder intro = CodeBlock.builder()
        .add("Upserts every row like {@link #upsert}, many rows per statement:\n")
        .add(sqlBlock(batchSql(sql)));
    if (sql.table().writtenRowByRow()) {
      intro.add("\n<p>This entity's rows are written one statement each, in the call's transaction,"
          + " in the order\nbelow: what happens to each depends on the stored row ({@code @Version},"
          + " or more than one\nreason to leave it untouched), which only its own statement can tell.\n");
    } else if (!sql.table().mergesInJava()) {
      intro.add("\n<p>Rows with the same key are not merged in Java ({@code @MergeWith} and"
          + " {@code updateWhen} are SQL,\nwhich only the database evaluates): they are written in"
          + " rounds of distinct keys, one\nstatement per round, as if one after another.\n");
    }
    return batchMethod("upsertAll", "Upserts", "rows", input, intro.build(),
        sql.table().lockVersion().isPresent()
            ? CodeBlock.of("\n@return how many keys were inserted, updated, skipped, unchanged and"
                + " stale, and how many\n    rows were merged into another with the same key\n")
            : CodeBlock.of("\n@return how many keys were inserted, updated, skipped and unchanged, and"
                + " how many rows\n    were merged into another with the same key\n"));
  }

  /** {@code upsertAllReturning}: {@code upsertAll}, handing each stored row to a consumer chunk by chunk. */
  MethodSpec upsertAllReturning(TypeName input) {
    boolean stream = input.equals(streamOf(model.entity()));
    TypeName consumer = ParameterizedTypeName.get(ClassName.get(java.util.function.Consumer.class),
        WildcardTypeName.supertypeOf(model.entity()));
    return MethodSpec.methodBuilder("upsertAllReturning")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(BatchOutcome.class)
        .addParameter(handle, "handle")
        .addParameter(input, "rows")
        .addParameter(consumer, "stored")
        .addJavadoc("Upserts every row as {@link #upsertAll($T, $T)} does (the SQL, merging, order,"
            + " atomicity),\nand hands each stored row to {@code stored}, generated columns and merged"
            + " values included:\nafter each chunk is written, its rows are read back by key in the"
            + " call's transaction (where\nthe chunk's write left them locked; MariaDB/MySQL: a locking"
            + " read), in key order, chunk\nafter chunk, so a stream of any length streams back. One"
            + " row per distinct key:\n", handle, stream ? Stream.class : Iterable.class)
        .addJavadoc(sqlBlock(sql.rendering().findMany().apply(2)))
        .addJavadoc("\n<p>{@code stored} runs inside the call's transaction: an exception it throws"
            + " undoes the whole call.\n")
        .addJavadoc("\n@return how many keys were inserted, updated, skipped and unchanged, and"
            + " how many rows\n    were merged into another with the same key\n")
        .addJavadoc("@throws IllegalArgumentException when a row is null, or one of its {@code @Key} values"
            + " is null\n    where the key's unique index holds nulls distinct (then nothing is written)\n")
        .addStatement("return SQL.upsertAllReturning(handle, $L, stored)", stream ? "rows.iterator()" : "rows")
        .build();
  }

  MethodSpec incrementAll(TypeName input) {
    return batchMethod("incrementAll", "Increments", "deltas", input,
        CodeBlock.builder()
            .add("Adds each row's {@code @Increment} values to the stored row with its key,"
                + " creating rows\n(key and deltas; other columns take their database defaults)"
                + " where absent. Only the key\nand the {@code @Increment} fields of each row are"
                + " read; deltas of the same key are summed.\n")
            .add(sqlBlock(batchSql(incrementsSql)))
            .build(),
        CodeBlock.of("\n@return how many keys were inserted and updated, and how many rows were"
            + " summed into\n    another with the same key\n"));
  }

  /**
   * One bulk method, named like the {@code EntitySql} method it calls.
   *
   * @param verb how the stream overload's Javadoc starts
   * @param rows the name of the input parameter
   * @param intro the iterable overload's Javadoc before what all bulk methods share
   */
  private MethodSpec batchMethod(
      String name, String verb, String rows, TypeName input, CodeBlock intro, CodeBlock returns) {
    boolean stream = input.equals(streamOf(model.entity()));
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(BatchOutcome.class)
        .addParameter(handle, "handle")
        .addParameter(input, rows);
    if (stream) {
      method.addJavadoc(streamJavadoc(verb, name, handle));
    } else {
      method.addJavadoc(intro).addJavadoc(batchJavadoc());
    }
    return method
        .addJavadoc(returns)
        .addJavadoc("@throws IllegalArgumentException when a row is null, or one of its {@code @Key} values"
            + " is null\n    where the key's unique index holds nulls distinct (then nothing is written)\n")
        // a collection goes as itself (large ones are written in key order), a stream as its iterator
        .addStatement("return SQL.$L(handle, $L)", name, stream ? rows + ".iterator()" : rows)
        .build();
  }

  /** The Javadoc of a stream overload: the iterable one's, by reference, and what differs. */
  private static CodeBlock streamJavadoc(String verb, String method, ClassName handle) {
    return CodeBlock.of(verb + " every row of the stream as {@link #" + method
        + "($T, $T)} does (the SQL,\nmerging, atomicity), reading the stream as it"
        + " goes: one chunk is in memory at a time,\nso a stream of any length works. A stream"
        + " is sorted chunk by chunk only: concurrent\ncallers that overlap and stream more"
        + " rows than one chunk should stream them sorted by key.\n", handle, Iterable.class);
  }
}
