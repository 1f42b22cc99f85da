package dev.cellflow.batch.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.cellflow.testing.Needs;
import java.util.Map;

/**
 * One moto server (the AWS emulator) on loopback for all tests in this JVM, started on first use
 * and stopped when the JVM exits. The SDK reaches it through the standard settings: system
 * properties here, and the same as environment variables for processes the tests start.
 */
final class Moto {
  private static Process server;
  private static String endpoint;

  private Moto() {}

  /** The endpoint URL of the running server; without moto, see {@link Needs#tool}. */
  static synchronized String endpoint() throws Exception {
    if (endpoint != null) {
      System.setProperty("aws.endpointUrl", endpoint); // another emulator may have been used
      return endpoint;
    }
    Needs.tool(Needs.onPath("moto_server"), "moto_server",
        "pip install 'moto[server]' and put it on the PATH");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("moto", ".log");
    server = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.destroyForcibly()));
    String url = "http://127.0.0.1:" + port;
    for (int i = 0; i < 200; i++) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url + "/moto-api/").toURL()
            .openConnection();
        if (c.getResponseCode() < 500) {
          break;
        }
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    env().forEach(System::setProperty);
    System.setProperty("aws.endpointUrl", url);
    endpoint = url;
    return url;
  }

  /** The SDK settings as system properties (names as the SDK reads them). */
  private static Map<String, String> env() {
    return Map.of("aws.accessKeyId", "test", "aws.secretAccessKey", "test",
        "aws.region", "us-east-1");
  }

  /** The same settings as environment variables, for a process the test starts. */
  static Map<String, String> processEnv() throws Exception {
    return Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", endpoint());
  }
}
