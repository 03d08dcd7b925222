package io.github.upserts.processor.validate;

import io.github.upserts.processor.Messages;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import javax.lang.model.type.TypeKind;

/**
 * Whether the entity has a key, the columns of the unique constraint every upsert relies on,
 * and whether each key has value equality (rows are matched by key in batches and maps).
 */
final class KeyValidator implements Validator {

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    ValidationReport.Builder report = ValidationReport.builder();
    boolean anyKey = false;
    for (ScannedProperty property : entity.properties()) {
      if (!property.key()) {
        continue;
      }
      anyKey = true;
      if (property.type().getKind() == TypeKind.ARRAY) {
        report.error(property.position(), Messages.arrayKey(
            entity.displayName(), property.name(), property.type().toString()));
      }
    }
    if (!anyKey) {
      report.error(entity.element(), Messages.noKey(entity.displayName()));
    }
    return report.build();
  }
}
