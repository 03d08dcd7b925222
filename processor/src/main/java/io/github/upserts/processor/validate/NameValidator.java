package io.github.upserts.processor.validate;

import io.github.upserts.processor.Messages;
import io.github.upserts.processor.Naming;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the table, schema and column names reach every database as written
 * ({@link Naming#identifierProblem}), each reported on the attribute that gives it or else on
 * the element it is derived from, and no two properties map to one column (compared ignoring
 * case, as unquoted identifiers are by some databases).
 */
final class NameValidator implements Validator {
  private final Naming.Strategy naming;

  NameValidator(Naming.Strategy naming) {
    this.naming = naming;
  }

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    String name = entity.displayName();
    ValidationReport.Builder report = ValidationReport.builder();
    String table = entity.table(naming);
    String problem = Naming.identifierProblem(table);
    // "public.x", "db.public.x" and "\"public\".\"x\"" read as qualified names; a name of other
    // characters around a dot is a quoted name on purpose
    java.util.Optional<java.util.List<String>> qualified = Naming.qualifiedParts(table);
    if (qualified.isPresent() && entity.tableWritten().isPresent()) {
      report.error(entity.tableWritten().get(), Messages.qualifiedTable(name, table, qualified.get(), entity.schema()));
    } else if (problem != null) {
      String message = Messages.badTableName(name, "table", table, problem);
      entity.tableWritten().ifPresentOrElse(
          attribute -> report.error(attribute, message), () -> report.error(entity.element(), message));
    }
    String schema = entity.schema();
    problem = schema.isEmpty() ? null : Naming.identifierProblem(schema);
    java.util.Optional<java.util.List<String>> qualifiedSchema = Naming.qualifiedParts(schema);
    if (qualifiedSchema.isPresent() && entity.schemaWritten().isPresent()) {
      report.error(entity.schemaWritten().get(), Messages.qualifiedSchema(name, schema, qualifiedSchema.get()));
    } else if (problem != null) {
      report.error(entity.schemaWritten().orElseThrow(),
          Messages.badTableName(name, "schema", schema, problem));
    }
    Map<String, String> columnOwners = new HashMap<>();
    for (ScannedProperty property : entity.properties()) {
      String column = property.column(naming);
      problem = Naming.identifierProblem(column);
      if (problem != null) {
        String message = Messages.badColumnName(name, property.name(), column, problem);
        property.columnName().ifPresentOrElse(
            attribute -> report.error(attribute, message), () -> report.error(property.position(), message));
      }
      String owner = columnOwners.putIfAbsent(column.toLowerCase(Locale.ROOT), property.name());
      if (owner != null) {
        report.error(property.position(),
            Messages.duplicateColumn(name, property.name(), column, owner));
      }
    }
    return report.build();
  }
}
