package dev.cellflow.internal.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Which values in one method of a join's code may be the join's inputs, or hold them (the
 * {@code Inputs}, a stream or list of inputs, a lambda that captured one), and whether such a
 * value reaches code the scan does not follow. A join reads only the fields its code touches
 * from its inputs, so it must know that no other code reads an input's fields: a helper class,
 * reflection, serialization, {@code toString} through string concatenation.
 *
 * <p>Deliberately coarse, and wrong only on the safe side (where it cannot tell, the input
 * escapes and the join reads every field): JDK collections and streams may hold and pass on
 * inputs, and may call the flow's {@code equals}, {@code hashCode}, {@code toString} and {@code
 * compareTo}, which the scan then follows; other code may not have them at all. Values of
 * primitive, string and boxed types never hold an input.
 */
final class InputTaint {
  private static final Set<String> SAFE = Set.of("java/lang/String", "java/lang/Integer",
      "java/lang/Long", "java/lang/Double", "java/lang/Float", "java/lang/Short",
      "java/lang/Byte", "java/lang/Character", "java/lang/Boolean", "java/math/BigInteger",
      "java/math/BigDecimal", "java/util/stream/IntStream", "java/util/stream/LongStream",
      "java/util/stream/DoubleStream");

  /** The flow's {@code Object} methods JDK code may call on an input. */
  static final Set<String> OBJECT_METHODS = Set.of("equals(Ljava/lang/Object;)Z", "hashCode()I",
      "toString()Ljava/lang/String;");

  private final MethodNode m;
  private final Frame<SourceValue>[] frames;
  private final Set<Integer> slots = new HashSet<>();
  private final Map<AbstractInsnNode, Boolean> made = new HashMap<>();

  /**
   * The taint of {@code m}, analysed into {@code frames}; {@code entry}: {@code m} is the join
   * step itself, whose one argument is the inputs; any other method may have been handed an
   * input in its receiver or any argument that can hold one.
   */
  InputTaint(MethodNode m, Frame<SourceValue>[] frames, boolean entry) {
    this.m = m;
    this.frames = frames;
    boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
    int slot = 0;
    if (!isStatic) {
      if (!entry) {
        slots.add(0);
      }
      slot = 1;
    }
    for (Type t : Type.getArgumentTypes(m.desc)) {
      if (entry || mayHold(t)) {
        slots.add(slot);
      }
      slot += t.getSize();
    }
    // a local that ever holds a tainted value is tainted everywhere: coarse, and safe
    boolean grew = true;
    while (grew) {
      grew = false;
      AbstractInsnNode[] insns = m.instructions.toArray();
      for (int i = 0; i < insns.length; i++) {
        if (insns[i] instanceof VarInsnNode vi && vi.getOpcode() == Opcodes.ASTORE
            && frames[i] != null && !slots.contains(vi.var) && tainted(frames[i], 0)) {
          slots.add(vi.var);
          made.clear();
          grew = true;
        }
      }
    }
  }

  /** Whether a value of type {@code t} can be, or hold, a flow instance. */
  static boolean mayHold(Type t) {
    if (t.getSort() == Type.ARRAY) {
      return mayHold(t.getElementType());
    }
    return t.getSort() == Type.OBJECT && !SAFE.contains(t.getInternalName());
  }

  /** Whether the value {@code fromTop} below the top of {@code f}'s stack may hold an input. */
  boolean tainted(Frame<SourceValue> f, int fromTop) {
    if (f.getStackSize() <= fromTop) {
      return false;
    }
    for (AbstractInsnNode src : f.getStack(f.getStackSize() - 1 - fromTop).insns) {
      Boolean known = made.get(src);
      if (known == null) {
        made.put(src, false); // a cycle through this instruction adds nothing
        known = makes(src);
        made.put(src, known);
      }
      if (known) {
        return true;
      }
    }
    return false;
  }

  /** Whether the value {@code src} pushes may hold an input. */
  private boolean makes(AbstractInsnNode src) {
    Frame<SourceValue> before = frames[m.instructions.indexOf(src)];
    if (before == null) {
      return false;
    }
    int op = src.getOpcode();
    if (src instanceof VarInsnNode vi) {
      return op == Opcodes.ALOAD && slots.contains(vi.var);
    }
    if (op == Opcodes.CHECKCAST) {
      return tainted(before, 0);
    }
    if (op == Opcodes.AALOAD) {
      return tainted(before, 1);
    }
    if (op >= Opcodes.DUP && op <= Opcodes.SWAP) { // a copy of one of the values on top
      for (int i = 0; i < 4; i++) {
        if (tainted(before, i)) {
          return true;
        }
      }
      return false;
    }
    if (src instanceof MethodInsnNode mi) {
      return mayHold(Type.getReturnType(mi.desc)) && anyTainted(before, depth(mi));
    }
    if (src instanceof InvokeDynamicInsnNode indy) { // a lambda that captured an input
      return anyTainted(before, Type.getArgumentTypes(indy.desc).length);
    }
    return false;
  }

  private static int depth(MethodInsnNode mi) {
    return Type.getArgumentTypes(mi.desc).length + (mi.getOpcode() == Opcodes.INVOKESTATIC ? 0 : 1);
  }

  private boolean anyTainted(Frame<SourceValue> f, int depth) {
    for (int a = 0; a < depth; a++) {
      if (tainted(f, a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code insn}, with {@code f} before it, hands a possible input to code the scan does
   * not follow; {@code owners} are the flow's classes, whose methods it follows.
   */
  boolean escapes(AbstractInsnNode insn, Frame<SourceValue> f, Set<String> owners) {
    int op = insn.getOpcode();
    if (op == Opcodes.PUTFIELD || op == Opcodes.PUTSTATIC || op == Opcodes.AASTORE) {
      return tainted(f, 0); // kept where any code may find it
    }
    if (insn instanceof MethodInsnNode mi) {
      if (owners.contains(mi.owner)) {
        return false; // followed (FlowSpec's own methods are judged by the scan)
      }
      int args = Type.getArgumentTypes(mi.desc).length;
      boolean passes = mi.owner.startsWith("java/util/stream/")
          || (mi.owner.equals("java/util/Objects") && mi.name.equals("requireNonNull"));
      for (int a = 0; a < args; a++) {
        if (!passes && tainted(f, a)) {
          return true;
        }
      }
      boolean holds = mi.owner.startsWith("java/util/") || mi.owner.equals("java/lang/Object")
          || mi.owner.equals("java/lang/Iterable") || mi.owner.equals("dev/cellflow/Inputs");
      return mi.getOpcode() != Opcodes.INVOKESTATIC && !holds && tainted(f, args);
    }
    if (insn instanceof InvokeDynamicInsnNode indy) {
      Handle impl = indy.bsmArgs.length > 1 && indy.bsmArgs[1] instanceof Handle h ? h : null;
      if (impl != null && owners.contains(impl.getOwner())) {
        return false; // a lambda of the flow's: followed, its arguments tainted
      }
      if (anyTainted(f, Type.getArgumentTypes(indy.desc).length)) {
        return true; // captured by code we do not follow, or concatenated (toString)
      }
      return impl != null && mayReceive(impl); // e.g. map(Helper::read), forEach(System.out::println)
    }
    return false;
  }

  /** Whether the method a method reference names can be handed an input when it is applied. */
  private static boolean mayReceive(Handle impl) {
    for (Type t : Type.getArgumentTypes(impl.getDesc())) {
      if (mayHold(t)) {
        return true;
      }
    }
    int tag = impl.getTag();
    boolean receiver = tag == Opcodes.H_INVOKEVIRTUAL || tag == Opcodes.H_INVOKEINTERFACE
        || tag == Opcodes.H_INVOKESPECIAL;
    return receiver && mayHold(Type.getObjectType(impl.getOwner()));
  }
}
