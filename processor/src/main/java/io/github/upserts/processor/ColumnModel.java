package io.github.upserts.processor;

import com.palantir.javapoet.TypeName;
import io.github.upserts.dialect.MergePolicy;

/**
 * One mapped field or record component.
 *
 * @param property the Java name, used for parameters and messages
 * @param column the column name in the database
 * @param parameter the SQL bind parameter name
 * @param type the Java type
 * @param parameterized whether the type has type arguments (needs a {@code GenericType} token)
 * @param key part of the unique key
 * @param policy merge policy of a non-key column
 * @param nullable whether the property carries a {@code @Nullable} annotation
 * @param read how generated code reads the value from an instance
 * @param write how generated code sets it on a new instance (null when an all-args constructor
 *     is used)
 */
record ColumnModel(
    String property,
    String column,
    String parameter,
    TypeName type,
    boolean parameterized,
    boolean key,
    MergePolicy policy,
    boolean nullable,
    Access read,
    Access write) {

  /** A member that reads or writes the value: a field, or a method (accessor or setter). */
  record Access(Kind kind, String name) {
    enum Kind {
      FIELD,
      METHOD
    }

    static Access field(String name) {
      return new Access(Kind.FIELD, name);
    }

    static Access method(String name) {
      return new Access(Kind.METHOD, name);
    }
  }
}
