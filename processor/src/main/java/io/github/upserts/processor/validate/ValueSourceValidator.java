package io.github.upserts.processor.validate;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.processor.Messages;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import io.github.upserts.processor.scan.SourceAnnotation;
import java.util.Set;

/**
 * Whether each annotation saying where a column's value comes from ({@code @DatabaseGenerated},
 * {@code @DefaultIfNull}, {@code @CreatedAt}, {@code @UpdatedAt}) fits: one at most, none on a
 * key, no merge policy beside one the database fills, a type it can hold, one {@code @UpdatedAt}.
 */
final class ValueSourceValidator implements Validator {
  private static final Set<String> CLOCK_TYPES =
      Set.of("java.time.Instant", "java.time.OffsetDateTime", "java.time.LocalDateTime");

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    String name = entity.displayName();
    ValidationReport.Builder report = ValidationReport.builder();
    String updatedAt = null;
    for (ScannedProperty property : entity.properties()) {
      if (property.sources().isEmpty()) {
        continue;
      }
      SourceAnnotation source = property.sources().get(0);
      String problem = problem(name, property, source);
      if (problem != null) {
        report.error(property.position(), problem);
      } else if (source.source() == Column.Source.UPDATED_AT) {
        if (updatedAt != null) {
          report.error(property.position(), Messages.updatedAtTwice(name, property.name(), updatedAt));
        } else {
          updatedAt = property.name();
        }
      }
    }
    return report.build();
  }

  private static String problem(String entity, ScannedProperty property, SourceAnnotation source) {
    if (property.sources().size() > 1) {
      return Messages.conflictingSources(entity, property.name(),
          property.sources().stream().map(SourceAnnotation::name).toList());
    }
    if (property.key()) {
      return Messages.sourceOnKey(entity, property.name(), source.name());
    }
    MergePolicy policy = property.declaredPolicy();
    boolean database = !source.source().bound();
    if (!property.policies().isEmpty() && (database || policy == MergePolicy.NEWER_WINS || policy == MergePolicy.VERSION)) {
      return Messages.sourceWithPolicy(entity, property.name(), source.name(), property.policies().get(0).name());
    }
    if (source.source() == Column.Source.DEFAULT_IF_NULL && property.type().getKind().isPrimitive()) {
      return Messages.defaultIfNullPrimitive(entity, property.name(), property.type().toString());
    }
    if (source.source().clock() && !CLOCK_TYPES.contains(MergePolicyValidator.declaredName(property.type()))) {
      return Messages.clockType(entity, property.name(), source.name(), property.type().toString());
    }
    return null;
  }
}
