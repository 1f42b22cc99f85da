package dev.cellflow.internal.task;

import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Whether a class can carry state from one task to the next once initialized, read from its
 * class file (so nothing is loaded or initialized to find out). A class holds no state when its
 * static fields are all final and of types whose values cannot change (primitives, strings,
 * boxed numbers, its own constants if it is an enum whose fields are so), and its static
 * initializer (and an enum's constructor) only computes such values: anything else it calls
 * might have an effect outside the class (a system property, a file, a library's registry)
 * that a later task would then miss or see. Compiler-made fields and classes (switch tables,
 * {@code $assertionsDisabled}, an enum's {@code $VALUES}) are written once and never by user
 * code. The answer errs on "holds state": that only costs a fresh class loader.
 */
final class StaticState {
  private StaticState() {}

  /** Field types whose values never change. */
  private static final Set<String> IMMUTABLE = Set.of("Z", "B", "C", "S", "I", "J", "F", "D",
      "Ljava/lang/String;", "Ljava/lang/Boolean;", "Ljava/lang/Byte;", "Ljava/lang/Character;",
      "Ljava/lang/Short;", "Ljava/lang/Integer;", "Ljava/lang/Long;", "Ljava/lang/Float;",
      "Ljava/lang/Double;", "Ljava/math/BigInteger;", "Ljava/math/BigDecimal;");

  /** What a static initializer may call: boxing, and the parts of an enum's set-up. */
  private static final Set<String> PURE_OWNERS = Set.of("java/lang/Boolean", "java/lang/Byte",
      "java/lang/Character", "java/lang/Short", "java/lang/Integer", "java/lang/Long",
      "java/lang/Float", "java/lang/Double");

  /** Whether the class in {@code classFile} can hold state that outlives a task. */
  static boolean holdsState(byte[] classFile) {
    try {
      Scan scan = new Scan();
      new ClassReader(classFile).accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return scan.state;
    } catch (RuntimeException e) {
      return true; // a class file ASM cannot read: assume the worst
    }
  }

  private static final class Scan extends ClassVisitor {
    boolean state;
    private String self;
    private boolean isEnum;
    private boolean compilerMade;

    Scan() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
        String[] interfaces) {
      self = name;
      isEnum = (access & Opcodes.ACC_ENUM) != 0;
      // a switch table's class: filled from an enum's constants, never touched by user code
      compilerMade = (access & Opcodes.ACC_SYNTHETIC) != 0;
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature,
        Object value) {
      if (compilerMade || (access & Opcodes.ACC_SYNTHETIC) != 0) {
        return null; // switch tables, $assertionsDisabled, $VALUES: the compiler's, set once
      }
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      boolean isFinal = (access & Opcodes.ACC_FINAL) != 0;
      boolean ownConstant = isEnum && descriptor.equals("L" + self + ";");
      if (isStatic || isEnum) { // an enum's instances are as shared as its static fields
        state |= !isFinal || !(IMMUTABLE.contains(descriptor) || isStatic && ownConstant);
      }
      return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor,
        String signature, String[] exceptions) {
      boolean clinit = name.equals("<clinit>");
      if (compilerMade || !clinit && !(isEnum && name.equals("<init>"))) {
        return null;
      }
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitMethodInsn(int opcode, String owner, String method, String desc,
            boolean itf) {
          boolean ok = PURE_OWNERS.contains(owner) && method.equals("valueOf")
              || isEnum && owner.equals(self) && (method.equals("<init>")
                  || method.equals("$values") || method.equals("values"))
              || isEnum && owner.equals("java/lang/Enum") && method.equals("<init>")
              || owner.equals("java/lang/Class") && method.equals("desiredAssertionStatus")
              || owner.equals("java/lang/StringBuilder") // string concatenation, compiled so
                  && (method.equals("<init>") || method.equals("append")
                      || method.equals("toString"))
              || owner.equals("java/lang/Object") && method.equals("clone"); // $VALUES
          state |= !ok;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
          state |= opcode == Opcodes.PUTSTATIC && !owner.equals(self);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bsm,
            Object... args) {
          // a constant built by string concatenation is still a string; a lambda is not a value
          state |= !bsm.getOwner().equals("java/lang/invoke/StringConcatFactory");
        }
      };
    }
  }
}
