package dev.cellflow.kernel.session;

import dev.cellflow.testing.Interrupts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarFile;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interrupts sent through a session wait while its thread evaluates: javac reads jars through
 * channels that an interrupt closes for good, and the session would then fail on every class of
 * the jar it had not read yet.
 */
class JShellSessionTest {
  private JShell shell;
  private JShellSession session;
  private List<String> classes;

  @BeforeEach
  void open() throws Exception {
    Path jar = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    shell = JShell.builder().executionEngine("local").build();
    shell.addToClasspath(jar.toString());
    session = new JShellSession(shell, () -> getClass().getClassLoader());
    // public classes of the jar: each evaluation below reads another of them from the jar
    classes = new ArrayList<>();
    try (JarFile f = new JarFile(jar.toFile())) {
      for (var e : (Iterable<java.util.jar.JarEntry>) f.stream()::iterator) {
        String n = e.getName();
        if (classes.size() < 40 && n.endsWith(".class") && !n.contains("$")
            && n.startsWith("com/fasterxml/jackson/databind/")) {
          String name = n.substring(0, n.length() - 6).replace('/', '.');
          if (Modifier.isPublic(Class.forName(name, false, getClass().getClassLoader())
              .getModifiers())) {
            classes.add(name);
          }
        }
      }
    }
    assertEquals(40, classes.size());
  }

  @AfterEach
  void close() {
    shell.close();
  }

  private Snippet.Status evalNameOf(int i) {
    List<SnippetEvent> events = session.eval("String x" + i + " = " + classes.get(i)
        + ".class.getName();");
    return events.get(0).status();
  }

  @Test
  void interruptsWaitWhileEvaluatingAndTheSessionStillReadsItsJar() throws Exception {
    List<Integer> lost = new ArrayList<>();
    List<String> failed = new CopyOnWriteArrayList<>();
    for (int i = 0; i < classes.size() - 1; i++) {
      int k = i;
      if (Interrupts.lostWhile(() -> {
        try {
          if (evalNameOf(k) != Snippet.Status.VALID) {
            failed.add(k + ": " + shell.diagnostics(shell.snippets().reduce((a, b) -> b)
                .orElseThrow()).map(d -> d.getMessage(null)).toList());
          }
        } catch (RuntimeException | Error e) {
          failed.add(k + ": " + e);
        }
      }, k % 8, session::interrupt)) {
        lost.add(k);
      }
    }
    assertEquals(List.of(), failed, "evaluations an interrupt broke");
    assertEquals(List.of(), lost, "interrupts held back and never set again");
    assertEquals(Snippet.Status.VALID, evalNameOf(classes.size() - 1));
  }

  @Test
  void aThreadInterruptedBeforeItEvaluatesEvaluatesAndStaysInterrupted() {
    Thread.currentThread().interrupt();
    try {
      assertEquals(Snippet.Status.VALID, evalNameOf(0));
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt was lost");
    }
    assertEquals(Snippet.Status.VALID, evalNameOf(1));
  }

  @Test
  void anInterruptOutsideAnEvaluationIsSetAtOnce() {
    session.interrupt(Thread.currentThread());
    assertTrue(Thread.interrupted());
  }
}
