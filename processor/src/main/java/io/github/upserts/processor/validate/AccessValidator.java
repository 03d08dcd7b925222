package io.github.upserts.processor.validate;

import io.github.upserts.processor.Messages;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;

/**
 * Whether generated code in the entity's package can read every property, and create an
 * instance from a row: through a constructor taking every property, or else through the
 * no-argument constructor and a setter (or visible non-final field) per property.
 */
final class AccessValidator implements Validator {

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    String name = entity.displayName();
    int columns = entity.properties().size();
    ValidationReport.Builder report = ValidationReport.builder();
    for (ScannedProperty property : entity.properties()) {
      if (property.reader() == null) {
        report.error(property.position(),
            Messages.unreadable(name, property.name(), property.getterNames()));
      }
    }
    if (entity.allArgsConstructor() != null) {
      return report.build();
    }
    if (!entity.noArgConstructor()) {
      return report.error(entity.element(), Messages.noConstructor(name, columns)).build();
    }
    for (ScannedProperty property : entity.properties()) {
      if (property.writer() == null) {
        report.error(property.position(), Messages.unwritable(name, property.name(),
            property.setterName() + "(" + property.type() + ")", columns));
      }
    }
    return report.build();
  }
}
