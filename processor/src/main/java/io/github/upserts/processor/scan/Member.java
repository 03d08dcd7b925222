package io.github.upserts.processor.scan;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A field or record component as declared, before its annotations and accessors are looked up:
 * the scanner's working form of a property, which never leaves this package.
 *
 * @param name the Java name
 * @param element the field or the record component
 * @param field the field (a record component's private field), or null
 * @param accessor a record component's accessor, or null for a class's field
 * @param type the declared type
 * @param parameter the all-args constructor's parameter that takes the property, or null
 */
record Member(
    String name,
    Element element,
    VariableElement field,
    ExecutableElement accessor,
    TypeMirror type,
    VariableElement parameter) {

  Member(String name, Element element, VariableElement field, ExecutableElement accessor, TypeMirror type) {
    this(name, element, field, accessor, type, null);
  }

  /** This member, with the all-args constructor's parameter that takes it. */
  Member withParameter(VariableElement constructorParameter) {
    return new Member(name, element, field, accessor, type, constructorParameter);
  }

  /**
   * Where to report a problem: javac 17 gives a record component no source position, but its
   * private field carries the component's.
   */
  Element position() {
    return field != null ? field : element;
  }

  /**
   * Where javac puts an annotation written on the property: the field or record component, and
   * (for records) the field and accessor it propagates to; last, the all-args constructor's
   * parameter (where JDBI's constructor mapper reads {@code @ColumnName}, and where Kotlin
   * before 2.2 puts an annotation written on a constructor {@code val} that may target it).
   */
  List<Element> annotationPlaces() {
    List<Element> places = new ArrayList<>();
    places.add(element);
    if (field != null) {
      places.add(field);
    }
    if (accessor != null) {
      places.add(accessor);
    }
    if (parameter != null) {
      places.add(parameter);
    }
    return places;
  }
}
