package io.github.upserts.dialect;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
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
 * @param type the Java type of the property ({@code Object.class} when unknown), from which a
 *     dialect picks how to send many values of the column at once
 * @param source where the value a write gives the column comes from
 * @param expression the SQL template of a {@link MergePolicy#MERGE_WITH} column
 *     ({@link io.github.upserts.sql.Template}); null for every other policy
 */
public record Column(
    String name, String property, String parameter, boolean key, MergePolicy policy, Type type, Source source,
    String expression) {

  /** Where the value a write gives a column comes from. */
  public enum Source {
    /** The entity's value, bound as a parameter. */
    GIVEN,
    /**
     * The entity's value, bound as a parameter when not null; when null, an insert leaves the
     * column to its database default and an update keeps the stored value.
     */
    DEFAULT_IF_NULL,
    /** The database: never inserted, never updated, read back ({@code @DatabaseGenerated}). */
    DATABASE_GENERATED,
    /** The database's clock at insert, never updated ({@code @CreatedAt}). */
    CREATED_AT,
    /** The database's clock at insert and at every update that changes another column ({@code @UpdatedAt}). */
    UPDATED_AT,
    /**
     * For one statement, of a row whose value is null ({@code @Coalesce} on a {@code NOT NULL}
     * column without a default): an insert gives the column the stored value of the row with the
     * same key (so the proposed row passes {@code NOT NULL} when that row exists; null, the
     * database's {@code NOT NULL} error, for a new key), and an update never assigns it.
     */
    STORED_IF_NULL;

    /** Whether writes bind the entity's value. */
    public boolean bound() {
      return this == GIVEN || this == DEFAULT_IF_NULL;
    }

    /** Whether the value is the database's clock. */
    public boolean clock() {
      return this == CREATED_AT || this == UPDATED_AT;
    }
  }

  /** A column merged by a policy other than {@link MergePolicy#MERGE_WITH}. */
  public Column(String name, String property, String parameter, boolean key, MergePolicy policy, Type type, Source source) {
    this(name, property, parameter, key, policy, type, source, null);
  }

  /** A column whose Java type is not known (e.g. at compile time). */
  public Column(String name, String property, String parameter, boolean key, MergePolicy policy) {
    this(name, property, parameter, key, policy, Object.class);
  }

  /** A column whose value is the entity's. */
  public Column(String name, String property, String parameter, boolean key, MergePolicy policy, Type type) {
    this(name, property, parameter, key, policy, type, Source.GIVEN);
  }

  public Column {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
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
    if (key && source != Source.GIVEN) {
      throw new IllegalArgumentException("Column " + name + " is a key column: its value must be given, not " + source);
    }
    if ((policy == MergePolicy.MERGE_WITH) != (expression != null)) {
      throw new IllegalArgumentException("Column " + name + ": an expression goes with MERGE_WITH, and MERGE_WITH with"
          + " an expression; got policy " + policy + " and expression " + expression);
    }
    if (!source.bound() && policy != MergePolicy.OVERWRITE) {
      throw new IllegalArgumentException(
          "Column " + name + " takes its value from the database (" + source + ") and cannot have merge policy " + policy);
    }
  }

  /** This column with its value from {@code source}. */
  public Column from(Source source) {
    return new Column(name, property, parameter, key, policy, type, source, expression);
  }

  /**
   * This column merged by the SQL template {@code expression} ({@link MergePolicy#MERGE_WITH},
   * {@code @MergeWith}): e.g. {@code "{stored} || ',' || {incoming}"}; the template is checked
   * against the table when the table is built ({@link io.github.upserts.sql.Template}).
   */
  public Column mergingWith(String expression) {
    return new Column(name, property, parameter, key, MergePolicy.MERGE_WITH, type, source,
        java.util.Objects.requireNonNull(expression, "expression"));
  }

  /** This column merged by {@code policy} (an expression dropped unless {@link MergePolicy#MERGE_WITH}). */
  public Column merging(MergePolicy policy) {
    return new Column(name, property, parameter, key, policy, type, source, policy == MergePolicy.MERGE_WITH ? expression : null);
  }

  /** Whether writes bind the entity's value of this column ({@link Source#bound()}). */
  public boolean bound() {
    return source.bound();
  }

  /** A key column. */
  public static Column key(String name, String property, String parameter) {
    return new Column(name, property, parameter, true, MergePolicy.OVERWRITE);
  }

  /** A non-key column merged by {@code policy}. */
  public static Column value(String name, String property, String parameter, MergePolicy policy) {
    return new Column(name, property, parameter, false, policy);
  }

  /** A key column of Java type {@code type}. */
  public static Column key(String name, String property, String parameter, Type type) {
    return new Column(name, property, parameter, true, MergePolicy.OVERWRITE, type);
  }

  /** A non-key column of Java type {@code type}, merged by {@code policy}. */
  public static Column value(
      String name, String property, String parameter, MergePolicy policy, Type type) {
    return new Column(name, property, parameter, false, policy, type);
  }

  /** The raw class of {@link #type()}. */
  public Class<?> rawType() {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  private static void requireNonBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Column " + what + " must not be blank");
    }
  }
}
