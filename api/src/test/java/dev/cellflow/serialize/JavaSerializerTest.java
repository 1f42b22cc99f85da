package dev.cellflow.serialize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import com.example.flows.Point;
import java.util.List;
import java.util.Map;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.Test;

class JavaSerializerTest {
  private final JavaSerializer ser = new JavaSerializer();

  private Object roundTrip(Object v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ser.write(v, out);
    return ser.read(new ByteArrayInputStream(out.toByteArray()), getClass().getClassLoader());
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
    assertTrue(e.getMessage().contains("CELLFLOW_SERIALIZATION_ALLOW"), e.getMessage());
  }

  @Test
  void aFlowsOwnPackageIsReadOnceAllowed() throws IOException {
    IOException e = assertThrows(IOException.class, () -> roundTrip(new Point(1, 2)));
    assertTrue(e.getMessage().contains("com.example.flows.Point"), e.getMessage());
    JavaSerializer.allow("com.example.flows"); // what running or reading a flow there does
    assertEquals(new Point(1, 2), roundTrip(new Point(1, 2)));
  }
}
