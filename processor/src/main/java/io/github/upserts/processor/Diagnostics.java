package io.github.upserts.processor;

import io.github.upserts.processor.validate.ValidationReport;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports the problems of one entity through the {@code Messager}, each on its element, and
 * remembers whether any was an error; the only place the processor prints a diagnostic.
 */
final class Diagnostics {
  private final Messager messager;
  private int errors;

  Diagnostics(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /** Reports every error of the validators' reports, each on its attribute when it has one. */
  void report(List<ValidationReport> reports) {
    for (ValidationReport report : reports) {
      for (ValidationReport.Item item : report.items()) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element(),
            item.annotation(), item.value());
      }
    }
  }

  int errorCount() {
    return errors;
  }
}
