package io.github.upserts.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * The errors one validator found in one entity, each with the element it belongs on; the
 * processor reports them, so validators stay free of the {@code Messager} (Dagger's
 * {@code ValidationReport}).
 */
public record ValidationReport(List<Item> items) {

  /** One error: the message, on the most precise element. */
  public record Item(Element element, String message) {}

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
      items.add(new Item(element, message));
      return this;
    }

    ValidationReport build() {
      return new ValidationReport(items);
    }
  }
}
