package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.changed.Versioned;
import com.example.flows.Point;
import com.example.lambdas.Lambdas;
import dev.cellflow.CellflowException;
import dev.cellflow.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.Test;

class JavaSerializerTest {
  private final JavaSerializer ser = new JavaSerializer();

  private Object roundTrip(Object v) throws IOException {
    return read(bytes(v));
  }

  private byte[] bytes(Object v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ser.write(v, out);
    return out.toByteArray();
  }

  private Object read(byte[] b) throws IOException {
    return ser.read(new ByteArrayInputStream(b), getClass().getClassLoader());
  }

  /** What plain Java serialization writes, bypassing the checks of {@link JavaSerializer#write}. */
  private static byte[] raw(Object v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(v);
    }
    return out.toByteArray();
  }

  @Test
  void jdkValueTypesComeBack() throws IOException {
    Object v = Map.of("a", List.of(1, 2L, 3.5, "x"), "b", java.time.Duration.ofSeconds(5));
    assertEquals(v, roundTrip(v));
  }

  @Test
  void aKnownGadgetEntryPointIsRefusedWithAMessage() {
    IOException e = assertThrows(IOException.class,
        () -> roundTrip(new BadAttributeValueExpException("tampered")));
    assertTrue(e.getMessage().contains("javax.management.BadAttributeValueExpException"),
        e.getMessage());
    assertTrue(e.getMessage().contains("CELLFLOW_SERIALIZATION_ALLOW=javax.management"),
        e.getMessage());
  }

  @Test
  void aFlowsOwnPackageIsReadOnceTheFlowClassIsTrusted() throws IOException {
    IOException e = assertThrows(IOException.class, () -> roundTrip(new Point(1, 2)));
    assertTrue(e.getMessage().contains("com.example.flows.Point"), e.getMessage());
    AllowList.trustFlow(Point.class); // what running a flow there, or Flow.of, does
    assertEquals(new Point(1, 2), roundTrip(new Point(1, 2)));
  }

  @Test
  void aFlowInTheDefaultPackageTrustsTheDefaultPackageOnly() throws Exception {
    AllowList.trustFlow(Class.forName("NoPackage"));
    assertTrue(AllowList.allowed("NoPackage$Inner"));
    // before: allow("") admitted every class but five prefixes
    assertThrows(IOException.class, () -> roundTrip(new BadAttributeValueExpException("x")));
  }

  @Test
  void aFlowClassNamedInARunsRecordWidensNothing(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path root) throws IOException {
    var ds = new dev.cellflow.internal.datastore.FlowDatastore(
        new dev.cellflow.internal.datastore.LocalStorage(root), "Evil");
    for (String cls : List.of("javax.management.Evil", "Evil")) { // "Evil": default package
      ds.newRun(new dev.cellflow.internal.metadata.RunMeta("Evil", cls, 0, "u", RunStatus.SUCCEEDED, 1, 2,
          Map.of(), List.of(), null));
    }
    // reading the runs through the Client API used to allow("javax.management"), then ""
    assertEquals(2, dev.cellflow.client.Flow.in(ds.storage(), ds.flow()).runs().size());
    assertThrows(IOException.class, () -> roundTrip(new BadAttributeValueExpException("x")));
  }

  @Test
  void aOneNamePackageDoesNotTrustEveryPackageUnderIt() {
    AllowList.trustFlow(single.OneName.class); // a flow in package "com" must not trust com.sun
    assertTrue(AllowList.allowed("single.Other$Inner"));
    assertTrue(!AllowList.allowed("single.sub.Gadget"));
  }

  @Test
  void configuredPackagesMustBeJavaNames() {
    assertEquals(List.of("com.acme", "org.x.Point"),
        AllowList.parse(" com.acme.* , org.x.Point,"));
    CellflowException e = assertThrows(CellflowException.class, () -> AllowList.parse("*"));
    assertTrue(e.getMessage().startsWith("CELLFLOW_SERIALIZATION_ALLOW: '*' is not a package"),
        e.getMessage());
  }

  @Test
  void aClassChangedSinceItWasStoredSaysSoAndNotTheAllowList() throws IOException {
    AllowList.trustFlow(Versioned.class);
    byte[] b = bytes(new Versioned(3));
    // the stream as an older Versioned (serialVersionUID 1) wrote it
    int at = indexOf(b, "com.example.changed.Versioned".getBytes()) + 29;
    assertEquals(2L, ByteBuffer.wrap(b, at, 8).getLong());
    ByteBuffer.wrap(b, at, 8).putLong(1L);
    IOException e = assertThrows(IOException.class, () -> read(b));
    assertTrue(e.getMessage().contains("com.example.changed.Versioned")
        && e.getMessage().contains("has changed since")
        && e.getMessage().contains("serialVersionUID = 1"), e.getMessage());
    assertTrue(!e.getMessage().contains("allow-list"), e.getMessage());
  }

  @Test
  void aDeeplyNestedStreamIsRefusedNotAStackOverflow() throws Exception {
    Object[] deep = new Object[1];
    Object[] at = deep;
    for (int i = 0; i < JavaSerializer.MAX_DEPTH + 10; i++) {
      Object[] next = new Object[1];
      at[0] = next;
      at = next;
    }
    Throwable[] got = new Throwable[1];
    Thread t = new Thread(null, () -> got[0] = assertThrows(IOException.class,
        () -> read(raw(deep))), "deep", 1L << 30);
    t.start();
    t.join();
    assertTrue(got[0].getMessage().contains("nests objects more than 5000 deep"),
        String.valueOf(got[0]));
  }

  @Test
  void aHugeArrayLengthIsRefusedBeforeAnythingIsAllocated() throws IOException {
    byte[] b = raw(new long[] {7, 7, 7});
    int at = indexOf(b, new byte[] {0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 7});
    ByteBuffer.wrap(b, at, 4).putInt(Integer.MAX_VALUE - 8);
    IOException e = assertThrows(IOException.class, () -> read(b));
    assertTrue(e.getMessage().contains("an array of 2147483639 elements"), e.getMessage());
  }

  @Test
  void lambdasOfTrustedCodeTravelAndOthersAreRefusedBothWays() throws IOException {
    AllowList.trustFlow(Lambdas.class);
    Lambdas.Fn f = (Lambdas.Fn) roundTrip(Lambdas.scale(2.5));
    assertEquals(5.0, f.apply(2), 0);

    // made here, in code that is neither a flow's nor a notebook's: refused before it is stored
    Lambdas.Fn mine = v -> v + 1;
    IOException w = assertThrows(IOException.class, () -> bytes(mine));
    assertTrue(w.getMessage().contains("made in " + getClass().getName()), w.getMessage());
    // and a stream that holds one anyway is not read back
    IOException r = assertThrows(IOException.class, () -> read(raw(mine)));
    assertTrue(r.getMessage().contains("a lambda made in " + getClass().getName()),
        r.getMessage());
  }

  private static int indexOf(byte[] b, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= b.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
