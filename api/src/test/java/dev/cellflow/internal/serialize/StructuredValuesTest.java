package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.untrusted.Secret;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.ArtifactRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records, enums, arrays and Optionals in the JDK's collections, none of them Serializable. */
class StructuredValuesTest {
  @TempDir Path root;
  private final ValueSerializer ser = new ValueSerializer();

  record P(int a) {}

  enum Color { RED, GREEN }

  record Shape(String name, List<P> points, Color color, double[] weights, Optional<P> best,
      StringBuilder note) {}

  private Object roundTrip(Object v) throws IOException {
    return read(bytes(v), null);
  }

  private byte[] bytes(Object v) throws IOException {
    assertTrue(ser.canWrite(v), "writable: " + v);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ser.write(v, out);
    return out.toByteArray();
  }

  private Object read(byte[] b, ClassLoader loader) throws IOException {
    return ser.read(new ByteArrayInputStream(b), loader);
  }

  @Test
  void listsMapsArraysAndOptionalsOfPlainRecordsAreStoredAndComeBack() throws IOException {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    List<P> ps = new ArrayList<>(List.of(new P(1), new P(2)));
    List<Object> values = List.of(ps, List.of(new P(3)), Map.of("k", new P(4)),
        new P[] {new P(5), null}, Optional.of(new P(6)), Optional.empty(),
        new HashSet<>(Set.of(new P(7), new P(8))), Arrays.asList(new P(9)),
        ps.stream().map(p -> new P(p.a() * 10)).toList(), Color.GREEN, List.of(Color.RED),
        ps.stream().collect(Collectors.groupingBy(P::a)), new TreeMap<>(Map.of("x", new P(1))));
    for (Object v : values) {
      ArtifactRef ref = ds.putArtifact(v); // before: "P is not Serializable"
      Object back = ds.getArtifact(ref, getClass().getClassLoader());
      if (v instanceof Object[] a) {
        assertEquals(P[].class, back.getClass());
        assertArrayEquals(a, (Object[]) back);
      } else {
        assertEquals(v, back, String.valueOf(v));
      }
    }
    assertEquals(ArrayList.class, ds.getArtifact(ds.putArtifact(ps), null).getClass());
  }

  @Test
  void aRecordHoldingRecordsArraysAndASerializableValueComesBack() throws IOException {
    Shape s = new Shape("s", List.of(new P(1), new P(2)), Color.RED, new double[] {0.5, 2},
        Optional.of(new P(3)), new StringBuilder("a note"));
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    for (Object v : List.of(s, List.of(s, s))) {
      Object back = ds.getArtifact(ds.putArtifact(v), null);
      Shape b = (Shape) (back instanceof List<?> l ? l.get(1) : back);
      assertEquals(List.of(new P(1), new P(2)), b.points());
      assertEquals(Color.RED, b.color());
      assertArrayEquals(new double[] {0.5, 2}, b.weights());
      assertEquals(Optional.of(new P(3)), b.best());
      assertEquals("a note", b.note().toString());
    }
  }

  @Test
  void whatNoSerializerTakesIsStillRefused() {
    record Holder(Object lock) {}
    assertFalse(ser.canWrite(List.of(new Holder(new Object()))));
    assertFalse(ser.canWrite(List.of(new Object())));
  }

  @Test
  void aRecordOrEnumOutsideTheAllowListIsNotRebuilt() throws IOException {
    byte[] b = bytes(List.of(new Secret("x")));
    IOException e = assertThrows(IOException.class, () -> read(b, null));
    assertTrue(e.getMessage().contains("com.example.untrusted.Secret")
        && e.getMessage().contains("CELLFLOW_SERIALIZATION_ALLOW=com.example.untrusted"),
        e.getMessage());
  }

  record Q(int a, int b) {}

  record QRenamed(int a, int c) {}

  record QRetyped(int a, String b) {}

  enum Fewer { RED }

  /** A loader that answers {@code from}'s name with {@code to}, as a changed class would be. */
  private static ClassLoader changed(Class<?> from, Class<?> to) {
    return new ClassLoader(StructuredValuesTest.class.getClassLoader()) {
      @Override
      public Class<?> loadClass(String name) throws ClassNotFoundException {
        return name.equals(from.getName()) ? to : super.loadClass(name);
      }
    };
  }

  @Test
  void aRecordOrEnumChangedSinceItWasStoredSaysWhatChanged() throws IOException {
    byte[] q = bytes(List.of(new Q(1, 2)));
    IOException renamed = assertThrows(IOException.class,
        () -> read(q, changed(Q.class, QRenamed.class)));
    assertTrue(renamed.getMessage().contains("has changed since the artifact was written: it"
        + " was stored with components (a, b), the class now has (a, c)"), renamed.getMessage());
    IOException retyped = assertThrows(IOException.class,
        () -> read(q, changed(Q.class, QRetyped.class)));
    assertTrue(retyped.getMessage().contains("component 'b' was stored as java.lang.Integer,"
        + " the class now declares java.lang.String"), retyped.getMessage());
    IOException gone = assertThrows(IOException.class,
        () -> read(bytes(Color.GREEN), changed(Color.class, Fewer.class)));
    assertTrue(gone.getMessage().contains("has no constant GREEN now"), gone.getMessage());
  }

  @Test
  void aDamagedCountDoesNotAllocateWhatItClaims() throws IOException {
    byte[] b = bytes(new ArrayList<>(List.of(new double[] {1, 2, 3})));
    // LIST, kind, count 1, PRIM, 'D', count 3 -> a claim of 2^30 doubles, then 24 bytes
    int at = b.length - 24 - 4;
    assertEquals(3, java.nio.ByteBuffer.wrap(b, at, 4).getInt());
    java.nio.ByteBuffer.wrap(b, at, 4).putInt(1 << 30);
    assertThrows(IOException.class, () -> read(b, null));
  }

  @Test
  void aCraftedDeepNestingIsRefusedNotAStackOverflow() {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(3000 * 6 + 1);
    for (int i = 0; i < 3000; i++) { // a list holding a list holding a list ...
      b.put((byte) ValueSerializer.LIST).put((byte) 0).putInt(1);
    }
    b.put((byte) ValueSerializer.NULL);
    IOException e = assertThrows(IOException.class, () -> read(b.array(), null));
    assertTrue(e.getMessage().contains("nested more than 600 deep"), e.getMessage());
  }
}
