package org.anserv.runtime.inject;

import java.util.Map;
import java.util.function.Function;
import org.anserv.runtime.define.ParamSpec;

/** Turns request parameter text into the declared Java type of a {@link org.anserv.api.Param}. */
final class ParamConverter {

  private static final Map<Class<?>, Function<String, Object>> CONVERSIONS = Map.ofEntries(
      Map.entry(String.class, s -> s),
      Map.entry(int.class, Integer::valueOf), Map.entry(Integer.class, Integer::valueOf),
      Map.entry(long.class, Long::valueOf), Map.entry(Long.class, Long::valueOf),
      Map.entry(double.class, Double::valueOf), Map.entry(Double.class, Double::valueOf),
      Map.entry(boolean.class, ParamConverter::bool), Map.entry(Boolean.class, ParamConverter::bool));

  private ParamConverter() {
  }

  static boolean supports(Class<?> type) {
    return CONVERSIONS.containsKey(type);
  }

  static Resolver resolver(ParamSpec spec) {
    Function<String, Object> conversion = CONVERSIONS.get(spec.type());
    return context -> {
      String text = context.params().get(spec.name());
      if (text == null) {
        if (spec.required()) {
          throw new BadParameterException("Missing required parameter '" + spec.name() + "': add ?" + spec.name()
              + "=... to the request.");
        }
        text = spec.defaultValue();
      }
      try {
        return conversion.apply(text.strip());
      } catch (IllegalArgumentException e) {
        throw new BadParameterException("Parameter '" + spec.name() + "' must be " + article(spec) + ", not \""
            + text + "\".");
      }
    };
  }

  private static Boolean bool(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(text);
    };
  }

  static String article(ParamSpec spec) {
    Class<?> type = spec.type();
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    return type == String.class ? "text" : "a whole number";
  }
}
