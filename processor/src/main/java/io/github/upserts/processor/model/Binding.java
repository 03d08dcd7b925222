package io.github.upserts.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.util.Set;

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
  /**
   * {@code statement.bindByType(name, value, type)}: JDBI finds the argument by the type token,
   * among them those the runtime registers on its statements (BigInteger, UUID).
   */
  BY_TYPE;

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
    return BY_TYPE;
  }
}
