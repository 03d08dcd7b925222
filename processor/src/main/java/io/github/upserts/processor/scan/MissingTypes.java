package io.github.upserts.processor.scan;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * Finds types javac could not resolve (yet), e.g. ones another processor generates in a later
 * round, so the entity is deferred instead of judged on what is missing.
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
}
