package io.github.upserts.processor.validate;

import io.github.upserts.processor.Messages;
import io.github.upserts.processor.scan.ScannedEntity;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * Whether the annotated type can be an entity at all: a concrete, non-generic class or record
 * that generated code in its package can see and create, with fields to map. The other
 * validators only run when it is a class or record with fields.
 */
final class TypeShapeValidator implements Validator {

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    TypeElement type = entity.element();
    String name = entity.displayName();
    ValidationReport.Builder report = ValidationReport.builder();
    if (!entity.isClassOrRecord()) {
      return report.error(type, Messages.notAClass(kindName(type), name)).build();
    }
    Set<Modifier> modifiers = type.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT)) {
      report.error(type, Messages.abstractClass(name));
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS) {
      report.error(type, Messages.innerClass(name));
    } else if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      report.error(type, Messages.innerClass(name));
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        report.error(type, Messages.privateType(name));
        break;
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.error(type, Messages.genericEntity(name));
    }
    if (entity.properties().isEmpty()) {
      report.error(type, Messages.noColumns(name));
    }
    return report.build();
  }

  private static String kindName(TypeElement type) {
    return switch (type.getKind()) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case ANNOTATION_TYPE -> "annotation type";
      default -> type.getKind().toString().toLowerCase(Locale.ROOT);
    };
  }
}
