package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.kernel.CellflowKernel;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.kernel.session.JShellSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.junit.jupiter.api.Test;

/**
 * The JJava extension's way in, without JJava's kernel (not resolvable here): the extension is
 * found by ServiceLoader as JJava finds it, and its magics, registered into a fresh registry the
 * way they are in JJava, reach a kernel only through reflection ({@code getJShell}, {@code
 * getClassLoader}, {@code evalRaw}). cellflow's kernel stands in for JJava's: it has the same
 * methods. {@code %%batch} runs a real task process on the local backend.
 */
class ExtensionIT {
  @Test
  void theExtensionIsFoundByServiceLoaderAndSkipsCellflowsOwnKernel() {
    List<Extension> found = ServiceLoader.load(Extension.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    assertEquals(List.of("dev.cellflow.kernel.ext.CellflowExtension"),
        found.stream().map(e -> e.getClass().getName()).toList());
  }

  @org.junit.jupiter.api.io.TempDir
  Path dir;

  @Test
  void cellMagicsRunThroughReflectionAsInJJava() throws Exception {
    CellflowKernel kernel = CellflowKernel.create();
    MagicsRegistry registry = new MagicsRegistry();
    // what CellflowExtension.install does in a JJava kernel
    Class<?> hostClass = Class.forName("dev.cellflow.kernel.ext.ReflectiveHost");
    var ctor = hostClass.getDeclaredConstructor(Object.class);
    ctor.setAccessible(true);
    dev.cellflow.kernel.magic.CellflowMagics.install(registry, k -> {
      try {
        return (dev.cellflow.kernel.magic.Host) ctor.newInstance(k);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }, false);
    assertTrue(registry.getCellMagicNames().containsAll(List.of("batch", "step")));

    MagicException lineBatch = assertThrows(MagicException.class,
        () -> registry.evalLineMagic(kernel, "batch", List.of("backend=local")));
    assertTrue(lineBatch.getMessage().contains("write %%batch backend=local"),
        lineBatch.getMessage());

    String flow = registry.evalLineMagic(kernel, "flow", List.of("Ext"));
    assertTrue(flow.contains("run Ext/"), flow);
    registry.evalCellMagic(kernel, "step", List.of(), "int base = 40;");
    PrintStream out = System.out;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    System.setOut(new PrintStream(seen, true, StandardCharsets.UTF_8));
    try {
      registry.evalCellMagic(kernel, "batch", List.of("backend=local"),
          "int answer = base + 2;\nSystem.out.println(\"on the task: \" + answer);");
      // a jar the session added (the kernel's %jars, as JJava's): found on the session's
      // loader and shipped with the cell
      kernel.evalRaw("%jars " + TestJars.greeter(dir));
      registry.evalCellMagic(kernel, "batch", List.of("backend=local"),
          "String hi = demo.Greeter.greet(\"task\");");
    } finally {
      System.setOut(out);
    }
    String printed = seen.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("on the task: 42") && printed.contains("now variables here:"
        + " answer"), printed);
    JShellSession s = kernel.session();
    assertEquals(42, s.value(s.variables().get("answer")));
    assertEquals("hello from the jar, task", s.value(s.variables().get("hi")));
    registry.evalLineMagic(kernel, "flow", List.of("end"));
  }

  @Test
  void aNewerJJavasEvalBuilderIsPreferredWhereItExists() throws Exception {
    Method find = Class.forName("dev.cellflow.kernel.ext.ReflectiveHost")
        .getDeclaredMethod("find", Class.class, String.class, Class[].class);
    find.setAccessible(true);
    // 1.0-a6 has evalRaw and no evalBuilder: the host falls back to evalRaw
    assertEquals(null, find.invoke(null, BaseKernel.class, "evalBuilder",
        new Class<?>[] {String.class}));
    assertTrue(find.invoke(null, BaseKernel.class, "evalRaw", new Class<?>[] {String.class})
        != null);
  }
}
