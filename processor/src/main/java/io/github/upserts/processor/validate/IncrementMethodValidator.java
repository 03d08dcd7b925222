package io.github.upserts.processor.validate;

import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.processor.Messages;
import io.github.upserts.processor.Naming;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether each {@code @Increment} column gets a method name of its own: {@code views} and
 * {@code Views} would both get {@code incrementViews}, and the DAO would not compile.
 */
final class IncrementMethodValidator implements Validator {

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    ValidationReport.Builder report = ValidationReport.builder();
    Map<String, String> owners = new HashMap<>();
    for (ScannedProperty property : entity.properties()) {
      if (MergePolicyValidator.validPolicy(property) != MergePolicy.INCREMENT) {
        continue;
      }
      String method = Naming.incrementMethod(property.name());
      if (owners.putIfAbsent(method, property.name()) != null) {
        report.error(property.position(),
            Messages.methodClash(entity.displayName(), property.name(), method));
      }
    }
    return report.build();
  }
}
