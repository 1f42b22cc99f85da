package dev.cellflow.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.junit.jupiter.api.Test;

class WireCheckTest {
  private static final String HEADER = "{\"msg_id\":\"m1\",\"msg_type\":\"execute_request\"}";

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A message as a client sends it: identity, delimiter, signature, the four signed frames. */
  private static List<byte[]> message(HMACGenerator key, String header) {
    List<byte[]> signed = List.of(b(header), b("{}"), b("{}"), b("{\"code\":\"1\"}"));
    List<byte[]> frames = new ArrayList<>(List.of(b("client"), WireCheck.DELIMITER,
        b(key.calculateSignature(signed.toArray(byte[][]::new)))));
    frames.addAll(signed);
    return frames;
  }

  @Test
  void aMessageSignedWithTheKeyPassesOnceAndItsReplayIsDropped() throws Exception {
    HMACGenerator key = new HMACGenerator("hmac-sha256", "the-key");
    WireCheck check = new WireCheck(key);
    assertNull(check.problem(message(key, HEADER)));
    assertEquals("replayed signature", check.problem(message(key, HEADER)));
    assertNull(check.problem(message(key, HEADER.replace("m1", "m2"))));
  }

  @Test
  void wrongKeysMissingSignaturesAndBrokenFramingAreNamed() throws Exception {
    HMACGenerator key = new HMACGenerator("hmac-sha256", "the-key");
    WireCheck check = new WireCheck(key);
    assertEquals("wrong signature",
        check.problem(message(new HMACGenerator("hmac-sha256", "other"), HEADER)));
    List<byte[]> unsigned = message(key, HEADER);
    unsigned.set(2, new byte[0]);
    assertEquals("unsigned", check.problem(unsigned));
    assertEquals("only 1 of the 5 frames after <IDS|MSG>",
        check.problem(message(key, HEADER).subList(0, 3)));
    assertEquals("no <IDS|MSG> delimiter", check.problem(List.of(b("client"), b("x"))));
    assertEquals("the header is not JSON", check.problem(message(key, "{not json")));
    assertEquals("the header has no msg_type or msg_id", check.problem(message(key, "{}")));
  }

  @Test
  void withoutAKeyNothingIsSignedAndNothingIsRememberedAsAReplay() {
    WireCheck check = new WireCheck(HMACGenerator.NO_AUTH_INSTANCE);
    List<byte[]> m = message(HMACGenerator.NO_AUTH_INSTANCE, HEADER);
    assertNull(check.problem(m));
    assertNull(check.problem(m));
  }
}
