package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cellflow's kernel driven by jupyter_client, as a notebook would: one kernel runs every cell
 * below in order (so later cells see what earlier ones made), then each test checks what the
 * kernel sent back for its cells. Remote cells run on the local process backend ({@code %batch
 * backend=local}): real task processes, the same package and task as on Batch.
 */
class KernelIT {
  @TempDir
  static Path dir;

  private static final List<Map<String, Object>> CELLS = new ArrayList<>();
  private static final Map<String, Integer> INDEX = new LinkedHashMap<>();
  private static JsonNode out;

  private static void cell(String key, String code) {
    cell(key, code, 0);
  }

  private static void cell(String key, String code, double interruptAfter) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("code", code);
    if (interruptAfter > 0) {
      c.put("interrupt_after", interruptAfter);
    }
    INDEX.put(key, CELLS.size());
    CELLS.add(c);
  }

  /** A message from a second client that knows the ports but not (or not only) the key. */
  private static void forged(String key, String kind, String code) {
    INDEX.put(key, CELLS.size());
    CELLS.add(Map.of("forged", kind, "code", code));
  }

  /** A cell after forged messages: a kernel that stopped serving fails it in 60 s, not 300. */
  private static void cellSoon(String key, String code) {
    cell(key, code);
    CELLS.get(INDEX.get(key)).put("timeout", 60);
  }

  /** A cell interrupted once its output shows {@code text}. */
  private static void cell(String key, String code, String interruptWhen) {
    cell(key, code);
    CELLS.get(CELLS.size() - 1).put("interrupt_when", interruptWhen);
  }

  private static void history(String key, Map<String, Object> request) {
    Map<String, Object> r = new LinkedHashMap<>(request);
    r.put("raw", true);
    r.put("output", false);
    INDEX.put(key, CELLS.size());
    CELLS.add(Map.of("history", r));
  }

  static {
    cell("print", "int x = 20 + 22;\nSystem.out.println(\"x=\" + x);");
    cell("value", "x * 2");
    cell("lambda", "List.of(1, 2, 3).stream().map(i -> i * x).toList()");
    cell("array", "double[] many = new double[20_000_000];\nmany[1] = x;\nmany");
    INDEX.put("complete", CELLS.size());
    CELLS.add(Map.of("complete", "System.out.prin", "cursor", 15));
    cell("printf", "System.out.printf(\"x is %d%n\", x);");
    history("historyTail", Map.of("hist_access_type", "tail", "n", 2));
    history("historyRange", Map.of("hist_access_type", "range", "session", 0, "start", 2,
        "stop", 3));
    history("historySearch", Map.of("hist_access_type", "search", "pattern", "*20 + 22*"));
    cell("batchWithoutFlow", "%batch backend=local\nint q = x;");
    cell("flowHelp", "%flow --help");
    cell("flow", "%flow Kernel");
    cell("declare", "int y = x + 1;\nString label = \"y is \" + y;");          // cell_1
    cell("assign", "y += 1;");                                                   // cell_2
    cell("decls", "record Point(int a, int b) {}\nint twice(int v) { return 2 * v; }"); // cell_3
    cell("remote", "%batch backend=local\nPoint p = new Point(y, twice(y));\n"     // cell_4
        + "int s = java.util.stream.IntStream.range(0, 10).map(i -> i * y).sum();\n"
        + "System.out.println(\"remote s=\" + s);");
    cell("back", "System.out.println(p + \" \" + s + \" \" + p.getClass().getName());"); // cell_5
    cell("tooBig", "%batch backend=local limit=1\nint[] big = new int[1_000_000];\n"  // cell_6
        + "big[7] = 7;\nint small = big[7] * 6;");
    cell("small", "System.out.println(small);");                                 // cell_7
    cell("keep", "%batch backend=local limit=1 keep=big\n"                        // cell_8
        + "int[] big = new int[1_000_000];\nbig[7] = 99;");
    cell("load", "int[] big = dev.cellflow.client.Flow.named(\"Kernel\").run(1).step(\"cell_8\")"
        + ".task().artifact(\"big\").value();\nSystem.out.println(big[7]);");    // cell_9
    cell("ownDecls", "%batch backend=local\nrecord Pair(int l, int r) {}\n"
        + "int add(Pair q) { return q.l() + q.r(); }\nint three = add(new Pair(1, 2));");
    cell("ownDeclsHere", "add(new Pair(three, 4))");
    cell("jars", "%jars GREETER_JAR");
    cell("jarRemote", "%batch backend=local\nString hi = demo.Greeter.greet(\"task\");");
    cell("jarBack", "System.out.println(hi + \" / \" + demo.Greeter.greet(\"kernel\"));");
    // a library added by a glob (Tablesaw): tables made on the task come back, are stored by a
    // kernel cell, and go out again; the library is on the task's own class path
    cell("tablesawJars", "%jars TABLESAW/*.jar");
    cell("tableRemote", "%batch backend=local\nimport tech.tablesaw.api.*;\n"
        + "Table scores = Table.create(\"scores\").addColumns(\n"
        + "    StringColumn.create(\"name\", \"a\", \"b\", \"c\"),"
        + " DoubleColumn.create(\"v\", 1.5, 2.5, 4.0));\n"
        + "double total = scores.doubleColumn(\"v\").sum();\n"
        + "System.out.println(\"tablesaw on the task's class path: \"\n"
        + "    + System.getProperty(\"java.class.path\").contains(\"tablesaw-core\"));");
    cell("tableHere", "System.out.println(scores.name() + \" \" + scores.rowCount() + \" \"\n"
        + "    + scores.getString(2, \"name\") + \" \" + total);\n"
        + "Table big = scores.where(scores.doubleColumn(\"v\").isGreaterThan(2));");
    cell("tableRemoteAgain", "%batch backend=local\ndouble mean = scores.doubleColumn(\"v\").mean();\n"
        + "String bigNames = big.stringColumn(\"name\").asList() + \" of \" + big.name();");
    cell("tableBack", "System.out.printf(\"%.3f %s%n\", mean, bigNames);");
    // an output the kernel may not read (java.awt is not on the allow-list): the others bind
    cell("unreadableOutput", "%batch backend=local\njava.awt.Point pt = new java.awt.Point(1, 2);\n"
        + "int after = 5;");
    cell("afterUnreadable", "System.out.println(after);");
    // types of earlier cells, named by no line of the remote cell: a variable's declared type
    // (Box, Shape), its generic argument, the type of its value (Circle), what those name (Kind)
    cell("types", "enum Kind { SMALL, BIG }\ninterface Shape { double area(); }\n"
        + "record Circle(double r) implements Shape {\n"
        + "  public double area() { return Math.PI * r * r; } }\n"
        + "record Part(String name, Kind kind, int size) {}\nrecord Box<T>(T item) {}\n"
        + "Part part = new Part(\"a\", Kind.BIG, 3);\nObject boxed = new Part(\"b\", Kind.SMALL, 4);\n"
        + "Box<Part> box = new Box<>(new Part(\"c\", Kind.SMALL, 5));\nShape shape = new Circle(2);");
    cell("typesRemote", "%batch backend=local\nint total = part.size() + box.item().size()\n"
        + "    + ((Part) boxed).size() + (int) shape.area() + (part.kind() == Kind.BIG ? 100 : 0);\n"
        + "Kind biggest = Kind.values()[1];");
    cell("typesBack", "System.out.println(total + \" \" + biggest + \" \" + box.item().kind());");
    cell("progress", "%batch backend=local\nfor (int i = 1; i <= 4; i++) {\n"
        + "  System.out.println(\"progress \" + i);\n  Thread.sleep(300);\n}\nint progressed = 4;");
    cell("throwsLocal", "throw new IllegalStateException(\"outer\", new java.io.IOException(\"inner\"));");
    cell("throwsRemote", "%batch backend=local\nif (x > 0) throw new IllegalStateException(\"remote"
        + " outer\", new java.io.IOException(\"remote inner\"));\nint never2 = 1;");
    cell("remoteThrows", "%batch backend=local\nint[] a = new int[1];\nint bad = a[3];");
    cell("show", "%flow show");
    cell("showStep", "%flow show 1/cell_4");
    cell("runs", "%flow runs");
    cell("logsUnknown", "%batch logs cell_99");
    cell("list", "%batch list");
    cell("logs", "%batch logs cell_4");
    cell("unknownOption", "%batch cpux=3");
    cell("nonsense", "%resources memory=lots");
    cell("tooMuch", "%resources memory=99999999\nint z = 1;");
    cell("zNotDefined", "z");
    cell("undefinedRemote", "%batch backend=local\nint w = notDefined + 1;");
    cell("thread", "Thread th = new Thread(() -> {});");
    cell("notShippable", "%batch backend=local\nString n = th.getName();");
    cell("notStorableOutput", "%batch backend=local\nThread t2 = new Thread(() -> {});\n"
        + "int fine = 5;");
    cell("batchNeedsS3", "%batch\nint q = 1;");
    cell("badFlowName", "%flow big-sum");
    cell("interruptRemote", "%batch backend=local\nSystem.out.println(\"before the sleep\");\n"
        + "Thread.sleep(120_000);\nint never = 1;", "before the sleep");
    cell("afterInterrupt", "%flow show");
    cell("listAll", "%batch list");
    cell("logsKilled", "%batch logs");
    cell("interruptLocal", "while (true) { Thread.onSpinWait(); }", 3);
    cell("alive", "System.out.println(\"alive \" + x);");
    cell("end", "%flow end");
    cell("noFlow", "%flow show");
    cell("lines", "for (int i = 0; i < 5; i++) System.out.printf(\"line %d of %d%n\", i, 5);\n"
        + "System.out.print(\"no newline\");");
    cell("timed", "Thread.sleep(1500);");
    cell("count", "int count = 0;");
    forged("wrongKey", "wrong-key", "count += 100;");
    forged("unsigned", "unsigned", "count += 1000;");
    forged("truncated", "truncated", "count += 10000;");
    forged("unparsable", "unparsable", "count += 100000;");
    cellSoon("afterForged", "count += 1;\nSystem.out.println(\"count \" + count);");
    forged("replay", "replay", "count += 10;");
    cellSoon("afterReplay", "System.out.println(\"count \" + count);");
  }

  @BeforeAll
  static void runCells() throws Exception {
    Path jar = TestJars.greeter(dir);
    CELLS.get(INDEX.get("jars")).put("code", "%jars " + jar);
    CELLS.get(INDEX.get("tablesawJars")).put("code", "%jars " + TestJars.tablesaw(dir)
        + "/*.jar");
    out = Jupyter.install(dir).cells(CELLS);
  }

  private static JsonNode at(String key) {
    return out.get(INDEX.get(key));
  }

  private static String stdout(String key) {
    JsonNode c = at(key);
    assertTrue(c.get("error").isNull(), key + " failed: " + c.get("error"));
    return c.get("stdout").asText();
  }

  private static String result(String key) {
    JsonNode c = at(key);
    assertTrue(c.get("error").isNull(), key + " failed: " + c.get("error"));
    return c.get("result").asText();
  }

  private static String error(String key) {
    JsonNode c = at(key);
    assertNotNull(c.get("error").textValue(), key + " should have failed: " + c);
    return c.get("error").asText().replaceAll("\u001b\\[[0-9;]*m", "");
  }

  @Test
  void cellsRunInTheKernelAndShowTheirValues() {
    assertEquals("x=42\n", stdout("print"));
    assertEquals("84", result("value"));
    assertEquals("[42, 84, 126]", result("lambda"));
    assertEquals("double[20000000] { 0.0, 42.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ... }",
        result("array"));
    assertTrue(at("complete").get("matches").toString().contains("println("),
        at("complete").toString());
    // printf returns System.out: its text shows, the stream object does not
    assertEquals("x is 42\n", stdout("printf"));
    assertTrue(at("printf").get("result").isNull(), at("printf").toString());
  }

  @Test
  void messageDatesHaveSecondsSoThatFrontEndsCanTimeCells() {
    // nbclient's execution metadata and JupyterLab's cell timing come from these dates
    JsonNode dates = at("timed").get("dates");
    assertEquals(2, dates.size(), dates.toString());
    OffsetDateTime busy = OffsetDateTime.parse(dates.get(0).asText());
    OffsetDateTime idle = OffsetDateTime.parse(dates.get(1).asText());
    assertTrue(Duration.between(busy, idle).toMillis() >= 1400,
        "the cell slept 1.5 s between its busy and idle statuses: " + dates);
  }

  @Test
  void historyRequestsAreAnsweredWithTheCellsRunSoFar() {
    // JupyterLab sends one when it opens a notebook; the busy/idle around it is the first
    // status it takes from a new kernel
    JsonNode tail = at("historyTail");
    assertEquals("ok", tail.get("reply").get("status").asText(), tail.toString());
    assertEquals("[\"busy\",\"idle\"]", tail.get("states").toString());
    // entries are [session, cell number, source]: the last two cells, printf last
    JsonNode h = tail.get("reply").get("history");
    assertEquals(2, h.size(), h.toString());
    assertEquals(5, h.get(1).get(1).asInt(), h.toString());
    assertTrue(h.get(1).get(2).asText().startsWith("System.out.printf"), h.toString());
    JsonNode range = at("historyRange").get("reply").get("history");
    assertEquals(1, range.size(), range.toString());
    assertEquals("x * 2", range.get(0).get(2).asText());
    JsonNode found = at("historySearch").get("reply").get("history");
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).get(2).asText().startsWith("int x = 20 + 22;"), found.toString());
  }

  @Test
  void flowCellsAreStepsWhoseOutputsAreArtifacts() {
    assertTrue(result("flowHelp").contains("%flow resume"), result("flowHelp"));
    assertTrue(result("flow").contains("run Kernel/1 started"), result("flow"));
    String show = result("show");
    assertTrue(show.matches("(?s).*Kernel/1/cell_1/1\\s+succeeded\\s+y, label\\s.*"), show);
    assertTrue(show.matches("(?s).*Kernel/1/cell_2/2\\s+succeeded\\s+y, label\\s.*"), show);
    assertTrue(at("show").get("html").asText().contains("<table>"), "show renders as HTML");
  }

  @Test
  void aBatchCellRunsAsATaskAndItsOutputsComeBackAsVariables() {
    String remote = stdout("remote");
    assertTrue(remote.contains("remote s=1980"), remote); // y is 44 after y += 1
    assertTrue(remote.contains("now variables here: p, s"), remote);
    // the record made remotely is the kernel's own class, rebuilt from its components
    assertEquals("Point[a=44, b=88] 1980 REPL.$JShell$14$Point\n".replaceAll("\\$\\d+", "\\$N"),
        stdout("back").replaceAll("\\$\\d+", "\\$N"));
    assertTrue(result("list").contains("Kernel/1/cell_4/4"), result("list"));
    // a cell's own record and method: declared here too, and shipped like earlier ones
    assertTrue(stdout("ownDecls").contains("now variables here: three"), stdout("ownDecls"));
    assertEquals("7", result("ownDeclsHere"));
    String step = result("showStep");
    assertTrue(step.matches("(?s).*\\bp\\s+REPL\\.\\$JShell\\$\\d+\\$Point\\s.*")
        && step.matches("(?s).*\\bs\\s+java.lang.Integer\\s.*"), step);
    assertTrue(result("runs").matches("(?s).*Kernel/1\\s+running.*"), result("runs"));
    assertTrue(result("logs").contains("remote s=1980"), result("logs"));
  }

  @Test
  void theJarsTheSessionAddedGoWithABatchCell() {
    assertTrue(result("jars").contains("greeter.jar"), result("jars"));
    assertTrue(stdout("jarRemote").contains("now variables here: hi"), stdout("jarRemote"));
    assertEquals("hello from the jar, task / hello from the jar, kernel\n", stdout("jarBack"));
  }

  @Test
  void aLibraryTheSessionAddedReachesTheTaskAndTheStoreBothWays() {
    assertTrue(result("tablesawJars").contains("tablesaw-core-"), result("tablesawJars"));
    String remote = stdout("tableRemote");
    assertTrue(remote.contains("tablesaw on the task's class path: true\n"), remote);
    assertTrue(remote.contains("now variables here: scores, total"), remote);
    assertEquals("scores 3 c 8.0\n", stdout("tableHere"));
    assertTrue(stdout("tableRemoteAgain").contains("now variables here: mean, bigNames"),
        stdout("tableRemoteAgain"));
    assertEquals("2.667 [b, c] of scores\n", stdout("tableBack"));
  }

  @Test
  void anOutputTheKernelCannotReadLeavesTheOthersBound() {
    String e = error("unreadableOutput");
    assertTrue(e.contains("the task ran and stored its outputs, but pt (java.awt.Point)")
        && e.contains("CELLFLOW_SERIALIZATION_ALLOW=java.awt")
        && e.contains("the others are variables here now: after"), e);
    assertEquals("5\n", stdout("afterUnreadable"));
  }

  @Test
  void largeOutputsStayOnTheTaskUnlessKeptAndAreLoadedOnPurpose() {
    String tooBig = stdout("tooBig");
    assertTrue(tooBig.contains("big (int[], 3.8 MB) stayed on the task"), tooBig);
    assertTrue(tooBig.contains("run the cell again with %batch keep=big; it then prints the line"
        + " that loads it here"), tooBig);
    // no line to load what was never stored
    assertTrue(!tooBig.contains(".artifact(\"big\")"), tooBig);
    assertTrue(tooBig.contains("now variables here: small"), tooBig);
    assertEquals("42\n", stdout("small"));
    // the advice, followed: the cell again with keep=big, then the line it printed, as printed
    assertTrue(CELLS.get(INDEX.get("keep")).get("code").toString().startsWith(
        "%batch backend=local limit=1 keep=big\n"));
    String keep = stdout("keep");
    assertTrue(keep.contains("big (int[], 3.8 MB) is kept in the store, not loaded here"), keep);
    String loadLine = CELLS.get(INDEX.get("load")).get("code").toString().lines().findFirst()
        .orElseThrow();
    assertTrue(keep.contains("load it on purpose with:\n  " + loadLine + "\n"), keep);
    assertEquals("99\n", stdout("load"));
  }

  @Test
  void badInputIsAClearErrorNamingTheMagicAndTheArgument() {
    assertTrue(error("unknownOption").contains("%batch: unknown option 'cpux'"));
    assertTrue(error("nonsense").contains("%resources: memory takes a whole number of"
        + " megabytes"), error("nonsense"));
    assertTrue(error("tooMuch").contains("%batch memory=99999999"), error("tooMuch"));
    assertTrue(error("zNotDefined").contains("cannot find symbol"), error("zNotDefined"));
    assertTrue(error("undefinedRemote").contains("cell line 2")
        && error("undefinedRemote").contains("notDefined"), error("undefinedRemote"));
    assertTrue(error("notShippable").contains("variable 'th' (Thread), which cannot be"
        + " shipped"), error("notShippable"));
    String notStorable = stdout("notStorableOutput");
    assertTrue(notStorable.contains("t2 (Thread) stayed on the task: it cannot be stored"),
        notStorable);
    assertTrue(notStorable.contains("now variables here: fine"), notStorable);
    // the kernel has the Batch backend; this kernel's datastore is a local folder
    assertTrue(error("batchNeedsS3").contains("%batch: the 'batch' backend cannot run")
        && error("batchNeedsS3").contains("need the S3 datastore")
        && error("batchNeedsS3").contains("CELLFLOW_DATASTORE=s3")
        && error("batchNeedsS3").contains("backend=local"), error("batchNeedsS3"));
    assertTrue(error("badFlowName").contains("'big-sum' is not a flow name"));
    assertTrue(error("noFlow").contains("no flow is on"), error("noFlow"));
    assertTrue(error("remoteThrows").contains("ArrayIndexOutOfBoundsException")
        && error("remoteThrows").contains("failed"), error("remoteThrows"));
    assertTrue(result("show").matches("(?s).*cell_\\d+/\\d+\\s+failed.*"), result("show"));
    assertTrue(error("logsUnknown").contains("no remote step 'cell_99' in this run; its remote"
        + " steps are [cell_4"), error("logsUnknown"));
    assertTrue(error("batchWithoutFlow").contains("%batch: a %batch cell is a step of a flow run,"
        + " and no flow is on; start one with %flow NAME"), error("batchWithoutFlow"));
  }

  @Test
  void messagesThatFailTheSignatureCheckAreDroppedAndTheKernelServesOn() {
    // none of them ran, none was answered, and the next cell of the real client ran at once
    for (String forged : List.of("wrongKey", "unsigned", "truncated", "unparsable")) {
      assertEquals("[false]", at(forged).get("replies").toString(), forged);
    }
    assertEquals("count 1\n", stdout("afterForged"));
    // a replayed message (its signature seen before) is dropped: count += 10 ran once
    assertEquals("[true,false]", at("replay").get("replies").toString());
    assertEquals("count 11\n", stdout("afterReplay"));
  }

  @Test
  void typesOfEarlierCellsTravelWithARemoteCellThatNamesNone() {
    assertTrue(stdout("typesRemote").contains("now variables here: total, biggest"),
        stdout("typesRemote"));
    assertEquals("124 BIG SMALL\n", stdout("typesBack")); // 3 + 5 + 4 + 12 + 100
  }

  @Test
  void anExceptionsCausesAreShownInTheKernelAndByTheClientApi() {
    String local = error("throwsLocal");
    assertTrue(local.contains("java.lang.IllegalStateException: outer")
        && local.contains("Caused by: java.io.IOException: inner"), local);
    String remote = error("throwsRemote");
    assertTrue(remote.contains("java.lang.IllegalStateException: remote outer")
        && remote.contains("Caused by: java.io.IOException: remote inner"), remote);
    // %batch list shows each task's error as the Client API reads it (Task.error())
    assertTrue(result("listAll").contains("Caused by: java.io.IOException: remote inner"),
        result("listAll"));
  }

  @Test
  void failedAndInterruptedRemoteStepsAreListedAndTheirLogsShown() {
    String list = result("listAll");
    assertTrue(list.matches("(?s).*cell_\\d+/\\d+\\s+failed\\s+.*ArrayIndexOutOfBoundsException.*"),
        list);
    assertTrue(list.matches("(?s).*cell_\\d+/\\d+\\s+failed\\s+.*cell line 2.*notDefined.*"), list);
    assertTrue(list.matches("(?s).*cell_\\d+/\\d+\\s+killed\\s+.*interrupted.*"), list);
    // the interrupted step keeps what it printed, and says how it ended
    String logs = result("logsKilled");
    assertTrue(logs.contains("before the sleep") && logs.contains(" killed"), logs);
    assertTrue(error("interruptRemote").contains("(%batch logs cell_"), error("interruptRemote"));
  }

  @Test
  void aCellsOutputArrivesALineAtATime() {
    // printf writes each piece on its own; the notebook gets whole lines, and the partial
    // last line when the cell ends
    JsonNode messages = at("lines").get("messages");
    StringBuilder all = new StringBuilder();
    messages.forEach(m -> all.append(m.asText()));
    assertEquals("line 0 of 5\nline 1 of 5\nline 2 of 5\nline 3 of 5\nline 4 of 5\nno newline",
        all.toString());
    assertTrue(messages.size() <= 6, messages.toString());
    JsonNode remote = at("remote").get("messages");
    for (int i = 0; i < remote.size(); i++) {
      assertTrue(remote.get(i).asText().endsWith("\n"), remote.toString());
    }
    assertEquals((at("remote").get("stdout").asText() + at("remote").get("stderr").asText())
        .lines().count(), remote.size(), remote.toString());
  }

  @Test
  void interruptingEndsARemoteTaskAndStopsLocalCode() {
    assertTrue(error("interruptRemote").contains("%batch: interrupted"),
        error("interruptRemote"));
    String show = result("afterInterrupt");
    assertTrue(show.matches("(?s).*cell_\\d+/\\d+\\s+killed.*"), show);
    assertTrue(error("interruptLocal").contains("interrupted"), error("interruptLocal"));
    assertEquals("alive 42\n", stdout("alive"));
    assertTrue(result("end").contains("ended (succeeded)"), result("end"));
    assertNull(at("alive").get("result").textValue());
  }

  @Test
  void aBatchCellShowsOneDisplayUpdatedInPlaceEndingWithWhereItsResultsWent() {
    JsonNode d = at("progress").get("displays");
    assertTrue(d.size() >= 2, d.toString());
    assertEquals("display_data", d.get(0).get("type").asText(), d.toString());
    String id = d.get(0).get("id").asText();
    for (int i = 1; i < d.size(); i++) {
      assertEquals("update_display_data", d.get(i).get("type").asText(), d.toString());
      assertEquals(id, d.get(i).get("id").asText(), "one display, updated in place");
    }
    assertTrue(d.get(0).get("text").asText().matches("(?s)Kernel/1/cell_\\d+/\\d+ on local"
        + " \\(cpu 1, memory \\d+ MB\\)\nshipping · .*"), d.get(0).toString());
    // updated while the task ran, with its last lines, not only at its end
    boolean live = false;
    for (JsonNode u : d) {
      live |= u.get("text").asText().contains("running ·") && u.get("text").asText()
          .contains("tasks: 0 done, 1 running, 0 failed") && u.get("text").asText()
          .contains("progress 1");
    }
    assertTrue(live, d.toString());
    String last = d.get(d.size() - 1).get("text").asText();
    assertTrue(last.contains("succeeded ·") && last.contains("tasks: 1 done, 0 running, 0 failed")
        && last.contains("progress 4") && last.matches("(?s).*succeeded: artifacts in"
        + " Kernel/1/cell_\\d+/\\d+; now variables here: progressed\n"), last);
    assertTrue(d.get(d.size() - 1).get("html").asText().contains("cellflow-progress"), last);
    // at most 4 updates a second, however many lines the task prints
    JsonNode dates = at("progress").get("dates");
    double seconds = Duration.between(OffsetDateTime.parse(dates.get(0).asText()),
        OffsetDateTime.parse(dates.get(1).asText())).toMillis() / 1000.0;
    assertTrue(d.size() <= 4 * seconds + 3, d.size() + " displays in " + seconds + " s");
    // the task's own lines still arrive as stream text, a whole line per message; the notes
    // about the task are in the display, not in the stream
    JsonNode messages = at("progress").get("messages");
    messages.forEach(m -> assertTrue(m.asText().endsWith("\n"), messages.toString()));
    assertTrue(stdout("progress").contains("progress 4\n"), stdout("progress"));
    assertTrue(!stdout("progress").contains("running on local"), stdout("progress"));
    // a failed cell's display ends with its failure
    JsonNode f = at("remoteThrows").get("displays");
    String failed = f.get(f.size() - 1).get("text").asText();
    assertTrue(failed.contains("failed ·") && failed.contains("tasks: 0 done, 0 running, 1 failed")
        && failed.contains("failed: %batch: task Kernel/1/cell_") && failed.contains(
        "ArrayIndexOutOfBoundsException"), failed);
  }
}
