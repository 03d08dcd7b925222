package io.github.upserts.processor.validate;

import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.processor.Messages;
import io.github.upserts.processor.scan.PolicyAnnotation;
import io.github.upserts.processor.scan.ScannedEntity;
import io.github.upserts.processor.scan.ScannedProperty;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether each column's merge-policy annotation fits it: one at most, none on a key, a type the
 * policy can work with; and at most one version column ({@code @NewerWins} or {@code @Version})
 * per entity. The expressions of {@code @MergeWith} are the {@link ExpressionValidator}'s.
 */
final class MergePolicyValidator implements Validator {
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

  /** The types a @Version column may have. */
  private static final Set<String> VERSION_OBJECTS =
      Set.of("java.lang.Short", "java.lang.Integer", "java.lang.Long");
  private static final Set<TypeKind> VERSION_PRIMITIVES = Set.of(TypeKind.SHORT, TypeKind.INT, TypeKind.LONG);

  /** What is wrong with a property's merge-policy annotations, if anything. */
  private enum Problem {
    NONE,
    CONFLICTING,
    ON_KEY,
    WRONG_TYPE
  }

  @Override
  public ValidationReport validate(ScannedEntity entity) {
    String name = entity.displayName();
    ValidationReport.Builder report = ValidationReport.builder();
    ScannedProperty versionOwner = null;
    for (ScannedProperty property : entity.properties()) {
      Problem problem = problem(property);
      MergePolicy policy = property.declaredPolicy();
      if (problem != Problem.NONE) {
        report.error(property.position(), message(problem, name, property));
      } else if (policy == MergePolicy.NEWER_WINS || policy == MergePolicy.VERSION) {
        if (versionOwner == null) {
          versionOwner = property;
        } else if (policy == MergePolicy.NEWER_WINS && versionOwner.declaredPolicy() == MergePolicy.NEWER_WINS) {
          report.error(property.position(),
              Messages.newerWinsTwice(name, property.name(), versionOwner.name()));
        } else {
          report.error(property.position(), Messages.versionTwice(name, property.name(),
              property.policies().get(0).name(), versionOwner.name(), versionOwner.policies().get(0).name()));
        }
      }
    }
    return report.build();
  }

  /**
   * The policy the property merges by when its annotation fits; {@link MergePolicy#OVERWRITE}
   * when it has none or one that does not fit, which this validator reports, so other checks
   * on the policy do not report follow-on errors.
   */
  static MergePolicy validPolicy(ScannedProperty property) {
    return problem(property) == Problem.NONE ? property.declaredPolicy() : MergePolicy.OVERWRITE;
  }

  private static Problem problem(ScannedProperty property) {
    List<PolicyAnnotation> found = property.policies();
    if (found.isEmpty()) {
      return Problem.NONE;
    }
    if (found.size() > 1) {
      return Problem.CONFLICTING;
    }
    if (property.key()) {
      return Problem.ON_KEY;
    }
    TypeMirror type = property.type();
    boolean fits = switch (found.get(0).policy()) {
      case INCREMENT -> isNumeric(type);
      case MAX, MIN, NEWER_WINS -> isComparable(type);
      case COALESCE -> !type.getKind().isPrimitive();
      case VERSION -> VERSION_PRIMITIVES.contains(type.getKind())
          || VERSION_OBJECTS.contains(declaredName(type));
      default -> true;
    };
    return fits ? Problem.NONE : Problem.WRONG_TYPE;
  }

  private static String message(Problem problem, String entity, ScannedProperty property) {
    String name = property.name();
    List<PolicyAnnotation> found = property.policies();
    if (problem == Problem.CONFLICTING) {
      return Messages.conflictingPolicies(
          entity, name, found.stream().map(PolicyAnnotation::name).toList());
    }
    MergePolicy policy = found.get(0).policy();
    String annotation = found.get(0).name();
    if (problem == Problem.ON_KEY) {
      return policy == MergePolicy.INCREMENT
          ? Messages.incrementOnKey(entity, name)
          : Messages.policyOnKey(entity, name, annotation);
    }
    String type = property.type().toString();
    return switch (policy) {
      case INCREMENT -> Messages.incrementNotNumeric(entity, name, type);
      case COALESCE -> Messages.coalescePrimitive(entity, name, type);
      case VERSION -> Messages.versionType(entity, name, type);
      default -> Messages.notComparable(entity, name, annotation, type);
    };
  }

  private static boolean isComparable(TypeMirror type) {
    return type.getKind() == TypeKind.BYTE || isNumeric(type)
        || COMPARABLE_OBJECTS.contains(declaredName(type));
  }

  private static boolean isNumeric(TypeMirror type) {
    return NUMERIC_PRIMITIVES.contains(type.getKind())
        || NUMERIC_OBJECTS.contains(declaredName(type));
  }

  /** The qualified name of a declared type; empty for any other type. */
  static String declaredName(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        ? ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString()
        : "";
  }
}
