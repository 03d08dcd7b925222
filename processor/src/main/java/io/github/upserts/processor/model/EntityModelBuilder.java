package io.github.upserts.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.github.upserts.processor.Naming;
import io.github.upserts.processor.model.ColumnModel.Access;
import io.github.upserts.processor.model.EntityModel.Construction;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Makes the model of an entity the validators found nothing wrong with: decides every name, the
 * construction and, per column, how it is bound and read, and leaves the elements behind. The
 * only class of this package that sees elements.
 */
public final class EntityModelBuilder {
  private final Naming.Strategy naming;

  public EntityModelBuilder(Naming.Strategy naming) {
    this.naming = naming;
  }

  public EntityModel build(ScannedEntity entity) {
    // a constructor taking a whole row is preferred to setters, as the AccessValidator checks
    boolean viaConstructor = entity.allArgsConstructor() != null;
    List<ColumnModel> columns = new ArrayList<>();
    List<String> parameters = Naming.parameters(
        entity.properties().stream().map(ScannedProperty::name).toList());
    for (int i = 0; i < entity.properties().size(); i++) {
      ScannedProperty property = entity.properties().get(i);
      TypeName type = TypeName.get(property.type()).withoutAnnotations();
      columns.add(new ColumnModel(
          property.name(),
          property.column(naming),
          parameters.get(i),
          type,
          isParameterized(property.type()),
          property.key(),
          property.declaredPolicy(),
          property.declaredExpression(),
          property.declaredSource(),
          property.nullable(),
          access(property.reader()),
          viaConstructor ? null : access(property.writer()),
          Binding.of(type),
          Reading.of(type)));
    }
    ClassName entityName = ClassName.get(entity.element());
    ClassName dao = ClassName.get(
        entityName.packageName(), String.join("_", entityName.simpleNames()) + "Upserts");
    return new EntityModel(
        entityName,
        entity.displayName(),
        dao,
        entity.schema(),
        entity.table(naming),
        columns,
        entity.skipUnchanged(),
        entity.conflictIndex(),
        entity.updateWhen(),
        viaConstructor
            ? Construction.viaConstructor(entity.allArgsConstructor())
            : Construction.viaSetters());
  }

  private static Access access(Element member) {
    return member.getKind() == ElementKind.FIELD
        ? Access.field(member.getSimpleName().toString())
        : Access.method(member.getSimpleName().toString());
  }

  private static boolean isParameterized(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && !((DeclaredType) type).getTypeArguments().isEmpty();
  }
}
