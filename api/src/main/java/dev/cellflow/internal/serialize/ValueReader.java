package dev.cellflow.internal.serialize;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one value written by {@link ValueWriter}. Classes are resolved through the loader given,
 * after the {@link AllowList} accepted their names; counts are trusted only as far as the bytes
 * that follow bear them out (a damaged count cannot make it allocate the heap away).
 */
final class ValueReader {
  /** Elements allocated ahead of the bytes that hold them. */
  private static final int AHEAD = 1 << 16;
  private static final int DEPTH = 600;
  private int depth;
  private final DataInputStream d;
  private final ClassLoader loader;
  private final List<Object> classes = new ArrayList<>(); // Class or Records.Shape

  ValueReader(DataInputStream d, ClassLoader loader) {
    this.d = d;
    this.loader = loader;
  }

  Object get() throws IOException {
    if (++depth > DEPTH) { // no writer nests this deep (ValueSerializer leaves it to Java's)
      throw new IOException("not a value artifact (nested more than " + DEPTH + " deep)");
    }
    try {
      return value(d.readByte());
    } finally {
      depth--;
    }
  }

  private Object value(int tag) throws IOException {
    switch (tag) {
      case ValueSerializer.NULL: return null;
      case ValueSerializer.STRING: return new String(bytes(count()), StandardCharsets.UTF_8);
      case ValueSerializer.INT: return d.readInt();
      case ValueSerializer.LONG: return d.readLong();
      case ValueSerializer.DOUBLE: return d.readDouble();
      case ValueSerializer.FLOAT: return d.readFloat();
      case ValueSerializer.SHORT: return d.readShort();
      case ValueSerializer.BYTE: return d.readByte();
      case ValueSerializer.BOOL: return d.readBoolean();
      case ValueSerializer.CHAR: return d.readChar();
      case ValueSerializer.LIST: return list();
      case ValueSerializer.SET: return set();
      case ValueSerializer.MAP: return map();
      case ValueSerializer.ENUM: return enumConstant();
      case ValueSerializer.RECORD: return record();
      case ValueSerializer.ARRAY: return array();
      case ValueSerializer.PRIM: return primitives();
      case ValueSerializer.OPTIONAL: return d.readBoolean() ? Optional.ofNullable(get())
          : Optional.empty();
      case ValueSerializer.OTHER: return other();
      default: throw new IOException("not a value artifact (tag " + tag + ")");
    }
  }

  private int count() throws IOException {
    int n = d.readInt();
    if (n < 0) {
      throw new IOException("not a value artifact (a count of " + n + ")");
    }
    return n;
  }

  private byte[] bytes(int n) throws IOException {
    byte[] b = d.readNBytes(n); // grows with what is there, not with what n claims
    if (b.length < n) {
      throw new java.io.EOFException("a stored value ends early");
    }
    return b;
  }

  private List<Object> items(int n) throws IOException {
    List<Object> out = new ArrayList<>(Math.min(n, AHEAD));
    for (int i = 0; i < n; i++) {
      out.add(get());
    }
    return out;
  }

  private Object list() throws IOException {
    int kind = d.readByte();
    return ValueSerializer.list(kind, items(count()));
  }

  private Object set() throws IOException {
    int kind = d.readByte();
    Set<Object> out = ValueSerializer.set(kind);
    out.addAll(items(count()));
    return ValueSerializer.frozen(kind, out);
  }

  private Object map() throws IOException {
    int kind = d.readByte();
    int n = count();
    Map<Object, Object> out = ValueSerializer.map(kind);
    for (int i = 0; i < n; i++) {
      out.put(get(), get());
    }
    return ValueSerializer.frozen(kind, out);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object enumConstant() throws IOException {
    Class<?> c = (Class<?>) cls(false);
    String name = d.readUTF();
    if (!c.isEnum()) {
      throw new IOException(c.getName() + " was stored as an enum and is not one now; run the"
          + " steps that make it again");
    }
    try {
      return Enum.valueOf((Class) c, name);
    } catch (IllegalArgumentException e) {
      throw new IOException("enum " + c.getName() + " has changed since the artifact was"
          + " written: it has no constant " + name + " now; run the steps that make it again",
          e);
    }
  }

  private Object record() throws IOException {
    Records.Shape shape = (Records.Shape) cls(true);
    Object[] args = new Object[shape.names().length];
    for (int i = 0; i < args.length; i++) {
      args[i] = get();
    }
    return shape.build(args);
  }

  private Object array() throws IOException {
    Class<?> c = (Class<?>) cls(false);
    List<Object> items = items(count());
    Object out = Array.newInstance(c, items.size());
    for (int i = 0; i < items.size(); i++) {
      Array.set(out, i, items.get(i)); // a changed element type fails here, naming both
    }
    return out;
  }

  private Object primitives() throws IOException {
    char code = d.readChar();
    int n = count();
    int width = switch (code) {
      case 'D', 'J' -> 8;
      case 'I', 'F' -> 4;
      case 'S', 'C' -> 2;
      case 'B', 'Z' -> 1;
      default -> throw new IOException("not a value artifact (array code " + code + ")");
    };
    if ((long) n * width > Integer.MAX_VALUE) {
      throw new IOException("not a value artifact (an array of " + n + " elements)");
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes(n * width));
    return switch (code) {
      case 'D' -> { double[] a = new double[n]; b.asDoubleBuffer().get(a); yield a; }
      case 'J' -> { long[] a = new long[n]; b.asLongBuffer().get(a); yield a; }
      case 'I' -> { int[] a = new int[n]; b.asIntBuffer().get(a); yield a; }
      case 'F' -> { float[] a = new float[n]; b.asFloatBuffer().get(a); yield a; }
      case 'S' -> { short[] a = new short[n]; b.asShortBuffer().get(a); yield a; }
      case 'C' -> { char[] a = new char[n]; b.asCharBuffer().get(a); yield a; }
      case 'B' -> b.array();
      default -> {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = b.get(i) != 0;
        }
        yield a;
      }
    };
  }

  private Object other() throws IOException {
    String id = d.readUTF();
    try (InputStream frame = Framed.in(d)) {
      return Serializers.byId(id).read(frame, loader);
    }
  }

  /** A class by number, or defined here: a {@link Records.Shape} for a record's, else a Class. */
  private Object cls(boolean record) throws IOException {
    int n = d.readInt();
    if (n < classes.size()) {
      Object c = classes.get(n);
      if (record != c instanceof Records.Shape) {
        throw new IOException("not a value artifact (class " + n + " used as two kinds)");
      }
      return c;
    }
    if (n != classes.size()) {
      throw new IOException("not a value artifact (class " + n + ")");
    }
    String name = d.readUTF();
    Object c;
    if (record) {
      String[] names = new String[d.readShort()];
      for (int i = 0; i < names.length; i++) {
        names[i] = d.readUTF();
      }
      c = Records.Shape.of(name, names.length, names, loader);
    } else {
      c = elementClass(name);
    }
    classes.add(c);
    return c;
  }

  /** An enum's or an array's element class, after the allow-list accepted its name. */
  private Class<?> elementClass(String name) throws IOException {
    String base = name;
    while (base.startsWith("[")) {
      base = base.substring(1);
    }
    if (base.startsWith("L") && base.endsWith(";")) {
      base = base.substring(1, base.length() - 1);
    } else if (base.length() == 1 && !base.equals(name)) {
      base = "int"; // a primitive element, as in int[][]
    }
    if (!base.equals("int") && !AllowList.allowed(base)) {
      throw new IOException("a stored artifact holds " + base + ", which cellflow does not"
          + " rebuild: it is not on the allow-list (JDK value types, cellflow, the flow or"
          + " notebook being run or named in code); " + AllowList.advice(base));
    }
    if (name.startsWith("[")) {
      try {
        return Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IOException("class " + name + " of a stored artifact is not on the classpath",
            e);
      }
    }
    return Records.load(name, loader);
  }
}
