package io.github.upserts.processor.scan;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * What Lombok's annotations on a field or its class promise, read by annotation name (Upserts
 * does not depend on Lombok). Lombok changes the class while it processes it: with Lombok first
 * on the processor path Upserts sees the getters, setters and constructors it added, but in the
 * first round still sees the fields as written, before {@code @Value} or {@code @FieldDefaults}
 * make them private; so a field of a class Lombok manages is read through its getter and set
 * through its setter whenever they exist, and never directly when Lombok will hide it.
 */
final class Lombok {
  static final String VALUE = "lombok.Value";
  static final String DATA = "lombok.Data";
  static final String GETTER = "lombok.Getter";
  static final String ALL_ARGS_CONSTRUCTOR = "lombok.AllArgsConstructor";
  static final String BUILDER = "lombok.Builder";
  static final String FIELD_DEFAULTS = "lombok.experimental.FieldDefaults";
  static final String PACKAGE_PRIVATE = "lombok.experimental.PackagePrivate";

  private Lombok() {}

  /** Whether Lombok manages the field: a {@code lombok.*} annotation is on it or on its class. */
  static boolean manages(VariableElement field) {
    return field != null
        && (hasLombokAnnotation(field) || hasLombokAnnotation(field.getEnclosingElement()));
  }

  /**
   * Whether Lombok generates a getter for the field: {@code @Getter} on it, or {@code @Value},
   * {@code @Data} or {@code @Getter} on its class, unless an access level of NONE says otherwise.
   */
  static boolean promisesGetter(VariableElement field) {
    if (field == null) {
      return false;
    }
    Optional<AnnotationMirror> onField = Annotations.find(field, GETTER);
    if (onField.isPresent()) {
      return !accessLevelNone(onField.get());
    }
    Element type = field.getEnclosingElement();
    Optional<AnnotationMirror> onType = Annotations.find(type, GETTER);
    if (onType.isPresent()) {
      return !accessLevelNone(onType.get());
    }
    return Annotations.find(type, VALUE).isPresent() || Annotations.find(type, DATA).isPresent();
  }

  /**
   * Whether Lombok makes the field private: {@code @Value} or {@code @FieldDefaults} with an
   * access level on its class, unless {@code @PackagePrivate} is on the field.
   */
  static boolean hidesField(VariableElement field) {
    if (field == null || Annotations.find(field, PACKAGE_PRIVATE).isPresent()) {
      return false;
    }
    Element type = field.getEnclosingElement();
    if (Annotations.find(type, VALUE).isPresent()) {
      return true;
    }
    return Annotations.find(type, FIELD_DEFAULTS)
        .map(defaults -> enumValue(defaults, "level").filter(level -> !level.equals("NONE")).isPresent())
        .orElse(false);
  }

  /**
   * Whether Lombok generates a constructor with parameters: {@code @AllArgsConstructor} or
   * {@code @Builder} on the class (which generates one when the class declares none).
   */
  static boolean promisesConstructor(Element type) {
    return Annotations.find(type, ALL_ARGS_CONSTRUCTOR).isPresent()
        || Annotations.find(type, BUILDER).isPresent();
  }

  private static boolean hasLombokAnnotation(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = mirror.getAnnotationType().toString();
      if (name.startsWith("lombok.")) {
        return true;
      }
    }
    return false;
  }

  private static boolean accessLevelNone(AnnotationMirror mirror) {
    return enumValue(mirror, "value").filter(level -> level.equals("NONE")).isPresent();
  }

  /** The simple name of an enum constant given to the annotation's {@code name}, if written. */
  private static Optional<String> enumValue(AnnotationMirror mirror, String name) {
    for (var entry : mirror.getElementValues().entrySet()) {
      ExecutableElement attribute = entry.getKey();
      AnnotationValue value = entry.getValue();
      if (attribute.getSimpleName().contentEquals(name) && value.getValue() instanceof VariableElement constant) {
        return Optional.of(constant.getSimpleName().toString());
      }
    }
    return Optional.empty();
  }
}
