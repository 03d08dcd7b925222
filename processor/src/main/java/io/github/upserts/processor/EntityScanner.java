package io.github.upserts.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.processor.ColumnModel.Access;
import io.github.upserts.processor.EntityModel.Construction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Upsertable} type into an {@link EntityModel}, reporting every problem it
 * finds on the most precise element. Produces a model only when nothing was wrong.
 */
final class EntityScanner {
  static final String UPSERTABLE = "io.github.upserts.Upsertable";
  static final String KEY = "io.github.upserts.Key";
  static final String INCREMENT = "io.github.upserts.Increment";
  static final String COLUMN_NAME = "org.jdbi.v3.core.mapper.reflect.ColumnName";
  static final String UNCHANGED_OPTION = "skipUnchanged";

  /** Each merge-policy annotation and the policy it stands for, in the order messages list them. */
  private static final Map<String, MergePolicy> POLICY_ANNOTATIONS = policyAnnotations();

  private static Map<String, MergePolicy> policyAnnotations() {
    Map<String, MergePolicy> policies = new LinkedHashMap<>();
    policies.put(INCREMENT, MergePolicy.INCREMENT);
    policies.put("io.github.upserts.InsertOnly", MergePolicy.INSERT_ONLY);
    policies.put("io.github.upserts.Coalesce", MergePolicy.COALESCE);
    policies.put("io.github.upserts.Max", MergePolicy.MAX);
    policies.put("io.github.upserts.Min", MergePolicy.MIN);
    policies.put("io.github.upserts.NewerWins", MergePolicy.NEWER_WINS);
    return Collections.unmodifiableMap(policies);
  }

  /** Non-numeric types @Max, @Min and @NewerWins can compare. */
  private static final Set<String> COMPARABLE_OBJECTS = Set.of(
      "java.lang.Byte", "java.time.Instant", "java.time.LocalDate", "java.time.LocalDateTime",
      "java.time.LocalTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
      "java.time.ZonedDateTime", "java.util.Date", "java.sql.Date", "java.sql.Time",
      "java.sql.Timestamp");

  private static final Set<String> NUMERIC_OBJECTS = Set.of(
      "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
      "java.lang.Double", "java.math.BigInteger", "java.math.BigDecimal");
  private static final Set<TypeKind> NUMERIC_PRIMITIVES = Set.of(
      TypeKind.SHORT, TypeKind.INT, TypeKind.LONG, TypeKind.FLOAT, TypeKind.DOUBLE);

  private final Elements elements;
  private final Types types;
  private final Naming.Strategy naming;

  EntityScanner(ProcessingEnvironment env, Naming.Strategy naming) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.naming = naming;
  }

  /** What scanning one entity gave. */
  record Result(EntityModel model, Unresolved unresolved) {
    static Result failed() {
      return new Result(null, null);
    }
  }

  /** A type that could not be resolved in this round, reported only if it never resolves. */
  record Unresolved(Element element, String message) {}

  /** One field or record component, before it becomes a column. */
  private record Property(
      String name,
      Element element,
      VariableElement field,
      ExecutableElement accessor,
      TypeMirror type) {

    /**
     * Where to report a problem: javac 17 gives a record component no source position, but its
     * private field carries the component's.
     */
    Element position() {
      return field != null ? field : element;
    }
  }

  Result scan(TypeElement type, Diagnostics diagnostics) {
    String entity = displayName(type);
    int errorsBefore = diagnostics.errorCount();
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      diagnostics.error(type, Messages.notAClass(kindName(type), entity));
      return Result.failed();
    }
    checkShape(type, entity, diagnostics);

    List<Property> properties = type.getKind() == ElementKind.RECORD
        ? recordProperties(type)
        : classProperties(type);
    for (Property property : properties) {
      if (containsError(property.type())) {
        return new Result(null, new Unresolved(
            property.position(),
            Messages.unresolvedType(entity, property.name(), property.type().toString())));
      }
    }
    if (properties.isEmpty()) {
      diagnostics.error(type, Messages.noColumns(entity));
      return Result.failed();
    }

    AnnotationMirror upsertable = annotation(type, UPSERTABLE).orElseThrow();
    String table = stringValue(upsertable, "table");
    if (table.isEmpty()) {
      table = naming.apply(type.getSimpleName().toString());
    } else if (!Naming.isUsableIdentifier(table)) {
      diagnostics.error(type, Messages.badTableName(entity, "table", table));
    }
    boolean skipUnchanged = Boolean.parseBoolean(stringValue(upsertable, UNCHANGED_OPTION));
    String schema = stringValue(upsertable, "schema");
    if (!schema.isEmpty() && !Naming.isUsableIdentifier(schema)) {
      diagnostics.error(type, Messages.badTableName(entity, "schema", schema));
    }

    PackageElement pkg = elements.getPackageOf(type);
    List<ColumnModel> columns = new ArrayList<>();
    Map<String, String> columnOwners = new HashMap<>();
    Map<String, String> incrementMethods = new HashMap<>();
    String versionOwner = null;
    boolean anyKey = false;
    for (int i = 0; i < properties.size(); i++) {
      Property property = properties.get(i);
      boolean key = hasAnnotation(property, KEY);
      anyKey |= key;
      if (key && property.type().getKind() == TypeKind.ARRAY) {
        diagnostics.error(property.position(),
            Messages.arrayKey(entity, property.name(), property.type().toString()));
      }

      String column = columnName(property).orElse(naming.apply(property.name()));
      if (!Naming.isUsableIdentifier(column)) {
        diagnostics.error(property.position(), Messages.badColumnName(entity, property.name(), column));
      }
      String folded = column.toLowerCase(Locale.ROOT);
      String owner = columnOwners.putIfAbsent(folded, property.name());
      if (owner != null) {
        diagnostics.error(
            property.position(), Messages.duplicateColumn(entity, property.name(), column, owner));
      }

      MergePolicy policy = policy(property, key, entity, diagnostics);
      if (policy == MergePolicy.INCREMENT) {
        String method = "increment" + Naming.capitalize(property.name());
        String clash = incrementMethods.putIfAbsent(method, property.name());
        if (clash != null) {
          diagnostics.error(property.position(), Messages.methodClash(entity, property.name(), method));
        }
      } else if (policy == MergePolicy.NEWER_WINS) {
        if (versionOwner != null) {
          diagnostics.error(property.position(),
              Messages.newerWinsTwice(entity, property.name(), versionOwner));
        } else {
          versionOwner = property.name();
        }
      }

      Access read = readAccess(type, property, pkg);
      if (read == null) {
        diagnostics.error(property.position(), Messages.unreadable(
            entity, property.name(), getterNames(property)));
      }
      String parameter = Naming.isPlainIdentifier(property.name()) ? property.name() : "p" + i;
      columns.add(new ColumnModel(
          property.name(),
          column,
          parameter,
          TypeName.get(property.type()).withoutAnnotations(),
          isParameterized(property.type()),
          key,
          policy,
          isNullable(property),
          read,
          null));
    }
    if (!anyKey) {
      diagnostics.error(type, Messages.noKey(entity));
    }

    Construction construction = construction(type, properties, pkg, entity, columns, diagnostics);
    if (diagnostics.errorCount() > errorsBefore || construction == null) {
      return Result.failed();
    }
    ClassName entityName = ClassName.get(type);
    ClassName dao = ClassName.get(
        entityName.packageName(), String.join("_", entityName.simpleNames()) + "Upserts");
    return new Result(
        new EntityModel(
            entityName, entity, dao, schema, table, columns, skipUnchanged, construction),
        null);
  }

  /**
   * The merge policy its annotation gives a property, checked against its type and key role;
   * {@link MergePolicy#OVERWRITE} when it has none or its annotations are wrong (then an error
   * has been reported, and reporting on stops follow-on errors).
   */
  private MergePolicy policy(Property property, boolean key, String entity, Diagnostics diagnostics) {
    List<String> found = new ArrayList<>();
    for (String annotation : POLICY_ANNOTATIONS.keySet()) {
      if (hasAnnotation(property, annotation)) {
        found.add(annotation);
      }
    }
    if (found.isEmpty()) {
      return MergePolicy.OVERWRITE;
    }
    Element at = property.position();
    String name = property.name();
    if (found.size() > 1) {
      diagnostics.error(at, Messages.conflictingPolicies(
          entity, name, found.stream().map(EntityScanner::simpleAnnotationName).toList()));
      return MergePolicy.OVERWRITE;
    }
    MergePolicy policy = POLICY_ANNOTATIONS.get(found.get(0));
    String annotation = simpleAnnotationName(found.get(0));
    String type = property.type().toString();
    if (key) {
      diagnostics.error(at, policy == MergePolicy.INCREMENT
          ? Messages.incrementOnKey(entity, name)
          : Messages.policyOnKey(entity, name, annotation));
      return MergePolicy.OVERWRITE;
    }
    boolean valid = switch (policy) {
      case INCREMENT -> isNumeric(property.type());
      case MAX, MIN, NEWER_WINS -> isComparable(property.type());
      case COALESCE -> !property.type().getKind().isPrimitive();
      default -> true;
    };
    if (!valid) {
      diagnostics.error(at, switch (policy) {
        case INCREMENT -> Messages.incrementNotNumeric(entity, name, type);
        case COALESCE -> Messages.coalescePrimitive(entity, name, type);
        default -> Messages.notComparable(entity, name, annotation, type);
      });
      return MergePolicy.OVERWRITE;
    }
    return policy;
  }

  private static String simpleAnnotationName(String qualifiedName) {
    return "@" + qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  private void checkShape(TypeElement type, String entity, Diagnostics diagnostics) {
    Set<Modifier> modifiers = type.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT)) {
      diagnostics.error(type, Messages.abstractClass(entity));
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS) {
      diagnostics.error(type, Messages.innerClass(entity));
    } else if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      diagnostics.error(type, Messages.innerClass(entity));
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        diagnostics.error(type, Messages.privateType(entity));
        break;
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.error(type, Messages.genericEntity(entity));
    }
  }

  private List<Property> recordProperties(TypeElement type) {
    Map<String, VariableElement> fields = new HashMap<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      fields.put(field.getSimpleName().toString(), field);
    }
    List<Property> properties = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      properties.add(new Property(
          name, component, fields.get(name), component.getAccessor(), component.asType()));
    }
    return properties;
  }

  /** Instance fields of the class and its superclasses, the topmost superclass's first. */
  private List<Property> classProperties(TypeElement type) {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeElement t = type; t != null; t = superclass(t)) {
      if (t.getQualifiedName().contentEquals("java.lang.Object")) {
        break;
      }
      chain.add(0, t);
    }
    List<Property> properties = new ArrayList<>();
    for (TypeElement t : chain) {
      for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        Set<Modifier> modifiers = field.getModifiers();
        if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.TRANSIENT)) {
          continue;
        }
        properties.add(new Property(
            field.getSimpleName().toString(), field, field, null, field.asType()));
      }
    }
    return properties;
  }

  private TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED
        ? (TypeElement) ((DeclaredType) superclass).asElement()
        : null;
  }

  private Access readAccess(TypeElement type, Property property, PackageElement pkg) {
    if (property.accessor() != null) {
      return isAccessible(property.accessor(), pkg)
          ? Access.method(property.accessor().getSimpleName().toString())
          : null;
    }
    if (isAccessible(property.field(), pkg)) {
      return Access.field(property.name());
    }
    for (String getter : getterNames(property)) {
      for (ExecutableElement method : methods(type)) {
        if (method.getSimpleName().contentEquals(getter)
            && method.getParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.STATIC)
            && isAccessible(method, pkg)
            && types.isSameType(method.getReturnType(), property.type())) {
          return Access.method(getter);
        }
      }
    }
    return null;
  }

  /** The getter names generated code accepts for a field, in order of preference. */
  private static List<String> getterNames(Property property) {
    String capitalized = Naming.capitalize(property.name());
    List<String> names = new ArrayList<>();
    names.add("get" + capitalized);
    TypeMirror type = property.type();
    if (type.getKind() == TypeKind.BOOLEAN || type.toString().equals("java.lang.Boolean")) {
      names.add("is" + capitalized);
    }
    names.add(property.name());
    return names;
  }

  private Construction construction(
      TypeElement type,
      List<Property> properties,
      PackageElement pkg,
      String entity,
      List<ColumnModel> columns,
      Diagnostics diagnostics) {
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements())
        .stream()
        // A default or implicit canonical constructor has the type's access: it becomes
        // accessible with the type, which UpsertsPrivateType already asks for.
        .filter(c -> isAccessible(c, pkg) || elements.getOrigin(c) == Elements.Origin.MANDATED)
        .toList();
    for (ExecutableElement constructor : constructors) {
      List<Integer> order = allArgsOrder(constructor, properties);
      if (order != null) {
        return Construction.viaConstructor(order);
      }
    }
    boolean noArg = constructors.stream().anyMatch(c -> c.getParameters().isEmpty());
    if (!noArg) {
      diagnostics.error(type, Messages.noConstructor(entity, properties.size()));
      return null;
    }
    boolean complete = true;
    for (int i = 0; i < properties.size(); i++) {
      Property property = properties.get(i);
      Access write = writeAccess(type, property, pkg);
      if (write == null) {
        diagnostics.error(property.position(), Messages.unwritable(
            entity, property.name(),
            "set" + Naming.capitalize(property.name()) + "(" + property.type() + ")",
            properties.size()));
        complete = false;
      } else {
        ColumnModel c = columns.get(i);
        columns.set(i, new ColumnModel(c.property(), c.column(), c.parameter(), c.type(),
            c.parameterized(), c.key(), c.policy(), c.nullable(), c.read(), write));
      }
    }
    return complete ? Construction.viaSetters() : null;
  }

  /**
   * The property index of each constructor parameter when the constructor takes every property:
   * matched by parameter name when all names match, else by position when the types line up.
   */
  private List<Integer> allArgsOrder(ExecutableElement constructor, List<Property> properties) {
    List<? extends VariableElement> parameters = constructor.getParameters();
    if (parameters.size() != properties.size()) {
      return null;
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < properties.size(); i++) {
      byName.put(properties.get(i).name(), i);
    }
    List<Integer> named = new ArrayList<>();
    for (VariableElement parameter : parameters) {
      Integer index = byName.get(parameter.getSimpleName().toString());
      if (index == null || named.contains(index)
          || !types.isSameType(parameter.asType(), properties.get(index).type())) {
        named = null;
        break;
      }
      named.add(index);
    }
    if (named != null) {
      return named;
    }
    List<Integer> positional = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (!types.isSameType(parameters.get(i).asType(), properties.get(i).type())) {
        return null;
      }
      positional.add(i);
    }
    return positional;
  }

  private Access writeAccess(TypeElement type, Property property, PackageElement pkg) {
    VariableElement field = property.field();
    if (field != null && isAccessible(field, pkg) && !field.getModifiers().contains(Modifier.FINAL)) {
      return Access.field(property.name());
    }
    String setter = "set" + Naming.capitalize(property.name());
    for (ExecutableElement method : methods(type)) {
      if (method.getSimpleName().contentEquals(setter)
          && method.getParameters().size() == 1
          && !method.getModifiers().contains(Modifier.STATIC)
          && isAccessible(method, pkg)
          && types.isSameType(method.getParameters().get(0).asType(), property.type())) {
        return Access.method(setter);
      }
    }
    return null;
  }

  private List<ExecutableElement> methods(TypeElement type) {
    return ElementFilter.methodsIn(elements.getAllMembers(type));
  }

  /** Whether code in {@code pkg} (where the DAO is generated) can use {@code member}. */
  private boolean isAccessible(Element member, PackageElement pkg) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    return elements.getPackageOf(member).equals(pkg);
  }

  private boolean isComparable(TypeMirror type) {
    if (type.getKind() == TypeKind.BYTE || isNumeric(type)) {
      return true;
    }
    return type.getKind() == TypeKind.DECLARED
        && COMPARABLE_OBJECTS.contains(
            ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
  }

  private boolean isNumeric(TypeMirror type) {
    if (NUMERIC_PRIMITIVES.contains(type.getKind())) {
      return true;
    }
    return type.getKind() == TypeKind.DECLARED
        && NUMERIC_OBJECTS.contains(
            ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
  }

  private static boolean isParameterized(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && !((DeclaredType) type).getTypeArguments().isEmpty();
  }

  /** Whether the type, or any type argument or component of it, failed to resolve. */
  private static boolean containsError(TypeMirror type) {
    return type.accept(new SimpleTypeVisitor14<Boolean, Void>(false) {
      @Override
      public Boolean visitError(javax.lang.model.type.ErrorType t, Void unused) {
        return true;
      }

      @Override
      public Boolean visitDeclared(DeclaredType t, Void unused) {
        return t.getTypeArguments().stream().anyMatch(EntityScanner::containsError);
      }

      @Override
      public Boolean visitArray(javax.lang.model.type.ArrayType t, Void unused) {
        return containsError(t.getComponentType());
      }
    }, null);
  }

  /**
   * Whether the property is marked nullable: any annotation named {@code Nullable} (JSpecify,
   * JetBrains, javax, Checker...) on the field, component, accessor or the type itself.
   */
  private static boolean isNullable(Property property) {
    for (Element place : annotationPlaces(property)) {
      if (place.getAnnotationMirrors().stream().anyMatch(EntityScanner::isNullableAnnotation)) {
        return true;
      }
    }
    return property.type().getAnnotationMirrors().stream().anyMatch(EntityScanner::isNullableAnnotation);
  }

  private static boolean isNullableAnnotation(AnnotationMirror mirror) {
    return mirror.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable");
  }

  private boolean hasAnnotation(Property property, String annotation) {
    return annotation(property.element(), annotation).isPresent()
        || (property.field() != null && annotation(property.field(), annotation).isPresent());
  }

  /**
   * Where javac puts an annotation written on a property: the field or record component, and
   * (for records) the field and accessor it propagates to.
   */
  private static List<Element> annotationPlaces(Property property) {
    List<Element> places = new ArrayList<>();
    places.add(property.element());
    if (property.field() != null) {
      places.add(property.field());
    }
    if (property.accessor() != null) {
      places.add(property.accessor());
    }
    return places;
  }

  /** JDBI's {@code @ColumnName}, wherever javac put it: field, record component or accessor. */
  private Optional<String> columnName(Property property) {
    for (Element place : annotationPlaces(property)) {
      Optional<AnnotationMirror> mirror = annotation(place, COLUMN_NAME);
      if (mirror.isPresent()) {
        return Optional.of(stringValue(mirror.get(), "value"));
      }
    }
    return Optional.empty();
  }

  private static Optional<AnnotationMirror> annotation(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  private String stringValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return String.valueOf(entry.getValue().getValue());
      }
    }
    return "";
  }

  static String displayName(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return String.join(".", names);
  }

  private static String kindName(TypeElement type) {
    return switch (type.getKind()) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case ANNOTATION_TYPE -> "annotation type";
      default -> type.getKind().toString().toLowerCase(Locale.ROOT);
    };
  }
}
