package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ValueSerializerTest {
  private final ValueSerializer ser = new ValueSerializer();

  private Object roundTrip(Object v) throws IOException {
    assertTrue(ser.canWrite(v), "writable: " + v);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ser.write(v, out);
    return ser.read(new ByteArrayInputStream(out.toByteArray()), null);
  }

  @Test
  void scalarsComeBackWithTheirType() throws IOException {
    for (Object v : List.of("héllo ∑", 7, 7L, 2.5, 2.5f, (short) 3, (byte) -1, true, 'x')) {
      Object back = roundTrip(v);
      assertEquals(v, back);
      assertEquals(v.getClass(), back.getClass());
    }
  }

  @Test
  void collectionsKeepTheirClassOrderAndNesting() throws IOException {
    Map<String, List<Integer>> nested = new LinkedHashMap<>();
    nested.put("z", new ArrayList<>(List.of(3, 2, 1)));
    nested.put("a", new LinkedList<>(Arrays.asList(1, null)));
    Object back = roundTrip(nested);
    assertEquals(nested, back);
    assertEquals(LinkedHashMap.class, back.getClass());
    assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) back).keySet()));
    assertEquals(LinkedList.class, ((Map<?, ?>) back).get("a").getClass());
    assertEquals(TreeSet.class, roundTrip(new TreeSet<>(Set.of(3, 1))).getClass());
    assertEquals(TreeMap.class, roundTrip(new TreeMap<>(Map.of("b", 1))).getClass());
    assertEquals(new HashMap<>(Map.of(1, "x")), roundTrip(new HashMap<>(Map.of(1, "x"))));
  }

  @Test
  void immutableCollectionsStayUnmodifiable() throws IOException {
    @SuppressWarnings("unchecked")
    List<Integer> back = (List<Integer>) roundTrip(List.of(1, 2, 3));
    assertEquals(List.of(1, 2, 3), back);
    assertThrows(UnsupportedOperationException.class, () -> back.add(4));
  }

  @Test
  void whatItCannotKeepGoesToAnotherSerializer() {
    assertFalse(ser.canWrite(new TreeSet<>(Comparator.reverseOrder())), "a comparator is code");
    assertFalse(ser.canWrite(List.of(new StringBuilder("x"))));
    assertFalse(ser.canWrite(new java.util.Date()));
  }
}
