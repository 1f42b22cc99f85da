package dev.cellflow.internal.graph;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Which artifact fields a step can touch, read from its bytecode: the fields it (or the flow's
 * own methods and lambdas it calls) gets or puts. A step whose {@code this} escapes — handed to
 * code outside the flow, or used reflectively, as {@code mergeArtifacts} does — touches all of
 * them ({@code null}). A task then loads only what its step touches and passes the rest on by
 * reference, without reading or rewriting it. A join reads from its inputs only the fields its
 * code touches, unless an input may escape too (see {@link InputTaint}).
 */
final class FieldUse {
  private final Set<String> owners = new HashSet<>();
  private final Map<String, MethodNode> methods = new HashMap<>();
  private final Map<String, String> ownerOf = new HashMap<>();

  private FieldUse(Class<?> flow) {
    for (Class<?> c = flow; c != null && c != Object.class; c = c.getSuperclass()) {
      String internal = c.getName().replace('.', '/');
      owners.add(internal);
      if (c == FlowSpec.class) {
        continue; // its methods are known: transitions touch no field, mergeArtifacts touches all
      }
      for (MethodNode m : read(c).methods) {
        methods.putIfAbsent(m.name + m.desc, m);
        ownerOf.putIfAbsent(m.name + m.desc, internal);
      }
    }
  }

  /** The fields each step touches, by step name; a step maps to null when it may touch all. */
  static Map<String, Set<String>> of(Class<?> flow, Iterable<String> steps) {
    FieldUse use = new FieldUse(flow);
    Map<String, Set<String>> out = new HashMap<>();
    for (String step : steps) {
      out.put(step, use.touched(step));
    }
    return out;
  }

  private Set<String> touched(String step) {
    Set<String> fields = new HashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    String join = step + JOIN_DESC;
    for (String key : methods.keySet()) {
      if (key.startsWith(step + "(")) {
        todo.add(key);
      }
      // a join's inputs may meet JDK code that calls these on them
      if (methods.containsKey(join) && (InputTaint.OBJECT_METHODS.contains(key)
          || key.startsWith("compareTo("))) {
        todo.add(key);
      }
    }
    while (!todo.isEmpty()) {
      String key = todo.pop();
      MethodNode m = methods.get(key);
      if (m == null || !seen.add(key)) {
        continue;
      }
      if (!scan(m, ownerOf.get(key), fields, todo, !methods.containsKey(join) ? null
          : key.equals(join))) {
        return null;
      }
    }
    return fields;
  }

  private static final String JOIN_DESC = "(Ldev/cellflow/Inputs;)V";

  /**
   * Adds what {@code m} touches; false when {@code this} escapes, or, in a join's code ({@code
   * joinEntry} not null; true for the join step itself), when an input may.
   */
  private boolean scan(MethodNode m, String owner, Set<String> fields, Deque<String> todo,
      Boolean joinEntry) {
    boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
    Frame<SourceValue>[] frames;
    try {
      frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, m);
    } catch (AnalyzerException e) {
      return false; // cannot tell: assume all
    }
    InputTaint taint = joinEntry == null ? null : new InputTaint(m, frames, joinEntry);
    AbstractInsnNode[] insns = m.instructions.toArray();
    for (int i = 0; i < insns.length; i++) {
      AbstractInsnNode insn = insns[i];
      Frame<SourceValue> f = frames[i];
      if (f == null) {
        continue; // unreachable
      }
      if (taint != null && taint.escapes(insn, f, owners)) {
        return false; // an input handed to code we do not follow
      }
      if (insn instanceof VarInsnNode vi && vi.getOpcode() == Opcodes.ASTORE
          && isThis(m, frames, f, 0, isStatic)) {
        return false; // an alias of this in a local: not followed
      }
      if (insn instanceof FieldInsnNode fi && owners.contains(fi.owner)) {
        if (fi.getOpcode() == Opcodes.GETFIELD || fi.getOpcode() == Opcodes.PUTFIELD) {
          fields.add(fi.name);
        }
        if (fi.getOpcode() == Opcodes.PUTFIELD && isThis(m, frames, f, 0, isStatic)) {
          return false; // storing this into a field
        }
      } else if (insn instanceof MethodInsnNode mi) {
        int args = org.objectweb.asm.Type.getArgumentTypes(mi.desc).length;
        boolean hasReceiver = mi.getOpcode() != Opcodes.INVOKESTATIC;
        int depth = args + (hasReceiver ? 1 : 0);
        boolean ours = owners.contains(mi.owner);
        if (reflective(mi)) {
          return false;
        }
        if (harmless(mi)) {
          continue; // null checks javac emits for this::step
        }
        if (ours && mi.name.equals("mergeArtifacts")) {
          return false; // FlowSpec's (final), whatever class javac names as the call's owner
        }
        if (ours && mi.owner.equals("dev/cellflow/FlowSpec")) {
          continue; // next, foreach, input, index, parallelMap, range: no fields
        }
        for (int a = 0; a < depth; a++) {
          boolean receiver = hasReceiver && a == depth - 1;
          if (isThis(m, frames, f, a, isStatic) && !(ours && receiver)) {
            return false; // this handed to code we do not follow
          }
        }
        if (ours) {
          todo.add(mi.name + mi.desc);
        }
      } else if (insn instanceof InvokeDynamicInsnNode indy) {
        if (indy.desc.endsWith(")Ldev/cellflow/StepMethod;")
            || indy.desc.endsWith(")Ldev/cellflow/JoinMethod;")) {
          continue; // next(this::step): a transition, not a call
        }
        Handle impl = indy.bsmArgs.length > 1 && indy.bsmArgs[1] instanceof Handle h ? h : null;
        boolean lambdaOfOurs = impl != null && owners.contains(impl.getOwner());
        if (lambdaOfOurs) {
          todo.add(impl.getName() + impl.getDesc());
          continue; // captured this is the lambda's receiver, which we follow
        }
        int args = org.objectweb.asm.Type.getArgumentTypes(indy.desc).length;
        for (int a = 0; a < args; a++) {
          if (isThis(m, frames, f, a, isStatic)) {
            return false; // e.g. "" + this: toString runs where we do not follow
          }
        }
      } else if (insn.getOpcode() == Opcodes.AASTORE || insn.getOpcode() == Opcodes.ARETURN
          || insn.getOpcode() == Opcodes.PUTSTATIC) {
        if (isThis(m, frames, f, 0, isStatic)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the value {@code fromTop} below the top of the stack may be {@code this}. */
  private static boolean isThis(MethodNode m, Frame<SourceValue>[] frames, Frame<SourceValue> f,
      int fromTop, boolean isStatic) {
    if (isStatic || f.getStackSize() <= fromTop) {
      return false;
    }
    for (AbstractInsnNode src : f.getStack(f.getStackSize() - 1 - fromTop).insns) {
      if (src instanceof VarInsnNode vi && vi.getOpcode() == Opcodes.ALOAD && vi.var == 0) {
        return true;
      }
      int op = src.getOpcode();
      boolean copies = op == Opcodes.DUP || op == Opcodes.DUP_X1 || op == Opcodes.DUP_X2
          || op == Opcodes.CHECKCAST;
      Frame<SourceValue> before = frames[m.instructions.indexOf(src)];
      if (copies && before != null && isThis(m, frames, before, 0, false)) {
        return true;
      }
    }
    return false;
  }

  /** Calls that can reach fields by reflection, whoever the receiver. */
  private static boolean reflective(MethodInsnNode mi) {
    return mi.owner.startsWith("java/lang/reflect/") || mi.owner.startsWith("java/lang/invoke/")
        || (mi.owner.equals("java/lang/Class") && (mi.name.startsWith("getDeclared")
            || mi.name.equals("getFields") || mi.name.equals("getField")
            || mi.name.equals("getMethods") || mi.name.equals("getMethod")));
  }

  private static boolean harmless(MethodInsnNode mi) {
    return (mi.owner.equals("java/util/Objects") && mi.name.equals("requireNonNull"))
        || (mi.owner.equals("java/lang/Object") && mi.name.equals("getClass"));
  }

  private static ClassNode read(Class<?> c) {
    String resource = c.getName().replace('.', '/') + ".class";
    ClassLoader loader = c.getClassLoader() != null ? c.getClassLoader()
        : ClassLoader.getSystemClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CellflowException("cannot read the bytecode of " + c.getName());
      }
      ClassNode node = new ClassNode();
      new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
      return node;
    } catch (IOException e) {
      throw new CellflowException("cannot read the bytecode of " + c.getName() + ": " + e, e);
    }
  }
}
