package org.anserv.runtime.define;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.anserv.api.Cron;
import org.anserv.api.DefinitionException;
import org.anserv.api.EventHandler;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Query;
import org.anserv.api.Scope;
import org.anserv.api.View;

/**
 * Validates a module class completely and turns it into a {@link ModuleDefinition}. Every problem is collected and
 * reported at once in a {@link DefinitionException}, each naming the method and the fix.
 */
public final class ModuleInspector {

  private static final List<Class<? extends Annotation>> KINDS =
      List.of(EventHandler.class, View.class, Query.class, Cron.class);

  private final Class<?> type;
  private final List<String> problems = new ArrayList<>();

  private ModuleInspector(Class<?> type) {
    this.type = type;
  }

  /**
   * The definition of module class {@code type}.
   *
   * @throws DefinitionException listing every problem found
   */
  public static ModuleDefinition inspect(Class<?> type) {
    return new ModuleInspector(type).definition();
  }

  /** The name module class {@code type} deploys under, read from its annotation alone (nothing is checked). */
  public static String nameOf(Class<?> type) {
    Module module = type.getAnnotation(Module.class);
    return module == null || module.name().isEmpty() ? Names.kebab(type.getSimpleName()) : module.name();
  }

  /** The scope module class {@code type} declares, read from its annotation alone (nothing is checked). */
  public static Scope scopeOf(Class<?> type) {
    Module module = type.getAnnotation(Module.class);
    return module == null ? Scope.GLOBAL : module.scope();
  }

  private ModuleDefinition definition() {
    Module module = type.getAnnotation(Module.class);
    String name = moduleName(module);
    Object instance = instantiate();
    List<MethodDefinition> methods = new ArrayList<>();
    for (Method method : annotatedMethods()) {
      MethodDefinition defined = new MethodInspector(method, instance, problems).definition();
      if (defined != null) {
        methods.add(defined);
      }
    }
    checkUniqueNames(methods);
    Scope scope = scopeOf(type);
    ShardKeys.check(name, scope, methods, problems);
    if (!problems.isEmpty()) {
      throw new DefinitionException(name, problems);
    }
    methods.sort(Comparator.comparing(MethodDefinition::kind));
    return new ModuleDefinition(name, module.description(), type, instance, methods, scope);
  }

  private String moduleName(Module module) {
    String guessed = Names.kebab(type.getSimpleName());
    if (module == null) {
      problems.add("Class " + type.getName() + " is not annotated @Module: add @Module(name = \"" + guessed
          + "\", description = \"...\") to it.");
      return guessed;
    }
    String name = module.name().isEmpty() ? guessed : module.name();
    if (!Names.VALID.matcher(name).matches()) {
      problems.add("@Module name \"" + name + "\" of " + type.getName() + " is not valid: use lowercase letters,"
          + " digits and '-', starting with a letter, at most 63 characters.");
    }
    return name;
  }

  private Object instantiate() {
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers()) || type.isInterface()
        || (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()))) {
      problems.add("Module class " + type.getName() + " must be a public, concrete, top-level or static nested class"
          + " so the runtime can create it.");
      return null;
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return constructor.newInstance();
    } catch (NoSuchMethodException e) {
      problems.add("Module class " + type.getName() + " has no public no-argument constructor: add one; handles"
          + " such as Db are injected into methods, not constructors.");
    } catch (InvocationTargetException e) {
      problems.add("The constructor of " + type.getName() + " threw " + e.getCause() + ": fix the constructor.");
    } catch (ReflectiveOperationException e) {
      problems.add("Module class " + type.getName() + " cannot be instantiated: " + e);
    }
    return null;
  }

  private List<Method> annotatedMethods() {
    List<Method> methods = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Arrays.stream(c.getDeclaredMethods())
          .filter(m -> !m.isSynthetic()
              && (KINDS.stream().anyMatch(m::isAnnotationPresent) || m.isAnnotationPresent(Memoize.class)))
          .sorted(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString))
          .forEach(methods::add);
    }
    return methods;
  }

  private void checkUniqueNames(List<MethodDefinition> methods) {
    for (MethodKind kind : MethodKind.values()) {
      Set<String> seen = new HashSet<>();
      for (MethodDefinition m : methods) {
        if (m.kind() == kind && !seen.add(m.name())) {
          String others = methods.stream().filter(o -> o.kind() == kind && o.name().equals(m.name()))
              .map(MethodDefinition::signature).collect(Collectors.joining(" and "));
          problems.add(kind.annotation() + " name \"" + m.name() + "\" is used by " + others + ": give each a"
              + " distinct name, e.g. " + kind.annotation() + "(name = \"...\").");
          break;
        }
      }
    }
  }

  static String signature(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
        + ")";
  }

  static MethodHandle spreader(Method method, Object instance) throws IllegalAccessException {
    MethodHandle handle = MethodHandles.publicLookup().unreflect(method).bindTo(instance);
    int arity = method.getParameterCount();
    return handle.asType(MethodType.genericMethodType(arity)).asSpreader(Object[].class, arity);
  }
}
