package io.github.upserts.processor.scan;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.processor.Naming;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * One field or record component as found, right or wrong: validators judge it, and only then
 * does it become a column of the model.
 *
 * @param name the Java name
 * @param position the element problems of this property are reported on
 * @param type the declared type
 * @param key whether it carries {@code @Key}
 * @param policies every merge-policy annotation on it, however many and whether they fit
 * @param sources every annotation on it saying where its value comes from ({@code @DatabaseGenerated}, ...)
 * @param columnName the name {@code @ColumnName} gives it, if any, where it is written
 * @param nullable whether it carries an annotation named {@code Nullable}
 * @param reader the field or method the DAO can read it with, or null when there is none
 * @param writer the field or setter the DAO can set it with, or null when there is none
 * @param getterNames the getters looked for, for the message when there is no reader
 * @param setterName the setter looked for, for the message when there is no writer
 */
public record ScannedProperty(
    String name,
    Element position,
    TypeMirror type,
    boolean key,
    List<PolicyAnnotation> policies,
    List<SourceAnnotation> sources,
    Optional<Attribute> columnName,
    boolean nullable,
    Element reader,
    Element writer,
    List<String> getterNames,
    String setterName) {

  public ScannedProperty {
    policies = List.copyOf(policies);
    sources = List.copyOf(sources);
    getterNames = List.copyOf(getterNames);
  }

  /** The column it maps to: the {@code @ColumnName} given, else its name under {@code naming}. */
  public String column(Naming.Strategy naming) {
    return columnName.map(a -> String.valueOf(a.value().getValue())).orElse(naming.apply(name));
  }

  /** Where its value comes from, as its annotation says; {@link Column.Source#GIVEN} when it has none. */
  public Column.Source declaredSource() {
    return sources.isEmpty() ? Column.Source.GIVEN : sources.get(0).source();
  }

  /** The SQL template of its {@code @MergeWith}, or null when its policy annotation is another or none. */
  public String declaredExpression() {
    return policies.isEmpty() ? null : policies.get(0).expression();
  }

  /** The merge policy its annotation asks for; {@link MergePolicy#OVERWRITE} when it has none. */
  public MergePolicy declaredPolicy() {
    return policies.isEmpty() ? MergePolicy.OVERWRITE : policies.get(0).policy();
  }
}
