package io.github.upserts.processor.write;

import static io.github.upserts.processor.write.ColumnCode.index;
import static io.github.upserts.processor.write.ColumnCode.mapperName;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.upserts.processor.model.ColumnModel;
import io.github.upserts.processor.model.ColumnModel.Access;
import io.github.upserts.processor.model.EntityModel;
import io.github.upserts.internal.ResultColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the DAO's nested {@code Mapper}, the row mapper without reflection: it finds each
 * column's index and JDBI column mapper once per result set ({@code specialize}), then creates
 * each row's instance from the columns read as the model decided.
 */
final class MapperWriter {
  static final ClassName ROW_MAPPER = ClassName.get("org.jdbi.v3.core.mapper", "RowMapper");
  static final ClassName STATEMENT_CONTEXT =
      ClassName.get("org.jdbi.v3.core.statement", "StatementContext");
  private static final ClassName COLUMN_MAPPER =
      ClassName.get("org.jdbi.v3.core.mapper", "ColumnMapper");

  private final EntityModel model;
  private final ClassName mapperClass;

  MapperWriter(EntityModel model, ClassName mapperClass) {
    this.model = model;
    this.mapperClass = mapperClass;
  }

  TypeSpec mapper() {
    TypeName rowMapper = ParameterizedTypeName.get(ROW_MAPPER, model.entity());
    MethodSpec map = MethodSpec.methodBuilder("map")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(model.entity())
        .addParameter(ResultSet.class, "rs")
        .addParameter(STATEMENT_CONTEXT, "ctx")
        .addException(SQLException.class)
        .addStatement("return specialize(rs, ctx).map(rs, ctx)")
        .build();

    MethodSpec.Builder specialize = MethodSpec.methodBuilder("specialize")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(rowMapper)
        .addParameter(ResultSet.class, "rs")
        .addParameter(STATEMENT_CONTEXT, "ctx")
        .addException(SQLException.class);
    for (ColumnModel column : model.columns()) {
      specialize.addStatement("int $N = $T.indexOf(rs, $S, $S)", index(column),
          ResultColumns.class, column.column(), model.displayName());
      if (column.reading().usesColumnMapper()) {
        specialize.addStatement("$T<$T> $N = $T.mapper(ctx, $L, $S, $S)", COLUMN_MAPPER,
            column.type().box(), mapperName(column), ResultColumns.class,
            ColumnCode.typeToken(column), model.displayName(), column.property());
      }
    }
    specialize.addCode("return (r, c) -> ");
    if (model.construction().usesConstructor()) {
      CodeBlock.Builder arguments = CodeBlock.builder();
      List<Integer> order = model.construction().constructorArguments();
      for (int i = 0; i < order.size(); i++) {
        arguments.add(i == 0 ? "\n" : ",\n").add(value(model.columns().get(order.get(i))));
      }
      specialize.addCode("new $T($>$>$L$<$<);\n", model.entity(), arguments.build());
    } else {
      specialize.addCode("{\n$>$T row = new $T();\n", model.entity(), model.entity());
      for (ColumnModel column : model.columns()) {
        Access write = column.write();
        if (write.kind() == Access.Kind.FIELD) {
          specialize.addStatement("row.$N = $L", write.name(), value(column));
        } else {
          specialize.addStatement("row.$N($L)", write.name(), value(column));
        }
      }
      specialize.addStatement("return row").addCode("$<};\n");
    }

    return TypeSpec.classBuilder(mapperClass)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(rowMapper)
        .addField(FieldSpec.builder(mapperClass, "INSTANCE", Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", mapperClass)
            .build())
        .addMethod(map)
        .addMethod(specialize.build())
        .build();
  }

  /** Reads one column of the current row {@code r} (context {@code c}) as the model decided. */
  private static CodeBlock value(ColumnModel column) {
    String method = column.reading().method();
    return switch (column.reading().kind()) {
      case RESULT_SET -> CodeBlock.of("r.$N($N)", method, index(column));
      case RESULT_COLUMNS -> CodeBlock.of("$T.orNull(r.$N($N), r)", ResultColumns.class, method, index(column));
      case COLUMN_MAPPER -> CodeBlock.of("$N.map(r, $N, c)", mapperName(column), index(column));
    };
  }
}
