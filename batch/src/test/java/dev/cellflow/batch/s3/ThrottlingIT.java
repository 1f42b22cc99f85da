package dev.cellflow.batch.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.cellflow.batch.emulator.EmulatorProxy;
import dev.cellflow.datastore.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 throttles by answering 503 SlowDown; cellflow's S3 traffic must ride it out. A proxy on
 * loopback in front of moto answers the first try of every distinct request with SlowDown, as
 * S3 does under load, and passes the retry through.
 */
class ThrottlingIT {
  @TempDir Path dir;
  private EmulatorProxy proxy;
  private final AtomicInteger slowDowns = new AtomicInteger();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private String moto;
  private String bucket;

  @BeforeEach
  void start() throws Exception {
    moto = Moto.endpoint();
    bucket = "cf-" + UUID.randomUUID().toString().substring(0, 8);
    try (var s3 = S3Clients.create()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    proxy = new EmulatorProxy(moto);
    proxy.intercept(this::slowDownFirstTry);
    System.setProperty("aws.endpointUrl", proxy.endpoint());
  }

  @AfterEach
  void stop() {
    proxy.close();
    System.setProperty("aws.endpointUrl", moto);
  }

  /** The first try of each distinct request gets S3's 503 SlowDown; the retry goes through. */
  private boolean slowDownFirstTry(HttpExchange ex, byte[] body) throws IOException {
    if (!seen.add(ex.getRequestMethod() + " " + ex.getRequestURI())) {
      return false;
    }
    slowDowns.incrementAndGet();
    byte[] err = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
        + "<Message>Please reduce your request rate.</Message></Error>")
        .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/xml");
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(503, -1);
    } else {
      ex.sendResponseHeaders(503, err.length);
      ex.getResponseBody().write(err);
    }
    return true;
  }

  @Test
  void everyCallSucceedsThroughSlowDowns() throws Exception {
    String url = "s3://" + bucket + "/data";
    Map<String, Path> files = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      files.put("in/f" + i, Files.writeString(dir.resolve("f" + i), "file " + i));
    }
    try (S3 s3 = S3.at(url)) {
      s3.put("one", "hello".getBytes(StandardCharsets.UTF_8));
      s3.putMany(files);
      assertEquals("hello", s3.get("one").text());
      assertEquals(6, s3.list().size());
      List<S3File> back = s3.getMany(List.of("in/f0", "in/f4"));
      assertEquals("file 4", back.get(1).text());
    }
    assertTrue(slowDowns.get() >= 10, "the proxy throttled " + slowDowns.get() + " requests");
  }

  @Test
  void theDatastoreStoresAndReadsThroughSlowDowns() throws Exception {
    try (var client = S3Clients.create()) {
      S3Storage storage = new S3Storage(client, "s3://" + bucket + "/store");
      byte[] big = new byte[12 << 20]; // large enough for a multipart upload
      new java.util.Random(1).nextBytes(big);
      try (Storage.Staged s = storage.stage()) {
        s.out().write(big);
        s.commit("objects/big", false);
      }
      try (var in = storage.read("objects/big")) {
        assertTrue(java.util.Arrays.equals(big, in.readAllBytes()));
      }
      assertTrue(storage.createExclusive("runs/1", new byte[] {1}));
      assertTrue(!storage.createExclusive("runs/1", new byte[] {2}), "a claim is made once");
    }
    assertTrue(slowDowns.get() >= 2, "the proxy throttled " + slowDowns.get() + " requests");
  }
}
