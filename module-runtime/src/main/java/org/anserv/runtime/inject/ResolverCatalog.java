package org.anserv.runtime.inject;

import java.lang.reflect.Parameter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.FileStore;
import org.anserv.api.From;
import org.anserv.api.Param;
import org.anserv.api.Params;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Sql;
import org.anserv.runtime.define.MethodKind;
import org.anserv.runtime.define.ParamSpec;

/**
 * Chooses, once per method parameter at deploy time, how it is injected: by its declared type, or by {@link Param}
 * for request parameters. Like JUnit's parameter resolvers, but the match is never repeated per call.
 */
public final class ResolverCatalog {

  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  public static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private record Handle(Set<MethodKind> kinds, Resolver resolver) {
  }

  private static final Map<Class<?>, Handle> HANDLES = new LinkedHashMap<>();

  static {
    Set<MethodKind> all = EnumSet.allOf(MethodKind.class);
    HANDLES.put(Event.class, new Handle(EnumSet.of(MethodKind.HANDLER), CallContext::event));
    HANDLES.put(Db.class, new Handle(all, c -> c.handles().db()));
    HANDLES.put(Params.class, new Handle(EnumSet.of(MethodKind.VIEW, MethodKind.QUERY), RequestParams::of));
    HANDLES.put(Emitter.class, new Handle(EnumSet.of(MethodKind.HANDLER, MethodKind.CRON),
        c -> c.handles().emitter(c.event())));
    HANDLES.put(Queries.class, new Handle(all, c -> c.handles().queries()));
    HANDLES.put(Sql.class, new Handle(all, c -> c.handles().sql()));
    HANDLES.put(FileStore.class, new Handle(all, c -> c.handles().files()));
  }

  private ResolverCatalog() {
  }

  /**
   * The binding of {@code parameter} of a method of {@code kind}, described as {@code where} in messages.
   *
   * @throws IllegalArgumentException with a message saying what is wrong and how to fix it
   */
  public static Binding bind(MethodKind kind, Parameter parameter, String where) {
    Param param = parameter.getAnnotation(Param.class);
    if (param != null) {
      return bindParam(kind, parameter, param, where);
    }
    if (parameter.getType() == ReadOnlyDb.class) {
      return bindReadOnly(parameter, where);
    }
    if (kind == MethodKind.HANDLER && isEventList(parameter)) {
      return new Binding(CallContext::events, null, null, true);
    }
    Handle handle = HANDLES.get(parameter.getType());
    if (handle == null) {
      throw new IllegalArgumentException("No resolver for parameter [" + describe(parameter) + "] in " + where
          + ". Injectable types in " + kind.annotation() + " methods: " + injectable(kind) + ".");
    }
    if (!handle.kinds().contains(kind)) {
      throw new IllegalArgumentException("Parameter [" + describe(parameter) + "] in " + where
          + " cannot be injected into " + kind.annotation() + " methods. Injectable types there: "
          + injectable(kind) + ".");
    }
    return Binding.of(handle.resolver());
  }

  private static Binding bindParam(MethodKind kind, Parameter parameter, Param param, String where) {
    if (!kind.isEndpoint()) {
      throw new IllegalArgumentException("Parameter [" + describe(parameter) + "] in " + where + " is annotated @Param,"
          + " but only @View and @Query methods take request parameters: remove @Param.");
    }
    if (!PARAM_NAME.matcher(param.value()).matches()) {
      throw new IllegalArgumentException("@Param(\"" + param.value() + "\") in " + where + " is not a valid name:"
          + " use letters, digits, '_' and '-', starting with a letter.");
    }
    if (!ParamConverter.supports(parameter.getType())) {
      throw new IllegalArgumentException("@Param(\"" + param.value() + "\") in " + where + " has type "
          + parameter.getType().getSimpleName() + ": use String, int, long, double or boolean (or their boxed"
          + " types).");
    }
    String defaultValue = Param.REQUIRED.equals(param.defaultValue()) ? null : param.defaultValue();
    ParamSpec spec = new ParamSpec(param.value(), parameter.getType(), param.description(), defaultValue);
    if (defaultValue != null) {
      try {
        ParamConverter.resolver(spec).resolve(CallContext.ofRequest(Map.of(), null));
      } catch (BadParameterException e) {
        throw new IllegalArgumentException("@Param(\"" + param.value() + "\") in " + where + " has default \""
            + defaultValue + "\", which is not " + ParamConverter.article(spec) + ": fix defaultValue.");
      }
    }
    return new Binding(ParamConverter.resolver(spec), spec, null, false);
  }

  private static Binding bindReadOnly(Parameter parameter, String where) {
    From from = parameter.getAnnotation(From.class);
    if (from == null) {
      throw new IllegalArgumentException("Parameter [" + describe(parameter) + "] in " + where + " needs to say whose"
          + " database it reads: annotate it @From(\"module-name\"). For the module's own database declare Db.");
    }
    if (!MODULE_NAME.matcher(from.value()).matches()) {
      throw new IllegalArgumentException("@From(\"" + from.value() + "\") in " + where + " is not a module name:"
          + " lowercase letters, digits and '-', starting with a letter.");
    }
    String module = from.value();
    return new Binding(c -> c.handles().readOnly(module), null, module, false);
  }

  private static boolean isEventList(Parameter parameter) {
    return parameter.getType() == java.util.List.class
        && parameter.getParameterizedType() instanceof java.lang.reflect.ParameterizedType p
        && p.getActualTypeArguments()[0] == Event.class;
  }

  private static String injectable(MethodKind kind) {
    StringBuilder list = new StringBuilder();
    HANDLES.forEach((type, handle) -> {
      if (handle.kinds().contains(kind)) {
        list.append(list.isEmpty() ? "" : ", ").append(type.getSimpleName());
      }
    });
    list.append(", ReadOnlyDb with @From");
    if (kind == MethodKind.HANDLER) {
      list.append(", List<Event> in batched handlers");
    }
    if (kind.isEndpoint()) {
      list.append(", and values annotated @Param");
    }
    return list.toString();
  }

  private static String describe(Parameter parameter) {
    return parameter.getType().getSimpleName() + " " + parameter.getName();
  }
}
