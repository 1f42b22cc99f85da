package dev.cellflow.internal.task;

import dev.cellflow.FlowSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task needs to know about its flow class, found by reflection once per class: a warm
 * worker runs many tasks of one flow, and reflecting (and compiling the parameter names'
 * patterns) for each of them was a measurable part of a trivial task.
 */
record FlowClass(Class<? extends FlowSpec> cls, Constructor<? extends FlowSpec> ctor,
    List<Field> artifacts, List<Parameters.Param> params, Map<String, Method> steps) {
  static FlowClass of(Class<? extends FlowSpec> cls) {
    Constructor<? extends FlowSpec> ctor = null;
    try {
      ctor = cls.getDeclaredConstructor();
      ctor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      // reported by newFlow, when a task needs an instance
    }
    Map<String, Method> byName = new HashMap<>();
    for (Class<?> k = cls; k != FlowSpec.class && k != null; k = k.getSuperclass()) {
      for (Method candidate : k.getDeclaredMethods()) {
        if (candidate.isAnnotationPresent(dev.cellflow.Step.class) && !candidate.isBridge()) {
          candidate.setAccessible(true);
          byName.putIfAbsent(candidate.getName(), candidate);
        }
      }
    }
    return new FlowClass(cls, ctor, FlowSpec.Artifacts.fields(cls), Parameters.of(cls),
        byName);
  }
}
