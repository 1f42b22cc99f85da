package dev.cellflow.internal.serialize;

import dev.cellflow.CellflowException;
import dev.cellflow.serialize.ArtifactSerializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The serializers on the classpath, highest priority first. */
public final class Serializers {
  private static final List<ArtifactSerializer> ALL = load();

  private Serializers() {}

  private static List<ArtifactSerializer> load() {
    List<ArtifactSerializer> out = new ArrayList<>();
    java.util.ServiceLoader.load(ArtifactSerializer.class, Serializers.class.getClassLoader())
        .forEach(out::add);
    out.sort(Comparator.comparingInt(ArtifactSerializer::priority).reversed());
    return List.copyOf(out);
  }

  /** The serializer for {@code value}, or null when none accepts it. */
  public static ArtifactSerializer forValue(Object value) {
    for (ArtifactSerializer s : ALL) {
      if (s.canWrite(value)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Why no serializer takes {@code value}, saying what to do: a lambda of a type that is not
   * Serializable gets words a user can act on, not its hidden class's name.
   */
  public static String whyNot(Object value) {
    Class<?> c = value.getClass();
    if (c.isSynthetic() && c.getName().contains("$$Lambda")) {
      return "it is a lambda or method reference whose type is not Serializable; declare it with"
          + " a functional interface that extends java.io.Serializable, or cast it: (Type &"
          + " java.io.Serializable) x -> ...";
    }
    return c.getName() + " is not Serializable";
  }

  /** The serializer with id {@code id}; an error naming it when it is not on the classpath. */
  public static ArtifactSerializer byId(String id) {
    for (ArtifactSerializer s : ALL) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new CellflowException("no artifact serializer '" + id + "' on the classpath; add the"
        + " module that wrote this artifact");
  }
}
