package org.anserv.runtime.define;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import io.vertx.core.Future;
import org.anserv.api.Access;
import org.anserv.api.Category;
import org.anserv.api.Cron;
import org.anserv.api.Delivery;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Html;
import org.anserv.api.Memoize;
import org.anserv.api.Query;
import org.anserv.api.Template;
import org.anserv.api.View;
import org.anserv.runtime.access.EndpointAccess;
import org.anserv.runtime.cron.Schedule;
import org.anserv.runtime.inject.Binding;
import org.anserv.runtime.inject.ResolverCatalog;

/** Validates one annotated method of a module; problems go to the module's shared list. */
final class MethodInspector {

  private final Method method;
  private final Object instance;
  private final List<String> problems;
  private final String signature;

  MethodInspector(Method method, Object instance, List<String> problems) {
    this.method = method;
    this.instance = instance;
    this.problems = problems;
    this.signature = ModuleInspector.signature(method);
  }

  MethodDefinition definition() {
    List<MethodKind> kinds = kinds();
    if (kinds.isEmpty()) {
      problems.add("@Memoize method '" + signature + "' is not a @View or @Query: memoize applies to views and"
          + " queries only; remove @Memoize or add @Query.");
      return null;
    }
    if (kinds.size() > 1) {
      problems.add("Method '" + signature + "' has " + kinds.stream().map(MethodKind::annotation).toList()
          + ": a method is one thing; split it into one method per annotation.");
      return null;
    }
    MethodKind kind = kinds.getFirst();
    int before = problems.size();
    checkModifiers(kind);
    List<Binding> bindings = bindings(kind);
    checkReturnType(kind);
    Duration memoize = memoize(kind);
    String name = name(kind);
    EventFilter filter = kind == MethodKind.HANDLER ? filter() : null;
    HandlerMode mode = kind == MethodKind.HANDLER ? mode(bindings) : null;
    Schedule schedule = kind == MethodKind.CRON ? schedule() : null;
    Set<Category> declared = declaredCategories(kind);
    Set<Category> categories = kind.isEndpoint() && declared.isEmpty() ? guessCategories(bindings) : declared;
    EndpointAccess access = kind.isEndpoint() ? AccessRules.resolve(declaredAccess(kind),
        bindings.stream().map(Binding::param).filter(java.util.Objects::nonNull).toList(),
        kind.annotation() + " method '" + signature + "'", problems) : null;
    if (problems.size() > before || instance == null) {
      return null;
    }
    try {
      return new MethodDefinition(kind, name, explicitName(kind).isEmpty(), signature, description(kind),
          ModuleInspector.spreader(method, instance), bindings, categories, declared.isEmpty(), filter, mode,
          schedule, memoize, access, kind == MethodKind.QUERY ? method.getAnnotation(Query.class).merge() : null);
    } catch (IllegalAccessException e) {
      problems.add(kind.annotation() + " method '" + signature + "' is not accessible: " + e.getMessage());
      return null;
    }
  }

  private List<MethodKind> kinds() {
    List<MethodKind> kinds = new ArrayList<>();
    if (method.isAnnotationPresent(EventHandler.class)) {
      kinds.add(MethodKind.HANDLER);
    }
    if (method.isAnnotationPresent(View.class)) {
      kinds.add(MethodKind.VIEW);
    }
    if (method.isAnnotationPresent(Query.class)) {
      kinds.add(MethodKind.QUERY);
    }
    if (method.isAnnotationPresent(Cron.class)) {
      kinds.add(MethodKind.CRON);
    }
    return kinds;
  }

  private void checkModifiers(MethodKind kind) {
    int modifiers = method.getModifiers();
    if (Modifier.isStatic(modifiers)) {
      problems.add(kind.annotation() + " method '" + signature + "' must not be static. It will not be registered:"
          + " remove 'static'.");
    }
    if (!Modifier.isPublic(modifiers)) {
      problems.add(kind.annotation() + " method '" + signature + "' must be public. It will not be registered:"
          + " declare it public.");
    }
  }

  private List<Binding> bindings(MethodKind kind) {
    List<Binding> bindings = new ArrayList<>();
    Set<String> paramNames = new HashSet<>();
    String where = kind.annotation() + " method '" + signature + "'";
    for (Parameter parameter : method.getParameters()) {
      try {
        Binding binding = ResolverCatalog.bind(kind, parameter, where);
        if (binding.param() != null && !paramNames.add(binding.param().name())) {
          problems.add(where + " declares @Param(\"" + binding.param().name() + "\") twice: rename one.");
        }
        bindings.add(binding);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return bindings;
  }

  private void checkReturnType(MethodKind kind) {
    Class<?> raw = method.getReturnType();
    Class<?> value = raw == Future.class ? futureArgument() : raw;
    String where = kind.annotation() + " method '" + signature + "'";
    if (kind == MethodKind.VIEW && value != null && value != Template.class && value != Html.class
        && value != Object.class) {
      problems.add(where + " returns " + method.getGenericReturnType().getTypeName() + ": a view returns Template"
          + " (rendered with escaping) or Html, or a Future of one.");
    }
    if (kind == MethodKind.QUERY && (raw == void.class || value == Template.class || value == Html.class)) {
      problems.add(where + " returns " + method.getGenericReturnType().getTypeName() + ": a query returns a JSON"
          + " value (JsonObject, JsonArray, String, Number, Boolean, List, Map) or a Future of one.");
    }
  }

  private Class<?> futureArgument() {
    Type type = method.getGenericReturnType();
    if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof ParameterizedType inner) {
      return (Class<?>) inner.getRawType();
    }
    return null;
  }

  private Duration memoize(MethodKind kind) {
    Memoize memoize = method.getAnnotation(Memoize.class);
    if (memoize == null) {
      return null;
    }
    if (!kind.isEndpoint()) {
      problems.add("@Memoize on " + kind.annotation() + " method '" + signature + "': memoize applies to views and"
          + " queries only; remove it.");
      return null;
    }
    if (memoize.value() < 1) {
      problems.add("@Memoize(" + memoize.value() + ") on '" + signature + "': give a number of seconds of at least"
          + " 1, e.g. @Memoize(60).");
      return null;
    }
    return Duration.ofSeconds(memoize.value());
  }

  private String name(MethodKind kind) {
    String explicit = explicitName(kind);
    String name = explicit.isEmpty() ? Names.kebab(method.getName()) : explicit;
    if (!Names.VALID.matcher(name).matches()) {
      problems.add(kind.annotation() + " name \"" + name + "\" of '" + signature + "' is not valid: use lowercase"
          + " letters, digits and '-', starting with a letter.");
    }
    return name;
  }

  private String explicitName(MethodKind kind) {
    return switch (kind) {
      case VIEW -> method.getAnnotation(View.class).name();
      case QUERY -> method.getAnnotation(Query.class).name();
      default -> "";
    };
  }

  private Access declaredAccess(MethodKind kind) {
    return kind == MethodKind.VIEW ? method.getAnnotation(View.class).access()
        : method.getAnnotation(Query.class).access();
  }

  private String description(MethodKind kind) {
    return switch (kind) {
      case VIEW -> method.getAnnotation(View.class).description();
      case QUERY -> method.getAnnotation(Query.class).description();
      default -> "";
    };
  }

  private EventFilter filter() {
    EventHandler handler = method.getAnnotation(EventHandler.class);
    for (String problem : EventFilter.problems(handler)) {
      problems.add("@EventHandler method '" + signature + "' " + problem + ".");
    }
    return EventFilter.of(handler);
  }

  private HandlerMode mode(List<Binding> bindings) {
    EventHandler handler = method.getAnnotation(EventHandler.class);
    boolean batched = handler.delivery() == Delivery.BATCHED;
    boolean takesList = bindings.stream().anyMatch(Binding::batch);
    boolean takesEvent = java.util.Arrays.stream(method.getParameterTypes()).anyMatch(t -> t == Event.class);
    String where = "@EventHandler method '" + signature + "'";
    if (batched && (!takesList || takesEvent)) {
      problems.add(where + " is BATCHED: declare a List<Event> parameter (and no Event) to receive each batch.");
    }
    if (!batched && takesList) {
      problems.add(where + " takes List<Event>, which only BATCHED handlers receive: add delivery ="
          + " Delivery.BATCHED or declare Event.");
    }
    if (batched && (handler.batchSize() < 1 || handler.batchSize() > 100_000)) {
      problems.add(where + " has batchSize = " + handler.batchSize() + ": use 1 to 100000.");
    }
    if (batched && handler.batchSeconds() < 1) {
      problems.add(where + " has batchSeconds = " + handler.batchSeconds() + ": use at least 1.");
    }
    return new HandlerMode(handler.delivery(), handler.batchSize(), Duration.ofSeconds(handler.batchSeconds()));
  }

  private Schedule schedule() {
    try {
      return Schedule.of(method.getAnnotation(Cron.class));
    } catch (IllegalArgumentException e) {
      problems.add("@Cron method '" + signature + "' " + e.getMessage() + ".");
      return null;
    }
  }

  private Set<Category> declaredCategories(MethodKind kind) {
    Category[] declared = switch (kind) {
      case VIEW -> method.getAnnotation(View.class).category();
      case QUERY -> method.getAnnotation(Query.class).category();
      default -> new Category[0];
    };
    return declared.length == 0 ? Set.of() : EnumSet.copyOf(List.of(declared));
  }

  private static Set<Category> guessCategories(List<Binding> bindings) {
    Set<Category> guessed = EnumSet.noneOf(Category.class);
    for (Binding binding : bindings) {
      if (binding.param() == null) {
        continue;
      }
      switch (binding.param().name().toLowerCase(Locale.ROOT).replace('-', '_')) {
        case "user", "username", "student", "user_id" -> guessed.add(Category.STUDENT);
        case "course", "course_id" -> guessed.add(Category.COURSE);
        case "video", "problem", "resource", "block", "usage_key" -> guessed.add(Category.RESOURCE);
        default -> { }
      }
    }
    return guessed.isEmpty() ? EnumSet.of(Category.GLOBAL) : guessed;
  }
}
