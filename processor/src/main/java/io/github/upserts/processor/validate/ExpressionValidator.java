package io.github.upserts.processor.validate;

import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.processor.Messages;
import io.github.upserts.processor.scan.Attribute;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import io.github.upserts.sql.Template;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * Whether the SQL templates of {@code @MergeWith} and {@code @Upsertable(updateWhen)} are
 * well-formed ({@link Template#parse}, the parser the runtime renders them with) and whether each
 * placeholder names a field the row has a value for: a field of the entity, whose incoming value
 * an upsert sends (not one the database fills), and in {@code updateWhen}, which belongs to no
 * column, never the bare {@code {stored}} or {@code {incoming}}. Each problem is reported on the
 * attribute that gives the expression, so the error points at the text to fix.
 */
final class ExpressionValidator implements Validator {

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    ValidationReport.Builder report = ValidationReport.builder();
    for (ScannedProperty property : entity.properties()) {
      // an @MergeWith the MergePolicyValidator refuses (on a key, with another policy) is not read further
      if (MergePolicyValidator.validPolicy(property) != MergePolicy.MERGE_WITH) {
        continue;
      }
      Optional<Attribute> written = property.policies().get(0).expressionWritten();
      check(entity, "@MergeWith of " + entity.displayName() + "." + property.name(),
          property.declaredExpression(), false, written, property.position(), report);
    }
    if (!entity.updateWhen().isEmpty()) {
      check(entity, "@Upsertable(updateWhen) of " + entity.displayName(), entity.updateWhen(), true,
          entity.updateWhenWritten(), entity.element(), report);
    }
    return report.build();
  }

  /**
   * Reports what is wrong with {@code expression} of {@code where}.
   *
   * @param condition whether it is the table's condition, which has no column of its own
   */
  private static void check(ScannedEntity entity, String where, String expression, boolean condition,
      Optional<Attribute> written, Element fallback, ValidationReport.Builder report) {
    Template template;
    try {
      template = Template.parse(expression);
    } catch (IllegalArgumentException e) {
      error(report, written, fallback, Messages.malformedExpression(where, e.getMessage()));
      return;
    }
    List<String> fields = entity.properties().stream().map(ScannedProperty::name).toList();
    // a placeholder written twice is one problem
    for (Template.Ref ref : new LinkedHashSet<>(template.refs())) {
      if (ref.field() == null) {
        if (condition) {
          error(report, written, fallback, Messages.noOwnColumn(entity.displayName(), ref.toString()));
        }
        continue;
      }
      Optional<ScannedProperty> field = entity.properties().stream()
          .filter(p -> p.name().equals(ref.field()))
          .findFirst();
      if (field.isEmpty()) {
        error(report, written, fallback,
            Messages.unknownField(where, ref.toString(), entity.displayName(), fields));
      } else if (!ref.stored() && !field.get().declaredSource().bound()) {
        error(report, written, fallback, Messages.noIncomingValue(where, ref.toString(),
            entity.displayName(), ref.field(), field.get().sources().get(0).name()));
      }
    }
  }

  private static void error(ValidationReport.Builder report, Optional<Attribute> written,
      Element fallback, String message) {
    written.ifPresentOrElse(a -> report.error(a, message), () -> report.error(fallback, message));
  }
}
