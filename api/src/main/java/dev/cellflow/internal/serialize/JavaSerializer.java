package dev.cellflow.internal.serialize;

import dev.cellflow.serialize.ArtifactSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;

/**
 * The fallback: Java serialization, for any {@link Serializable} value. Reading goes through an
 * {@link ObjectInputFilter}: the classes {@link AllowList} accepts, a lambda only when its
 * capturing class is trusted code (a flow's or a notebook's), and limits on nesting depth, array
 * length and object count, so a tampered datastore can neither run a gadget chain nor make a
 * small file allocate the heap away.
 */
public final class JavaSerializer implements ArtifactSerializer {
  /**
   * Deeper than this, writing the value would have overflowed a default thread stack already
   * (a linked object of 2,000 levels does with the default 1 MB stack): only a crafted stream
   * nests deeper, and reading it would end in a StackOverflowError.
   */
  static final long MAX_DEPTH = 5_000;
  /** The longest array: 2^28 elements, 2 GB of longs or references, beyond any one field. */
  static final long MAX_ARRAY = 1L << 28;
  /** The most objects (and class descriptors) one artifact may hold. */
  static final long MAX_REFS = 200_000_000;

  @Override
  public String id() {
    return "java";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public boolean canWrite(Object value) {
    return value instanceof Serializable;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    ObjectOutputStream oos = new ObjectOutputStream(out) {
      {
        enableReplaceObject(true);
      }

      @Override
      protected Object replaceObject(Object obj) throws IOException {
        // refuse now what could not be read back: a lambda made by code that is not trusted
        if (obj instanceof SerializedLambda l) {
          String cls = l.getCapturingClass().replace('/', '.');
          if (!AllowList.ownCode(cls)) {
            throw new NotSerializableException("a lambda or method reference made in " + cls
                + ", which is not a flow's or a notebook's own code (it could not be read back);"
                + " use a lambda written in the flow or notebook, or a class instead");
          }
        }
        return obj;
      }
    };
    oos.writeObject(value);
    oos.flush();
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    AllowList.configured(); // a bad CELLFLOW_SERIALIZATION_ALLOW says so before any read
    Filter filter = new Filter();
    try (ObjectInputStream ois = new ObjectInputStream(in) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc)
          throws IOException, ClassNotFoundException {
        // the flow's classes live in the flow's loader, which the default lookup may not see
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
    }) {
      ois.setObjectInputFilter(filter);
      return ois.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("class " + e.getMessage() + " of a stored artifact is not on the"
          + " classpath", e);
    } catch (InvalidClassException e) {
      if (filter.refused != null) {
        throw new IOException(filter.refused, e);
      }
      throw new IOException(changed(e), e);
    }
  }

  /**
   * The words for a class that cannot read its stored form: most often it changed since the
   * artifact was written (a serialVersionUID mismatch).
   */
  private static String changed(InvalidClassException e) {
    String cls = e.classname == null ? "a class" : "class " + e.classname;
    if (e.getMessage() != null && e.getMessage().contains("serialVersionUID")) {
      return "a stored artifact holds " + cls + " as it was when the artifact was written, and"
          + " the class has changed since (" + e.getMessage().substring(
              e.getMessage().indexOf("stream classdesc")) + "): run the steps that make it"
          + " again with the class as it is now, or give the class its old serialVersionUID";
    }
    return "a stored artifact holds " + cls + ", which cannot be read back as it is now: "
        + e.getMessage();
  }

  /** The allow-list and the limits, for one stream; remembers why it refused. */
  private static final class Filter implements ObjectInputFilter {
    private String refused;

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.depth() > MAX_DEPTH) {
        return refuse("nests objects more than " + MAX_DEPTH + " deep");
      }
      if (info.references() > MAX_REFS) {
        return refuse("holds more than " + MAX_REFS + " objects");
      }
      if (info.arrayLength() > MAX_ARRAY) {
        return refuse("holds an array of " + info.arrayLength() + " elements (the limit is "
            + MAX_ARRAY + ")");
      }
      Class<?> c = info.serialClass();
      if (c == null) {
        return Status.UNDECIDED;
      }
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (c.isPrimitive()) {
        return Status.ALLOWED;
      }
      if (!AllowList.allowed(c.getName())) {
        refused = "a stored artifact holds " + c.getName() + ", which cellflow does not"
            + " deserialize: it is not on the allow-list (JDK value types, cellflow, the flow"
            + " or notebook being run or named in code); " + AllowList.advice(c.getName());
        return Status.REJECTED;
      }
      if (capturesLambdas(c) && !AllowList.ownCode(c.getName())) {
        // any class whose $deserializeLambda$ a stored SerializedLambda could call
        refused = "a stored artifact holds a lambda made in " + c.getName() + ", which is not"
            + " a flow's or a notebook's own code: cellflow reads back only lambdas written in"
            + " the flow or notebook";
        return Status.REJECTED;
      }
      return Status.ALLOWED;
    }

    private Status refuse(String why) {
      refused = "a stored artifact " + why + ": cellflow does not read it back (a damaged or"
          + " crafted file); store such data as a primitive array field, which has no limit";
      return Status.REJECTED;
    }
  }

  /** Whether {@code c} declares javac's {@code $deserializeLambda$} (it made serializable lambdas). */
  private static boolean capturesLambdas(Class<?> c) {
    try {
      c.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
      return true;
    } catch (NoSuchMethodException | LinkageError | SecurityException e) {
      return false; // and a class that cannot list its methods cannot have one called either
    }
  }
}
