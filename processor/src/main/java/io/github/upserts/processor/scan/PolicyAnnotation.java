package io.github.upserts.processor.scan;

import io.github.upserts.dialect.MergePolicy;

/**
 * A merge-policy annotation found on a property, whether or not it fits the property's type.
 *
 * @param name the annotation as messages name it, e.g. {@code @Increment}
 * @param policy the merge policy it asks for
 */
public record PolicyAnnotation(String name, MergePolicy policy) {}
