package io.github.upserts.dialect;

import java.util.Objects;

/**
 * One mapped column of a {@link Table}.
 *
 * @param name the column name as stored in the database (quoted by the dialect)
 * @param property the entity's field or record component this column maps, for messages
 * @param parameter the name this column's value is bound under in rendered SQL
 *     ({@code :parameter}); a plain ASCII identifier
 * @param key whether the column is part of the unique key
 * @param policy how the column is merged into an existing row ({@link MergePolicy#OVERWRITE}
 *     for keys, which are never merged)
 */
public record Column(String name, String property, String parameter, boolean key, MergePolicy policy) {

  public Column {
    requireNonBlank(name, "name");
    requireNonBlank(property, "property");
    Objects.requireNonNull(policy, "policy");
    if (parameter == null || !parameter.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "Column " + name + ": bind parameter name '" + parameter
              + "' must be a plain ASCII identifier ([A-Za-z_][A-Za-z0-9_]*)");
    }
    if (key && policy != MergePolicy.OVERWRITE) {
      throw new IllegalArgumentException(
          "Column " + name + " is a key column and cannot have merge policy " + policy);
    }
  }

  /** A key column. */
  public static Column key(String name, String property, String parameter) {
    return new Column(name, property, parameter, true, MergePolicy.OVERWRITE);
  }

  /** A non-key column merged by {@code policy}. */
  public static Column value(String name, String property, String parameter, MergePolicy policy) {
    return new Column(name, property, parameter, false, policy);
  }

  private static void requireNonBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Column " + what + " must not be blank");
    }
  }
}
