package dev.cellflow.internal.graph;

import dev.cellflow.CellflowException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads the transitions a step method's bytecode calls, without running it. A method reference
 * {@code this::end} compiles to an {@code invokedynamic} whose implementation handle names
 * {@code end}; the {@code next}/{@code foreach} call that consumes it follows.
 */
final class TransitionScanner {
  /** A transition call found in a method: its targets (method names), foreach field, line. */
  record Call(List<String> targets, String foreachField, boolean foreach, int line) {}

  private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";

  private TransitionScanner() {}

  /** The transition calls of every method declared by {@code cls}, by method name. */
  static Map<String, List<Call>> scan(Class<?> cls) {
    String resource = cls.getName().replace('.', '/') + ".class";
    ClassLoader loader = cls.getClassLoader() != null ? cls.getClassLoader()
        : ClassLoader.getSystemClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CellflowException("cannot read the bytecode of " + cls.getName()
            + " to find its transitions (no " + resource + " on its class loader)");
      }
      Map<String, List<Call>> out = new HashMap<>();
      new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig,
            String[] exceptions) {
          List<Call> calls = out.computeIfAbsent(name, k -> new ArrayList<>());
          return new MethodScan(calls);
        }
      }, ClassReader.SKIP_FRAMES);
      return out;
    } catch (IOException e) {
      throw new CellflowException("cannot read the bytecode of " + cls.getName() + ": " + e, e);
    }
  }

  /** Collects method handles and string constants until a transition call consumes them. */
  private static final class MethodScan extends MethodVisitor {
    private final List<Call> calls;
    private final List<String> refs = new ArrayList<>();
    private String lastString;
    private int line = -1;

    MethodScan(List<Call> calls) {
      super(Opcodes.ASM9);
      this.calls = calls;
    }

    @Override
    public void visitLineNumber(int l, Label start) {
      line = l;
    }

    @Override
    public void visitLdcInsn(Object value) {
      if (value instanceof String s) {
        lastString = s;
      }
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
      boolean stepRef = desc.endsWith(")Ldev/cellflow/StepMethod;")
          || desc.endsWith(")Ldev/cellflow/JoinMethod;");
      if (stepRef && LAMBDA_FACTORY.equals(bsm.getOwner()) && args.length > 1
          && args[1] instanceof Handle impl) {
        refs.add(impl.getName());
      }
    }

    @Override
    public void visitMethodInsn(int op, String owner, String name, String desc, boolean itf) {
      boolean ours = desc.contains("Ldev/cellflow/StepMethod;")
          || desc.contains("Ldev/cellflow/JoinMethod;");
      if (!ours || !(name.equals("next") || name.equals("foreach"))) {
        return;
      }
      boolean foreach = name.equals("foreach");
      calls.add(new Call(List.copyOf(refs), foreach ? lastString : null, foreach, line));
      refs.clear();
      lastString = null;
    }
  }
}
