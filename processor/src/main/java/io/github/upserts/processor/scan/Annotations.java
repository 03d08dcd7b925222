package io.github.upserts.processor.scan;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds the annotations Upserts reads on a property, by qualified name, in every place javac
 * may have put them, so the rest of the scanner asks "is it a key?" and not "where is
 * {@code @Key} on a record component?".
 */
public final class Annotations {
  public static final String UPSERTABLE = "io.github.upserts.Upsertable";
  static final String KEY = "io.github.upserts.Key";
  static final String COLUMN_NAME = "org.jdbi.v3.core.mapper.reflect.ColumnName";
  static final String MERGE_WITH = "io.github.upserts.MergeWith";
  static final String UNCHANGED_OPTION = "skipUnchanged";
  static final String UPDATE_WHEN_OPTION = "updateWhen";
  static final String CONFLICT_INDEX_OPTION = "conflictIndex";

  /** Each merge-policy annotation and the policy it stands for, in the order messages list them. */
  private static final Map<String, MergePolicy> POLICIES = policies();

  private static Map<String, MergePolicy> policies() {
    Map<String, MergePolicy> policies = new LinkedHashMap<>();
    policies.put("io.github.upserts.Increment", MergePolicy.INCREMENT);
    policies.put("io.github.upserts.InsertOnly", MergePolicy.INSERT_ONLY);
    policies.put("io.github.upserts.Coalesce", MergePolicy.COALESCE);
    policies.put("io.github.upserts.Max", MergePolicy.MAX);
    policies.put("io.github.upserts.Min", MergePolicy.MIN);
    policies.put("io.github.upserts.NewerWins", MergePolicy.NEWER_WINS);
    policies.put("io.github.upserts.FillIfNull", MergePolicy.FILL_IF_NULL);
    policies.put("io.github.upserts.MergeWith", MergePolicy.MERGE_WITH);
    policies.put("io.github.upserts.Version", MergePolicy.VERSION);
    return Collections.unmodifiableMap(policies);
  }

  /** Each annotation that says where a column's value comes from, and that source, in the order messages list them. */
  private static final Map<String, Column.Source> SOURCES = Map.of(
      "io.github.upserts.DatabaseGenerated", Column.Source.DATABASE_GENERATED,
      "io.github.upserts.DefaultIfNull", Column.Source.DEFAULT_IF_NULL,
      "io.github.upserts.CreatedAt", Column.Source.CREATED_AT,
      "io.github.upserts.UpdatedAt", Column.Source.UPDATED_AT);

  private final Elements elements;

  Annotations(Elements elements) {
    this.elements = elements;
  }

  /** Whether {@code annotation} is on the field or record component (where a user writes it). */
  boolean has(Member member, String annotation) {
    return find(member.element(), annotation).isPresent()
        || (member.field() != null && find(member.field(), annotation).isPresent());
  }

  /** Every merge-policy annotation on the property, in the order messages list them. */
  List<PolicyAnnotation> policies(Member member) {
    List<PolicyAnnotation> found = new ArrayList<>();
    for (Map.Entry<String, MergePolicy> policy : POLICIES.entrySet()) {
      if (has(member, policy.getKey())) {
        String qualifiedName = policy.getKey();
        String name = "@" + qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        if (qualifiedName.equals(MERGE_WITH)) {
          Optional<Attribute> written = written(member, MERGE_WITH, "value");
          String expression = written.map(a -> String.valueOf(a.value().getValue())).orElse("");
          found.add(new PolicyAnnotation(name, policy.getValue(), expression, written));
        } else {
          found.add(new PolicyAnnotation(name, policy.getValue()));
        }
      }
    }
    return found;
  }

  /** Every annotation on the property that says where its value comes from, e.g. {@code @DatabaseGenerated}. */
  List<SourceAnnotation> sources(Member member) {
    List<SourceAnnotation> found = new ArrayList<>();
    for (Column.Source source : Column.Source.values()) {
      SOURCES.forEach((name, s) -> {
        if (s == source && has(member, name)) {
          found.add(new SourceAnnotation("@" + name.substring(name.lastIndexOf('.') + 1), source));
        }
      });
    }
    return found;
  }

  /**
   * JDBI's {@code @ColumnName} value, wherever javac put it: field, record component or
   * accessor; looked for first where the property is reported, so the attribute has a position.
   */
  Optional<Attribute> columnName(Member member) {
    return written(member, COLUMN_NAME, "value");
  }

  /**
   * The attribute {@code name} of {@code annotation} on the property, wherever javac put it:
   * looked for first where the property is reported, so the attribute has a position.
   */
  private static Optional<Attribute> written(Member member, String annotation, String name) {
    List<Element> places = new ArrayList<>(member.annotationPlaces());
    places.add(0, member.position());
    for (Element place : places) {
      Optional<AnnotationMirror> mirror = find(place, annotation);
      if (mirror.isPresent()) {
        return attribute(place, mirror.get(), name);
      }
    }
    return Optional.empty();
  }

  /** The attribute {@code name} of {@code mirror} on {@code element}, when written explicitly. */
  static Optional<Attribute> attribute(Element element, AnnotationMirror mirror, String name) {
    return mirror.getElementValues().entrySet().stream()
        .filter(e -> e.getKey().getSimpleName().contentEquals(name))
        .findFirst()
        .map(e -> new Attribute(element, mirror, e.getValue()));
  }

  /**
   * Whether the property is marked nullable: any annotation named {@code Nullable} (JSpecify,
   * JetBrains, javax, Checker...) on the field, component, accessor or the type itself.
   */
  static boolean isNullable(Member member) {
    for (Element place : member.annotationPlaces()) {
      if (place.getAnnotationMirrors().stream().anyMatch(Annotations::isNullableAnnotation)) {
        return true;
      }
    }
    return member.type().getAnnotationMirrors().stream().anyMatch(Annotations::isNullableAnnotation);
  }

  private static boolean isNullableAnnotation(AnnotationMirror mirror) {
    return mirror.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable");
  }

  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value of the annotation's {@code name} attribute, its default when not written. */
  String stringValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return String.valueOf(entry.getValue().getValue());
      }
    }
    return "";
  }
}
