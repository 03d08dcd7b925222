package io.github.upserts.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.github.upserts.processor.model.ColumnModel;
import io.github.upserts.processor.model.ColumnModel.Access;

/**
 * The code of one column that the DAO and its row mapper share: reading it from {@code row},
 * binding a value of it, its type token and the names of its locals and constants.
 */
final class ColumnCode {
  private ColumnCode() {}

  /** The value of the column in the entity {@code row}. */
  static CodeBlock read(ColumnModel column) {
    return column.read().kind() == Access.Kind.FIELD
        ? CodeBlock.of("row.$N", column.read().name())
        : CodeBlock.of("row.$N()", column.read().name());
  }

  /** Binds {@code value} under the column's parameter, as the model decided. */
  static CodeBlock bind(String statement, ColumnModel column, CodeBlock value) {
    return switch (column.binding()) {
      case DIRECT -> CodeBlock.of("$N.bind($S, $L)", statement, column.parameter(), value);
      case BY_TYPE -> CodeBlock.of("$N.bindByType($S, $L, $L)", statement, column.parameter(),
          value, typeToken(column));
    };
  }

  /** The column's type as JDBI takes it: a class literal, or the constant of a generic type. */
  static CodeBlock typeToken(ColumnModel column) {
    return column.parameterized()
        ? CodeBlock.of("$N", typeConstant(column))
        : CodeBlock.of("$T.class", column.type());
  }

  /** The constant holding the {@code java.lang.reflect.Type} of a parameterized column type. */
  static String typeConstant(ColumnModel column) {
    return column.property() + "Type";
  }

  /** The local holding the column's index in the result set. */
  static String index(ColumnModel column) {
    return column.property() + "Index";
  }

  /** The local holding the column's JDBI column mapper. */
  static String mapperName(ColumnModel column) {
    return column.property() + "Mapper";
  }
}
