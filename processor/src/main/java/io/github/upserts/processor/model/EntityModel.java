package io.github.upserts.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.util.List;
import java.util.Map;

/**
 * Everything the writer needs to know about one valid entity; no {@code Element}s inside, so
 * the writer cannot reach back into the compiler.
 *
 * @param entity the entity type
 * @param displayName the entity's name in messages ({@code Outer.Inner} for nested types)
 * @param dao the generated class
 * @param schema the schema, or empty
 * @param table the table name
 * @param columns the mapped columns, in declaration order
 * @param skipUnchanged whether an upsert that would change nothing writes nothing
 * @param conflictIndex the unique index upserts target, empty for the key columns' own
 * @param updateWhen the condition under which an upsert updates an existing row, a SQL template;
 *     empty for always
 * @param construction how generated code creates an instance from a row
 */
public record EntityModel(
    ClassName entity,
    String displayName,
    ClassName dao,
    String schema,
    String table,
    List<ColumnModel> columns,
    boolean skipUnchanged,
    String conflictIndex,
    String updateWhen,
    Construction construction) {

  public EntityModel {
    columns = List.copyOf(columns);
  }

  public List<ColumnModel> keys() {
    return columns.stream().filter(ColumnModel::key).toList();
  }

  public boolean hasPolicy(MergePolicy policy) {
    return columns.stream().anyMatch(c -> c.policy() == policy);
  }

  /**
   * The runtime description of the table, the single source of the SQL. Column types are the
   * JDK's own classes where the property has one (so the SQL shown in Javadoc is the SQL that
   * runs), {@code Object} for the application's types, which the processor cannot load.
   */
  public Table toTable() {
    Table described = new Table(
        displayName,
        schema,
        table,
        columns.stream()
            .map(c -> new Column(c.column(), c.property(), c.parameter(), c.key(), c.policy(),
                jdkClass(c.type()), c.source(), c.expression()))
            .toList(),
        skipUnchanged,
        conflictIndex);
    return updateWhen.isEmpty() ? described : described.updatingWhen(updateWhen);
  }

  /** The class of a primitive, a primitive array or a {@code java.*} type; else Object. */
  private static Class<?> jdkClass(TypeName type) {
    if (type.isPrimitive()) {
      return PRIMITIVES.getOrDefault(type, Object.class);
    }
    if (type instanceof ArrayTypeName array && array.componentType().equals(TypeName.BYTE)) {
      return byte[].class;
    }
    if (type instanceof ClassName name && name.packageName().startsWith("java.")) {
      try {
        return Class.forName(name.reflectionName(), false, EntityModel.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return Object.class;
      }
    }
    return Object.class;
  }

  private static final Map<TypeName, Class<?>> PRIMITIVES = Map.of(
      TypeName.BOOLEAN, boolean.class, TypeName.BYTE, byte.class, TypeName.SHORT, short.class,
      TypeName.INT, int.class, TypeName.LONG, long.class, TypeName.CHAR, char.class,
      TypeName.FLOAT, float.class, TypeName.DOUBLE, double.class);

  /**
   * How a row becomes an instance.
   *
   * @param constructorArguments when not null, an all-args constructor is called with the columns
   *     at these indices, in this order; when null, the no-argument constructor is called and each
   *     column is written through its {@link ColumnModel#write()} access
   */
  public record Construction(List<Integer> constructorArguments) {
    public static Construction viaConstructor(List<Integer> order) {
      return new Construction(List.copyOf(order));
    }

    public static Construction viaSetters() {
      return new Construction(null);
    }

    public boolean usesConstructor() {
      return constructorArguments != null;
    }
  }
}
