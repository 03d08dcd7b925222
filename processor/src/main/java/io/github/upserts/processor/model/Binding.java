package io.github.upserts.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;

/**
 * How generated code binds a column's value to a statement, so that a null still binds as the
 * column's SQL type. Decided per column type while building the model; the writer renders it.
 */
public enum Binding {
  /**
   * {@code statement.bind(name, value)}: JDBI's overloads for primitives, their boxes, String
   * and BigDecimal know the SQL type from the Java type, also of a null.
   */
  DIRECT,
  /** {@code statement.bindByType(name, value, type)}: JDBI finds the argument by the type token. */
  BY_TYPE,
  /**
   * {@code statement.bind(name, SpecialTypes.toDecimal(value))}: JDBC has no setter for a
   * BigInteger, nor JDBI an argument, so it is bound as the BigDecimal it equals.
   */
  BIG_INTEGER,
  /**
   * {@code SpecialTypes.bindUuid(statement, name, value)}: JDBI binds a null UUID as a null
   * varchar, which PostgreSQL refuses for a uuid column.
   */
  UUID;

  private static final Set<TypeName> DIRECTLY_BOUND = Set.of(
      TypeName.BOOLEAN, TypeName.BYTE, TypeName.SHORT, TypeName.INT, TypeName.LONG,
      TypeName.FLOAT, TypeName.DOUBLE, TypeName.CHAR,
      TypeName.BOOLEAN.box(), TypeName.BYTE.box(), TypeName.SHORT.box(), TypeName.INT.box(),
      TypeName.LONG.box(), TypeName.FLOAT.box(), TypeName.DOUBLE.box(), TypeName.CHAR.box(),
      ClassName.get(String.class), ClassName.get(BigDecimal.class));

  /** How a value of {@code type} is bound. */
  public static Binding of(TypeName type) {
    if (DIRECTLY_BOUND.contains(type)) {
      return DIRECT;
    }
    if (type.equals(ClassName.get(BigInteger.class))) {
      return BIG_INTEGER;
    }
    if (type.equals(ClassName.get(java.util.UUID.class))) {
      return UUID;
    }
    return BY_TYPE;
  }
}
