package io.github.upserts.processor.scan;

import io.github.upserts.processor.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Upsertable} type into a {@link ScannedEntity}: its properties, the
 * annotations on them, the members that read and set them and the constructors. Reports
 * nothing and judges nothing, so each validator sees everything; the one thing it decides is
 * to defer an entity whose supertypes or property types do not resolve yet.
 */
public final class EntityScanner {
  private final Elements elements;
  private final Types types;
  private final Annotations annotations;

  public EntityScanner(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.annotations = new Annotations(elements);
  }

  public ScanResult scan(TypeElement type) {
    String entity = displayName(type);
    if (!ScannedEntity.isClassOrRecord(type)) {
      return new ScanResult.Scanned(ScannedEntity.neitherClassNorRecord(type, entity));
    }
    // before reading inherited members: a missing superclass would just have no fields
    TypeMirror missingSupertype = MissingTypes.missingSupertype(type);
    if (missingSupertype != null) {
      return new ScanResult.Deferred(
          type, Messages.unresolvedSupertype(entity, missingSupertype.toString()));
    }
    List<Member> members = type.getKind() == ElementKind.RECORD
        ? recordMembers(type)
        : classMembers(type);
    for (Member member : members) {
      if (MissingTypes.isMissing(member.type())) {
        return new ScanResult.Deferred(member.position(),
            Messages.unresolvedType(entity, member.name(), member.type().toString()));
      }
    }

    Accessors accessors = new Accessors(elements, types, type);
    for (Member member : members) {
      if (Lombok.promisesGetter(member.field()) && accessors.getter(member) == null) {
        // Lombok has not run yet: it runs after Upserts, or not at all
        return new ScanResult.Deferred(
            type, Messages.lombokOrder(entity, "the getter of " + entity + "." + member.name()));
      }
    }
    if (Lombok.promisesConstructor(type) && !members.isEmpty()
        && ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .allMatch(c -> c.getParameters().isEmpty())) {
      return new ScanResult.Deferred(
          type, Messages.lombokOrder(entity, "the all-args constructor of " + entity));
    }
    Constructors constructors = new Constructors(elements, types, accessors, type);
    members = constructors.withParameters(members);
    List<ScannedProperty> properties = new ArrayList<>();
    for (Member member : members) {
      properties.add(new ScannedProperty(
          member.name(),
          member.position(),
          member.type(),
          annotations.has(member, Annotations.KEY),
          annotations.policies(member),
          annotations.sources(member),
          annotations.columnName(member),
          Annotations.isNullable(member),
          accessors.reader(member),
          accessors.writer(member),
          Accessors.getterNames(member),
          Accessors.setterName(member)));
    }
    AnnotationMirror upsertable = Annotations.find(type, Annotations.UPSERTABLE).orElseThrow();
    return new ScanResult.Scanned(new ScannedEntity(
        type,
        entity,
        annotations.stringValue(upsertable, "table"),
        annotations.stringValue(upsertable, "schema"),
        Annotations.attribute(type, upsertable, "table"),
        Annotations.attribute(type, upsertable, "schema"),
        Boolean.parseBoolean(annotations.stringValue(upsertable, Annotations.UNCHANGED_OPTION)),
        annotations.stringValue(upsertable, Annotations.CONFLICT_INDEX_OPTION),
        Annotations.attribute(type, upsertable, Annotations.CONFLICT_INDEX_OPTION),
        annotations.stringValue(upsertable, Annotations.UPDATE_WHEN_OPTION),
        Annotations.attribute(type, upsertable, Annotations.UPDATE_WHEN_OPTION),
        properties,
        constructors.allArgsOrder(members),
        constructors.hasNoArg()));
  }

  private static List<Member> recordMembers(TypeElement type) {
    Map<String, VariableElement> fields = new HashMap<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      fields.put(field.getSimpleName().toString(), field);
    }
    List<Member> members = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      members.add(new Member(
          name, component, fields.get(name), component.getAccessor(), component.asType()));
    }
    return members;
  }

  /** Instance fields of the class and its superclasses, the topmost superclass's first. */
  private static List<Member> classMembers(TypeElement type) {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeElement t = type; t != null; t = superclass(t)) {
      if (t.getQualifiedName().contentEquals("java.lang.Object")) {
        break;
      }
      chain.add(0, t);
    }
    List<Member> members = new ArrayList<>();
    for (TypeElement t : chain) {
      for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        Set<Modifier> modifiers = field.getModifiers();
        if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.TRANSIENT)) {
          continue;
        }
        members.add(new Member(
            field.getSimpleName().toString(), field, field, null, field.asType()));
      }
    }
    return members;
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED
        ? (TypeElement) ((DeclaredType) superclass).asElement()
        : null;
  }

  /** The entity's name in messages: {@code Outer.Inner} for a nested type, without package. */
  public static String displayName(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return String.join(".", names);
  }
}
