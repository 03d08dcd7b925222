package io.github.upserts.processor.scan;

import io.github.upserts.processor.Naming;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds the members through which code in the entity's package (where the DAO is generated)
 * can read and set each property of one entity: the field itself when it is visible there, else
 * a getter or setter, inherited ones included.
 */
final class Accessors {
  private final Elements elements;
  private final Types types;
  private final PackageElement pkg;
  private final List<ExecutableElement> methods;

  Accessors(Elements elements, Types types, TypeElement type) {
    this.elements = elements;
    this.types = types;
    this.pkg = elements.getPackageOf(type);
    this.methods = ElementFilter.methodsIn(elements.getAllMembers(type));
  }

  /** The field or method generated code reads the property with, or null when there is none. */
  Element reader(Member member) {
    if (member.accessor() != null) {
      return isAccessible(member.accessor()) ? member.accessor() : null;
    }
    VariableElement field = member.field();
    if (Lombok.manages(field)) {
      // Lombok may make the field private after Upserts has seen it: its getter, when there is one
      ExecutableElement getter = getter(member);
      if (getter != null || Lombok.hidesField(field)) {
        return getter;
      }
    }
    if (isAccessible(field)) {
      return field;
    }
    return getter(member);
  }

  /** The accessible getter of the property, or null when there is none. */
  ExecutableElement getter(Member member) {
    for (String getter : getterNames(member)) {
      for (ExecutableElement method : methods) {
        if (method.getSimpleName().contentEquals(getter)
            && method.getParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.STATIC)
            && isAccessible(method)
            && types.isSameType(method.getReturnType(), member.type())) {
          return method;
        }
      }
    }
    return null;
  }

  /** The field or setter generated code sets the property with, or null when there is none. */
  Element writer(Member member) {
    VariableElement field = member.field();
    if (Lombok.manages(field)) {
      // Lombok may make the field private or final after Upserts has seen it: its setter, when there is one
      ExecutableElement setter = setter(member);
      if (setter != null || Lombok.hidesField(field)) {
        return setter;
      }
    }
    if (field != null && isAccessible(field) && !field.getModifiers().contains(Modifier.FINAL)) {
      return field;
    }
    return setter(member);
  }

  private ExecutableElement setter(Member member) {
    List<String> setters = new ArrayList<>(List.of(setterName(member)));
    String name = member.name();
    if (Lombok.manages(member.field()) && member.type().getKind() == TypeKind.BOOLEAN
        && name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))) {
      // Lombok's setter of boolean isActive is setActive
      setters.add("set" + name.substring(2));
    }
    for (ExecutableElement method : methods) {
      if (setters.contains(method.getSimpleName().toString())
          && method.getParameters().size() == 1
          && !method.getModifiers().contains(Modifier.STATIC)
          && isAccessible(method)
          && types.isSameType(method.getParameters().get(0).asType(), member.type())) {
        return method;
      }
    }
    return null;
  }

  /** The getter names generated code accepts for a field, in order of preference. */
  static List<String> getterNames(Member member) {
    String capitalized = Naming.capitalize(member.name());
    List<String> names = new ArrayList<>();
    names.add("get" + capitalized);
    TypeMirror type = member.type();
    if (type.getKind() == TypeKind.BOOLEAN || type.toString().equals("java.lang.Boolean")) {
      names.add("is" + capitalized);
    }
    names.add(member.name());
    return names;
  }

  static String setterName(Member member) {
    return "set" + Naming.capitalize(member.name());
  }

  /** Whether code in the entity's package can use {@code member}. */
  boolean isAccessible(Element member) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    return elements.getPackageOf(member).equals(pkg);
  }
}
