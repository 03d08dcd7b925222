package io.github.upserts.processor.scan;

import io.github.upserts.dialect.Column;

/**
 * An annotation that says where a column's value comes from, as found on a property.
 *
 * @param name the annotation as written in messages, e.g. {@code @DatabaseGenerated}
 * @param source the source it stands for
 */
public record SourceAnnotation(String name, Column.Source source) {}
