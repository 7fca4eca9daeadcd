package dev.webboot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layout of docs/architecture.md, enforced on the compiled main classes of every module: which webboot
 * module may use which, which third-party libraries a library module may use, no module reaching into another's
 * {@code internal} packages, no cycles, and no public signature that exposes an internal type. A boundary crossed
 * fails the build here, not in a user's dependency tree.
 */
class ModuleBoundariesTest {
    /** Each module's top-level package under {@code dev.webboot}, and the webboot modules it may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "api", Set.of(),
            "iso", Set.of(),
            "pmem", Set.of(),
            "net", Set.of(),
            "kexec", Set.of("iso"),
            "plan", Set.of("api", "iso", "kexec"),
            "fetch", Set.of("api"),
            "boot", Set.of("api", "iso", "pmem", "kexec", "plan", "net", "fetch"),
            "cli", Set.of("api", "iso", "pmem", "kexec", "plan", "net", "fetch", "boot"));

    /** Third-party packages the library modules must not use, so that depending on one of them stays small. */
    private static final Map<String, List<String>> BANNED_LIBRARIES = Map.of(
            "api", List.of("com.sun.jna..", "okhttp3..", "org.bouncycastle..", "com.fasterxml..", "org.apache.."),
            "iso", List.of("com.sun.jna..", "okhttp3..", "org.bouncycastle..", "com.fasterxml..", "picocli.."),
            "pmem", List.of("okhttp3..", "org.bouncycastle..", "com.fasterxml..", "org.apache..", "io.airlift.."),
            "kexec", List.of("okhttp3..", "org.bouncycastle..", "com.fasterxml..", "picocli.."),
            "net", List.of("okhttp3..", "org.bouncycastle..", "com.fasterxml..", "org.apache..", "io.airlift.."),
            "plan", List.of("okhttp3..", "org.bouncycastle..", "com.fasterxml..", "picocli.."),
            "fetch", List.of("com.sun.jna..", "picocli..", "org.jline.."),
            "boot", List.of("picocli..", "org.jline.."));

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The modules' test-jars (shared test fixtures) are on this class path too; they are not main code.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.webboot");
    }

    @Test
    void everyModuleIsOnTheClassPathOfThisTest() {
        // A module missing here would make every rule below pass vacuously for it.
        for (String module : ALLOWED.keySet()) {
            assertThat(main.stream()
                            .filter(c -> c.getPackageName().startsWith("dev.webboot." + module + ".")
                                    || c.getPackageName().equals("dev.webboot." + module)))
                    .as("classes of dev.webboot.%s", module)
                    .hasSizeGreaterThan(3);
        }
    }

    @Test
    void modulesUseOnlyTheModulesTheLayoutAllows() {
        for (var module : ALLOWED.entrySet()) {
            List<String> others = ALLOWED.keySet().stream()
                    .filter(other ->
                            !other.equals(module.getKey()) && !module.getValue().contains(other))
                    .map(other -> "dev.webboot." + other + "..")
                    .toList();
            noClasses()
                    .that()
                    .resideInAPackage("dev.webboot." + module.getKey() + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others.toArray(String[]::new))
                    .because("dev.webboot." + module.getKey() + " may use only " + module.getValue())
                    .check(main);
        }
    }

    @Test
    void libraryModulesLeaveOutTheHeavyLibraries() {
        for (var module : BANNED_LIBRARIES.entrySet()) {
            noClasses()
                    .that()
                    .resideInAPackage("dev.webboot." + module.getKey() + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(module.getValue().toArray(String[]::new))
                    .check(main);
        }
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        noForeignInternals().forEach(rule -> rule.check(main));
    }

    @Test
    void theRulesCatchAViolation() {
        // A class of the "kexec" module that uses iso's internals and exposes one in its API: both rules must fail.
        JavaClasses violating =
                new ClassFileImporter().importClasses(dev.webboot.kexec.violation.UsesIsoInternals.class);
        assertThat(noForeignInternals().stream()
                        .filter(rule -> !rule.evaluate(violating).hasViolation()))
                .hasSize(ALLOWED.size() - 1);
        assertThat(publicSignatures().evaluate(violating).hasViolation()).isTrue();
    }

    private static List<ArchRule> noForeignInternals() {
        return ALLOWED.keySet().stream()
                .map(module -> (ArchRule) noClasses()
                        .that()
                        .resideOutsideOfPackage("dev.webboot." + module + "..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("dev.webboot." + module + "..internal..")
                        .because("dev.webboot." + module + "'s internal packages are not API")
                        .allowEmptyShould(true))
                .toList();
    }

    @Test
    void modulesAndTheirPackagesHaveNoCycles() {
        slices().matching("dev.webboot.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        publicSignatures().check(main);
    }

    private static ArchRule publicSignatures() {
        return classes()
                .that()
                .resideOutsideOfPackage("..internal..")
                .and()
                .arePublic()
                .should(exposeNoInternalType());
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaMember> api = new ArrayList<>();
                api.addAll(type.getMethods());
                api.addAll(type.getConstructors());
                api.addAll(type.getFields());
                for (JavaMember member : api) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                            && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    signatureTypes(member)
                            .filter(INTERNAL::test)
                            .forEach(internal -> events.add(SimpleConditionEvent.violated(
                                    member, member.getFullName() + " exposes " + internal.getName())));
                }
            }
        };
    }

    private static final DescribedPredicate<JavaClass> INTERNAL = DescribedPredicate.describe(
            "internal",
            c -> c.getPackageName().startsWith("dev.webboot.")
                    && Arrays.asList(c.getPackageName().split("\\.")).contains("internal"));

    private static Stream<JavaClass> signatureTypes(JavaMember member) {
        List<JavaType> types = new ArrayList<>();
        if (member instanceof JavaCodeUnit code) {
            types.add(code.getReturnType());
            types.addAll(code.getParameterTypes());
            code.getThrowsClause().getTypes().forEach(types::add);
        } else if (member instanceof JavaField field) {
            types.add(field.getType());
        }
        return types.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream());
    }
}
