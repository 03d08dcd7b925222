package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * H2's nodes: names folded as H2 folds unquoted identifiers (when the connection folds), the
 * incoming values as named parameters or as the source rows of a bulk {@code MERGE}, a sum whose
 * parameter H2 can type, and a row comparison column by column.
 */
public final class H2Spelling implements Spelling {
  private static final Pattern UNQUOTED_LOWER_CASE = Pattern.compile("[a-z_][a-z0-9_]*");

  private final boolean foldsToUpperCase;
  private final boolean sourceRows;
  private final Set<String> jsonText;
  private final Map<String, String> casts;

  /**
   * @param foldsToUpperCase whether names written like unquoted lower-case identifiers are folded
   * @param sourceRows whether the incoming values are the source rows {@code s}, else parameters
   */
  public H2Spelling(boolean foldsToUpperCase, boolean sourceRows) {
    this(foldsToUpperCase, sourceRows, Set.of(), Map.of());
  }

  private H2Spelling(boolean foldsToUpperCase, boolean sourceRows, Set<String> jsonText, Map<String, String> casts) {
    this.foldsToUpperCase = foldsToUpperCase;
    this.sourceRows = sourceRows;
    this.jsonText = Set.copyOf(jsonText);
    this.casts = Map.copyOf(casts);
  }

  /**
   * This spelling for a table whose columns named in {@code jsonText} are {@code JSON} columns
   * given text: their parameters are read as JSON text ({@code ? FORMAT JSON}), where H2 would
   * store the text as a JSON string.
   */
  public H2Spelling withJsonText(Set<String> jsonText) {
    return jsonText.isEmpty() ? this : new H2Spelling(foldsToUpperCase, sourceRows, jsonText, casts);
  }

  /**
   * This spelling with the parameters of the columns named in {@code casts} cast to the type
   * given there: a key whose column rounds (a {@code NUMERIC} scale, a time precision) is then
   * compared as the column stores it.
   */
  public H2Spelling casting(Map<String, String> casts) {
    return casts.isEmpty() ? this : new H2Spelling(foldsToUpperCase, sourceRows, jsonText, casts);
  }

  @Override
  public String cast(Column column, String value) {
    String type = casts.get(column.name());
    return type != null ? Spelling.castAs(value, type) : jsonText.contains(column.name()) ? value + " FORMAT JSON" : value;
  }

  /** The name as H2 stores it: folded like an unquoted identifier when it looks like one. */
  public String identifier(String name) {
    return foldsToUpperCase && UNQUOTED_LOWER_CASE.matcher(name).matches() ? name.toUpperCase(Locale.ROOT) : name;
  }

  @Override
  public String quote(String name) {
    return Spelling.super.quote(identifier(name));
  }

  /**
   * {@code CURRENT_TIMESTAMP}, which H2 2.x (in its regular mode) holds for the whole
   * transaction, not only the statement: H2 has no clock of the statement's start. Converted to
   * the session's local time for a {@code TIMESTAMP} column.
   */
  @Override
  public String clock(Column column) {
    return "CURRENT_TIMESTAMP";
  }

  @Override
  public String incoming(Column column) {
    return sourceRows ? "s." + quote(column.name()) : parameter(column);
  }

  // a bare parameter stays next to the stored column, from which H2 types it (beside a literal,
  // as in COALESCE(?, 0), it would be typed as the literal)
  @Override
  public String sum(String stored, String delta, boolean deltaNullable) {
    return "COALESCE(" + stored + " + " + delta + (deltaNullable ? ", " + stored + ", " + delta + ", 0)" : ", " + delta + ")");
  }

  /**
   * {@code NULL}: {@code MERGE} inserts only where no row has the key (and checks
   * {@code NOT NULL} only then), so the stored value an insert would take is always null.
   */
  @Override
  public String storedByKey(io.github.upserts.dialect.Table table, Column column, java.util.function.Function<Column, String> key) {
    return "NULL";
  }

  @Override
  public String differs(List<String> stored, List<String> merged) {
    StringBuilder any = new StringBuilder();
    for (int i = 0; i < stored.size(); i++) {
      any.append(i == 0 ? "" : " OR ").append(stored.get(i)).append(" IS DISTINCT FROM ").append(merged.get(i));
    }
    return any.toString();
  }
}
