package io.github.upserts.processor.validate;

import io.github.upserts.processor.Naming;
import io.github.upserts.processor.scan.ScannedEntity;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every validator on one entity and returns all their reports, so a user sees every
 * problem of an entity at once. Only when the type can have columns at all do the validators
 * of its columns run; else they would only add follow-on errors.
 */
public final class EntityValidator {
  private final Validator shape = new TypeShapeValidator();
  private final List<Validator> columnValidators;

  public EntityValidator(Naming.Strategy naming) {
    this.columnValidators = List.of(
        new NameValidator(naming),
        new KeyValidator(),
        new MergePolicyValidator(),
        new ExpressionValidator(),
        new ValueSourceValidator(),
        new IncrementMethodValidator(),
        new AccessValidator());
  }

  public List<ValidationReport> validate(ScannedEntity entity) {
    List<ValidationReport> reports = new ArrayList<>();
    reports.add(shape.validate(entity));
    if (entity.isClassOrRecord() && !entity.properties().isEmpty()) {
      for (Validator validator : columnValidators) {
        reports.add(validator.validate(entity));
      }
    }
    return reports;
  }
}
