package io.github.upserts.processor.model;

import com.palantir.javapoet.TypeName;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.processor.Naming;

/**
 * One mapped field or record component, with every decision about it made: its names, its
 * policy and how generated code reads, sets, binds and maps it.
 *
 * @param property the Java name, used for parameters and messages
 * @param column the column name in the database
 * @param parameter the SQL bind parameter name
 * @param type the Java type
 * @param parameterized whether the type has type arguments (needs a {@code GenericType} token)
 * @param key part of the unique key
 * @param policy merge policy of a non-key column
 * @param expression the SQL template of a {@code @MergeWith} column; null for every other
 * @param source where a write takes the column's value from
 * @param nullable whether the property carries a {@code @Nullable} annotation
 * @param read how generated code reads the value from an instance
 * @param write how generated code sets it on a new instance (null when an all-args constructor
 *     is used)
 * @param binding how generated code binds the value to a statement
 * @param reading how the generated row mapper reads the column of a row
 */
public record ColumnModel(
    String property,
    String column,
    String parameter,
    TypeName type,
    boolean parameterized,
    boolean key,
    MergePolicy policy,
    String expression,
    Column.Source source,
    boolean nullable,
    Access read,
    Access write,
    Binding binding,
    Reading reading) {

  /** Whether writes bind the entity's value of this column (else the database fills it). */
  public boolean bound() {
    return source.bound();
  }

  /** The constant of the DAO's {@code Columns} enum preferred for this column: {@code lastSeen} → {@code LAST_SEEN}. */
  public String constantName() {
    return Naming.constantName(property);
  }

  /** The DAO method that increments this column. */
  public String incrementMethod() {
    return Naming.incrementMethod(property);
  }

  /** A member that reads or writes the value: a field, or a method (accessor or setter). */
  public record Access(Kind kind, String name) {
    /** Whether generated code uses the member as {@code row.name} or calls it. */
    public enum Kind {
      FIELD,
      METHOD
    }

    public static Access field(String name) {
      return new Access(Kind.FIELD, name);
    }

    public static Access method(String name) {
      return new Access(Kind.METHOD, name);
    }
  }
}
