package io.github.upserts.processor.validate;

import io.github.upserts.processor.Messages;
import io.github.upserts.processor.Naming;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the table, schema and column names can be quoted into SQL, and no two properties map
 * to one column (compared ignoring case, as unquoted identifiers are by some databases).
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
    // a name derived from a Java identifier is always usable; only a given one is checked
    String table = entity.tableAttribute();
    if (!table.isEmpty() && !Naming.isUsableIdentifier(table)) {
      report.error(entity.element(), Messages.badTableName(name, "table", table));
    }
    String schema = entity.schema();
    if (!schema.isEmpty() && !Naming.isUsableIdentifier(schema)) {
      report.error(entity.element(), Messages.badTableName(name, "schema", schema));
    }
    Map<String, String> columnOwners = new HashMap<>();
    for (ScannedProperty property : entity.properties()) {
      String column = property.column(naming);
      if (!Naming.isUsableIdentifier(column)) {
        report.error(property.position(), Messages.badColumnName(name, property.name(), column));
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
