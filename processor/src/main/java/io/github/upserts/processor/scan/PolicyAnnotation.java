package io.github.upserts.processor.scan;

import io.github.upserts.dialect.MergePolicy;
import java.util.Optional;

/**
 * A merge-policy annotation found on a property, whether or not it fits the property's type.
 *
 * @param name the annotation as messages name it, e.g. {@code @Increment}
 * @param policy the merge policy it asks for
 * @param expression the SQL template of {@code @MergeWith}; null for every other annotation
 * @param expressionWritten where {@code @MergeWith}'s value is written, so a problem with it is
 *     reported on the value; empty for every other annotation
 */
public record PolicyAnnotation(
    String name, MergePolicy policy, String expression, Optional<Attribute> expressionWritten) {

  /** An annotation without attributes, e.g. {@code @Increment}. */
  public PolicyAnnotation(String name, MergePolicy policy) {
    this(name, policy, null, Optional.empty());
  }
}
