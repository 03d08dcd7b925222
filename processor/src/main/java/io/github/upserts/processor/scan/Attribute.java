package io.github.upserts.processor.scan;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * An annotation attribute as written, so that a problem with its value is reported on the
 * value itself, not on the annotated element's first line.
 *
 * @param element the annotated element
 * @param annotation the annotation
 * @param value the attribute's value
 */
public record Attribute(Element element, AnnotationMirror annotation, AnnotationValue value) {}
