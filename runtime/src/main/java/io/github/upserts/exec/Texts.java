package io.github.upserts.exec;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Statement texts kept per counter column, or rendered once per row count. */
public final class Texts {
  private Texts() {}

  /** One text per {@code @Increment} column of {@code table}, by column name. */
  public static Map<String, String> perCounter(Table table, Function<Column, String> text) {
    Map<String, String> texts = new LinkedHashMap<>();
    table.values().stream().filter(c -> c.policy() == MergePolicy.INCREMENT)
        .forEach(c -> texts.put(c.name(), text.apply(c)));
    return texts;
  }

  /** A statement whose text depends on its number of rows, rendered once per number. */
  public static IntFunction<String> byRows(IntFunction<String> render) {
    Map<Integer, String> rendered = new ConcurrentHashMap<>();
    return rows -> rendered.computeIfAbsent(rows, render::apply);
  }
}
