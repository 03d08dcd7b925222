package io.github.upserts.processor.validate;

import io.github.upserts.processor.scan.Attribute;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * The errors one validator found in one entity, each with the element it belongs on; the
 * processor reports them, so validators stay free of the {@code Messager} (Dagger's
 * {@code ValidationReport}).
 */
public record ValidationReport(List<Item> items) {

  /**
   * One error: the message, on the most precise element, or on an annotation attribute of it
   * ({@code annotation} and {@code value} null when not).
   */
  public record Item(Element element, AnnotationMirror annotation, AnnotationValue value, String message) {}

  public ValidationReport {
    items = List.copyOf(items);
  }

  public boolean isClean() {
    return items.isEmpty();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the errors of one validator. */
  static final class Builder {
    private final List<Item> items = new ArrayList<>();

    Builder error(Element element, String message) {
      items.add(new Item(element, null, null, message));
      return this;
    }

    /** An error in the value of {@code attribute}, reported on the value as written. */
    Builder error(Attribute attribute, String message) {
      items.add(new Item(attribute.element(), attribute.annotation(), attribute.value(), message));
      return this;
    }

    ValidationReport build() {
      return new ValidationReport(items);
    }
  }
}
