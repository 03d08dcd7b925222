package io.github.upserts.processor.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The constructors of one entity that generated code may call, and which of them can take a
 * whole row: a row is created through an all-args constructor when there is one, else through
 * the no-argument constructor and setters.
 */
final class Constructors {
  private final Types types;
  private final List<ExecutableElement> usable;

  Constructors(Elements elements, Types types, Accessors accessors, TypeElement type) {
    this.types = types;
    this.usable = ElementFilter.constructorsIn(type.getEnclosedElements())
        .stream()
        // A default or implicit canonical constructor has the type's access: it becomes
        // accessible with the type, which UpsertsPrivateType already asks for.
        .filter(c -> accessors.isAccessible(c) || elements.getOrigin(c) == Elements.Origin.MANDATED)
        .toList();
  }

  boolean hasNoArg() {
    return usable.stream().anyMatch(c -> c.getParameters().isEmpty());
  }

  /**
   * The members, each with the parameter of the first usable all-args constructor that takes
   * it; the members as given when no constructor takes them all.
   */
  List<Member> withParameters(List<Member> members) {
    for (ExecutableElement constructor : usable) {
      List<Integer> order = allArgsOrder(constructor, members);
      if (order != null) {
        List<Member> with = new ArrayList<>(members);
        for (int i = 0; i < order.size(); i++) {
          int index = order.get(i);
          with.set(index, members.get(index).withParameter(constructor.getParameters().get(i)));
        }
        return with;
      }
    }
    return members;
  }

  /**
   * The member index of each parameter of the first usable constructor that takes every member;
   * null when none does.
   */
  List<Integer> allArgsOrder(List<Member> members) {
    for (ExecutableElement constructor : usable) {
      List<Integer> order = allArgsOrder(constructor, members);
      if (order != null) {
        return order;
      }
    }
    return null;
  }

  /**
   * The member index of each constructor parameter when the constructor takes every member:
   * matched by parameter name when all names match, else by position when the types line up.
   */
  private List<Integer> allArgsOrder(ExecutableElement constructor, List<Member> members) {
    List<? extends VariableElement> parameters = constructor.getParameters();
    if (parameters.size() != members.size()) {
      return null;
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < members.size(); i++) {
      byName.put(members.get(i).name(), i);
    }
    List<Integer> named = new ArrayList<>();
    for (VariableElement parameter : parameters) {
      Integer index = byName.get(parameter.getSimpleName().toString());
      if (index == null || named.contains(index)
          || !types.isSameType(parameter.asType(), members.get(index).type())) {
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
      if (!types.isSameType(parameters.get(i).asType(), members.get(i).type())) {
        return null;
      }
      positional.add(i);
    }
    return positional;
  }
}
