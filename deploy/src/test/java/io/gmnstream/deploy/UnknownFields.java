package io.gmnstream.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fabric8 and Strimzi model classes keep fields they do not declare in an additionalProperties map
 * ({@code @JsonAnySetter}) instead of failing, so FAIL_ON_UNKNOWN_PROPERTIES alone lets a typo such
 * as {@code livenesProbe} through. This walks a bound model through its getters and reports every
 * non-empty additionalProperties, with its path.
 */
final class UnknownFields {
  private static final List<String> MODEL_PACKAGES = List.of("io.fabric8.", "io.strimzi.", "org.apache.flink.kubernetes.");

  private UnknownFields() {}

  static List<String> of(Object model) {
    List<String> found = new ArrayList<>();
    walk(model, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
    if (value == null || !seen.add(value)) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
      return;
    }
    if (value instanceof Iterable<?> list) {
      int i = 0;
      for (Object item : list) {
        walk(item, path + "[" + i++ + "]", found, seen);
      }
      return;
    }
    if (!isModel(value.getClass())) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          found.add((path.isEmpty() ? "" : path.substring(1) + ".") + extra.keySet());
        }
      } else {
        walk(child, path + "." + property(getter), found, seen);
      }
    }
  }

  private static boolean isModel(Class<?> type) {
    return !type.isEnum() && MODEL_PACKAGES.stream().anyMatch(type.getName()::startsWith);
  }

  private static boolean isGetter(Method m) {
    return m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class
        && (m.getName().startsWith("get") || m.getName().startsWith("is")) && m.getReturnType() != void.class;
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null; // a computed accessor that does not apply to this object: not a field of the manifest
    }
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
