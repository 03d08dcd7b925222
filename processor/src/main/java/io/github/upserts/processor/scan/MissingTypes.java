package io.github.upserts.processor.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * Finds types javac could not resolve (yet), e.g. ones another processor generates in a later
 * round. A missing superclass does not fail anything by itself: javac hands it over as an
 * error type, and its fields silently do not exist, so it must be looked for before members
 * are read (AutoValue's {@code MissingTypes}).
 */
final class MissingTypes {
  private MissingTypes() {}

  /** Whether the type, or any type argument or component of it, failed to resolve. */
  static boolean isMissing(TypeMirror type) {
    return type.accept(new SimpleTypeVisitor14<Boolean, Void>(false) {
      @Override
      public Boolean visitError(ErrorType t, Void unused) {
        return true;
      }

      @Override
      public Boolean visitDeclared(DeclaredType t, Void unused) {
        return t.getTypeArguments().stream().anyMatch(MissingTypes::isMissing);
      }

      @Override
      public Boolean visitArray(ArrayType t, Void unused) {
        return isMissing(t.getComponentType());
      }
    }, null);
  }

  /**
   * The first supertype of {@code type}, direct or inherited (superclasses and interfaces, with
   * their type arguments), that failed to resolve; null when all resolved.
   */
  static TypeMirror missingSupertype(TypeElement type) {
    Deque<TypeElement> todo = new ArrayDeque<>(List.of(type));
    Set<TypeElement> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      TypeElement next = todo.pop();
      if (!seen.add(next)) {
        continue;
      }
      List<TypeMirror> supertypes = new ArrayList<>(next.getInterfaces());
      supertypes.add(0, next.getSuperclass());
      for (TypeMirror supertype : supertypes) {
        if (isMissing(supertype)) {
          return supertype;
        }
        if (supertype.getKind() == TypeKind.DECLARED) {
          todo.add((TypeElement) ((DeclaredType) supertype).asElement());
        }
      }
    }
    return null;
  }
}
