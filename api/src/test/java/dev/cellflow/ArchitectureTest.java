package dev.cellflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layers of api/, checked on its compiled classes (ArchUnit), so that they stay as the
 * README's layout section draws them: no package depends, directly or round about, on itself;
 * {@code dev.cellflow}, what flow code imports, reaches the runtime only through {@link
 * FlowEngine}; the helper packages it offers depend on nothing else of cellflow; the SPI
 * packages depend on nothing internal; the API's and SPIs' public signatures name no internal
 * type; and api/ knows nothing of AWS or Jupyter.
 */
class ArchitectureTest {
  /** api's main classes (not its tests): what a user's class path gets. */
  private static final JavaClasses API = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.cellflow");

  /** Helpers the root package may offer: they depend on nothing else of cellflow. */
  private static final String[] HELPERS =
      {"dev.cellflow.card", "dev.cellflow.parallel", "dev.cellflow.data"};

  /** The SPIs: what a compute backend, a storage or a serializer written elsewhere implements. */
  private static final String[] SPI_PACKAGES =
      {"dev.cellflow.compute", "dev.cellflow.datastore", "dev.cellflow.serialize"};

  /** The packages users import: the API proper and the SPIs. */
  private static final String[] API_PACKAGES = {"dev.cellflow", "dev.cellflow.card",
      "dev.cellflow.parallel", "dev.cellflow.data", "dev.cellflow.client",
      "dev.cellflow.compute", "dev.cellflow.datastore", "dev.cellflow.serialize"};

  /** Every package of cellflow is a slice of its own, the root package too. */
  static final ArchRule NO_PACKAGE_CYCLES = SlicesRuleDefinition.slices()
      .assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String p = c.getPackageName();
          return p.equals("dev.cellflow") || p.startsWith("dev.cellflow.")
              ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "each package of dev.cellflow";
        }
      })
      .should().beFreeOfCycles();

  @Test
  void noPackageIsPartOfACycle() {
    NO_PACKAGE_CYCLES.check(API);
  }

  @Test
  void theRootPackageDependsOnNoRuntimePackage() {
    List<String> allowed = new ArrayList<>(List.of("dev.cellflow", "java.."));
    allowed.addAll(List.of(HELPERS));
    classes().that().resideInAPackage("dev.cellflow")
        .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
        .because("flow code imports dev.cellflow; it reaches the runtime through FlowEngine"
            + " (ServiceLoader), so the runtime can change behind it")
        .check(API);
  }

  @Test
  void theHelpersDependOnNothingElseOfCellflow() {
    noClasses().that().resideInAnyPackage(HELPERS)
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "are of cellflow but no helper", (JavaClass c) ->
                c.getPackageName().startsWith("dev.cellflow")
                    && !List.of(HELPERS).contains(c.getPackageName())))
        .because("dev.cellflow offers them (Current.card(), parallelMap): a dependency back"
            + " would close a cycle")
        .check(API);
  }

  @Test
  void theSpisDependOnNoInternalPackage() {
    noClasses().that().resideInAnyPackage(SPI_PACKAGES)
        .should().dependOnClassesThat().resideInAPackage("dev.cellflow.internal..")
        .because("a backend, storage or serializer made outside cellflow implements them, and"
            + " what is internal may change under it")
        .check(API);
  }

  @Test
  void apiKnowsNothingOfAwsOrJupyter() {
    noClasses().that().resideInAPackage("dev.cellflow..")
        .should().dependOnClassesThat().resideInAnyPackage("software.amazon..",
            "com.amazonaws..", "org.dflib.jjava..", "io.github.spencerpark..", "org.zeromq..")
        .because("AWS lives in batch/, Jupyter in kernel-extension/; both plug in through"
            + " ServiceLoader")
        .check(API);
  }

  @Test
  void apiSignaturesNameNoInternalType() {
    codeUnits().that().arePublic().or().areProtected()
        .and().areDeclaredInClassesThat().resideInAnyPackage(API_PACKAGES)
        .and().areDeclaredInClassesThat().arePublic()
        .should(nameNoInternalType())
        .because("a user sees only API types; what is internal may change")
        .check(API);
  }

  /** The rule for cycles finds one where there is one (fixtures a and b use each other). */
  @Test
  void theCycleRuleFindsACycle() {
    JavaClasses cyclic = new ClassFileImporter().importClasses(
        dev.cellflow.archfixture.a.UsesB.class, dev.cellflow.archfixture.b.UsesA.class);
    assertTrue(NO_PACKAGE_CYCLES.evaluate(cyclic).hasViolation());
  }

  private static ArchCondition<JavaCodeUnit> nameNoInternalType() {
    return new ArchCondition<>("name no internal type in their signature") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        List<JavaClass> named = new ArrayList<>(unit.getRawParameterTypes());
        named.add(unit.getRawReturnType());
        named.addAll(unit.getExceptionTypes());
        for (JavaClass t : named) {
          if (t.getPackageName().startsWith("dev.cellflow.internal")) {
            events.add(SimpleConditionEvent.violated(unit,
                unit.getFullName() + " names " + t.getName()));
          }
        }
      }
    };
  }
}
