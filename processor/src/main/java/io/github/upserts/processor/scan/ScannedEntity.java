package io.github.upserts.processor.scan;

import io.github.upserts.processor.Naming;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Upsertable} type as found, right or wrong, with the elements problems are
 * reported on; the validators' input. Of a type that is neither a class nor a record only the
 * element and name are filled in.
 *
 * @param element the annotated type
 * @param displayName its name in messages ({@code Outer.Inner} for nested types)
 * @param tableAttribute {@code @Upsertable(table)}, empty when not given
 * @param schema {@code @Upsertable(schema)}, empty when not given
 * @param tableWritten where {@code table} is written, if it is
 * @param schemaWritten where {@code schema} is written, if it is
 * @param skipUnchanged {@code @Upsertable(skipUnchanged)}
 * @param conflictIndex {@code @Upsertable(conflictIndex)}, empty when not given
 * @param conflictIndexWritten where {@code conflictIndex} is written, if it is
 * @param updateWhen {@code @Upsertable(updateWhen)}, empty when not given
 * @param updateWhenWritten where {@code updateWhen} is written, if it is
 * @param properties the instance fields (the topmost superclass's first) or record components
 * @param allArgsConstructor the property index of each parameter of an accessible constructor
 *     taking every property, or null when there is none
 * @param noArgConstructor whether an accessible no-argument constructor exists
 */
public record ScannedEntity(
    TypeElement element,
    String displayName,
    String tableAttribute,
    String schema,
    Optional<Attribute> tableWritten,
    Optional<Attribute> schemaWritten,
    boolean skipUnchanged,
    String conflictIndex,
    Optional<Attribute> conflictIndexWritten,
    String updateWhen,
    Optional<Attribute> updateWhenWritten,
    List<ScannedProperty> properties,
    List<Integer> allArgsConstructor,
    boolean noArgConstructor) {

  public ScannedEntity {
    properties = List.copyOf(properties);
    allArgsConstructor = allArgsConstructor == null ? null : List.copyOf(allArgsConstructor);
  }

  static ScannedEntity neitherClassNorRecord(TypeElement element, String displayName) {
    return new ScannedEntity(element, displayName, "", "", Optional.empty(), Optional.empty(), false,
        "", Optional.empty(), "", Optional.empty(), List.of(), null, false);
  }

  /** Whether it can have columns at all: only a class or a record can be upserted. */
  public boolean isClassOrRecord() {
    return isClassOrRecord(element);
  }

  static boolean isClassOrRecord(TypeElement type) {
    return type.getKind() == ElementKind.CLASS || type.getKind() == ElementKind.RECORD;
  }

  /** The table: the one {@code @Upsertable} names, else the type's name under {@code naming}. */
  public String table(Naming.Strategy naming) {
    return tableAttribute.isEmpty()
        ? naming.apply(element.getSimpleName().toString())
        : tableAttribute;
  }
}
