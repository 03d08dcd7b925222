package io.github.upserts.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.util.Map;

/**
 * How the generated row mapper reads a column of the current row as the property's type:
 * plain JDBC getters where they exist and give the right value for SQL NULL, JDBI's column
 * mapper for everything else. Decided per column type while building the model; the writer
 * renders it.
 *
 * @param kind which form of read
 * @param method the getter a {@link Kind#RESULT_SET} or {@link Kind#RESULT_COLUMNS} read calls;
 *     null for the others
 */
public record Reading(Kind kind, String method) {

  /** The forms of read the writer renders. */
  public enum Kind {
    /** {@code r.method(index)}: a primitive (SQL NULL reads as zero/false), String, BigDecimal. */
    RESULT_SET,
    /** {@code ResultColumns.orNull(r.method(index), r)}: a boxed primitive, null for SQL NULL. */
    RESULT_COLUMNS,
    /**
     * {@code mapper.map(r, index, c)}: JDBI's column mapper for the type, looked up once (the
     * runtime's for a BigInteger, read exactly, where JDBI has none).
     */
    COLUMN_MAPPER
  }

  private static final Map<TypeName, String> RESULT_SET_GETTERS = Map.of(
      TypeName.BOOLEAN, "getBoolean", TypeName.BYTE, "getByte", TypeName.SHORT, "getShort",
      TypeName.INT, "getInt", TypeName.LONG, "getLong", TypeName.FLOAT, "getFloat",
      TypeName.DOUBLE, "getDouble",
      ClassName.get(String.class), "getString", ClassName.get(BigDecimal.class), "getBigDecimal");
  private static final Map<TypeName, String> BOXED_GETTERS = Map.of(
      TypeName.BOOLEAN.box(), "getBoolean", TypeName.BYTE.box(), "getByte",
      TypeName.SHORT.box(), "getShort", TypeName.INT.box(), "getInt",
      TypeName.LONG.box(), "getLong", TypeName.FLOAT.box(), "getFloat",
      TypeName.DOUBLE.box(), "getDouble");

  /** How a column is read as {@code type}. */
  public static Reading of(TypeName type) {
    if (RESULT_SET_GETTERS.containsKey(type)) {
      return new Reading(Kind.RESULT_SET, RESULT_SET_GETTERS.get(type));
    }
    if (BOXED_GETTERS.containsKey(type)) {
      return new Reading(Kind.RESULT_COLUMNS, BOXED_GETTERS.get(type));
    }
    return new Reading(Kind.COLUMN_MAPPER, null);
  }

  /** Whether the mapper must look up a JDBI column mapper for the column first. */
  public boolean usesColumnMapper() {
    return kind == Kind.COLUMN_MAPPER;
  }
}
