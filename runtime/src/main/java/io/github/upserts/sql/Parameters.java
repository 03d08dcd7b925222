package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.util.List;
import java.util.function.Function;

/**
 * A database's spelling where the incoming row is the statement's bound parameters, not a row in
 * scope: for a query that evaluates a plan's expressions over the stored row alone (why a write
 * left it untouched). Every other node is spelled as the database spells it.
 */
final class Parameters implements Spelling {
  private final Spelling spelling;

  Parameters(Spelling spelling) {
    this.spelling = spelling;
  }

  @Override
  public String incoming(Column column) {
    return spelling.parameter(column);
  }

  @Override
  public String quote(String identifier) {
    return spelling.quote(identifier);
  }

  @Override
  public String table(Table table) {
    return spelling.table(table);
  }

  @Override
  public String stored(Column column) {
    return spelling.stored(column);
  }

  @Override
  public String storedFrom(Table table) {
    return spelling.storedFrom(table);
  }

  @Override
  public String clock(Column column) {
    return spelling.clock(column);
  }

  @Override
  public String extreme(boolean max, String a, String b) {
    return spelling.extreme(max, a, b);
  }

  @Override
  public String sum(String stored, String delta, boolean deltaNullable) {
    return spelling.sum(stored, delta, deltaNullable);
  }

  @Override
  public String differs(List<String> stored, List<String> merged) {
    return spelling.differs(stored, merged);
  }

  @Override
  public String cast(Column column, String value) {
    return spelling.cast(column, value);
  }

  @Override
  public String parameter(Column column) {
    return spelling.parameter(column);
  }

  @Override
  public String keyParameter(Column key) {
    return spelling.keyParameter(key);
  }

  @Override
  public String keyCondition(Table table) {
    return spelling.keyCondition(table);
  }

  @Override
  public String storedByKey(Table table, Column column, Function<Column, String> key) {
    return spelling.storedByKey(table, column, key);
  }
}
