package dev.webhooks.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hexagon's dependency rules, checked over the production classes of every module. */
class DependencyRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.webhooks");
    }

    @Test
    void domainDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.webhooks.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.webhooks.domain..", "java..", "javax.crypto..")
                .check(classes);
    }

    @Test
    void applicationDependsOnTheDomainOnly() {
        classes().that().resideInAPackage("dev.webhooks.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.webhooks.application..", "dev.webhooks.domain..", "java..", "javax.crypto..")
                .check(classes);
    }

    @Test
    void theEngineDrivesUseCasesAndKnowsNoFrameworkAndNoAdapter() {
        classes().that().resideInAPackage("dev.webhooks.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.webhooks.engine..", "dev.webhooks.application..",
                        "dev.webhooks.domain..", "java..", "com.github.benmanes.caffeine..")
                .check(classes);
    }

    @Test
    void onlyBootstrapKnowsTheEngine() {
        noClasses().that().resideOutsideOfPackages("dev.webhooks.engine..", "dev.webhooks.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("dev.webhooks.engine..")
                .check(classes);
    }

    @Test
    void restAdapterDoesNotKnowOtherAdapters() {
        noClasses().that().resideInAPackage("dev.webhooks.adapters.rest..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.webhooks.adapters.persistence..", "dev.webhooks.adapters.delivery..", "dev.webhooks.bootstrap..")
                .check(classes);
    }

    @Test
    void persistenceAdapterDoesNotKnowOtherAdapters() {
        noClasses().that().resideInAPackage("dev.webhooks.adapters.persistence..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.webhooks.adapters.rest..", "dev.webhooks.adapters.delivery..", "dev.webhooks.bootstrap..")
                .check(classes);
    }

    @Test
    void deliveryAdapterDoesNotKnowOtherAdapters() {
        noClasses().that().resideInAPackage("dev.webhooks.adapters.delivery..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.webhooks.adapters.rest..", "dev.webhooks.adapters.persistence..", "dev.webhooks.bootstrap..")
                .allowEmptyShould(true) // the delivery adapter gets its classes with the delivery pipeline
                .check(classes);
    }

    @Test
    void onlyBootstrapKnowsBootstrap() {
        noClasses().that().resideOutsideOfPackage("dev.webhooks.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("dev.webhooks.bootstrap..")
                .check(classes);
    }

    @Test
    void innerLayersDoNotKnowAdapters() {
        noClasses().that().resideInAnyPackage("dev.webhooks.domain..", "dev.webhooks.application..")
                .should().dependOnClassesThat().resideInAPackage("dev.webhooks.adapters..")
                .check(classes);
    }

    /** The root package of each module on this classpath (benchmarks, which depends on bootstrap, checks its own). */
    static List<String> moduleRoots() {
        return List.of("dev.webhooks.domain", "dev.webhooks.application", "dev.webhooks.engine", "dev.webhooks.adapters.rest",
                "dev.webhooks.adapters.persistence", "dev.webhooks.adapters.delivery", "dev.webhooks.bootstrap");
    }

    @Test
    void everyClassLivesInAModuleWhoseCyclesAreChecked() {
        classes().should().resideInAnyPackage(moduleRoots().stream().map(root -> root + "..").toArray(String[]::new))
                .check(classes);
    }

    /** Packages right under a module's root (each with its subpackages) depend on each other one way only. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("moduleRoots")
    void theTopPackagesOfAModuleFormNoCycle(String moduleRoot) {
        slices().assignedFrom(topPackagesOf(moduleRoot)).should().beFreeOfCycles().check(classes);
    }

    /** Nor do any two packages, at any depth (a package and its subpackage included). */
    @Test
    void noPackageIsInACycle() {
        slices().matching("dev.webhooks.(**)").should().beFreeOfCycles().check(classes);
    }

    /** One slice per package right under the module's root (with its subpackages), and one for the root's own classes. */
    private static SliceAssignment topPackagesOf(String moduleRoot) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(moduleRoot)) {
                    return SliceIdentifier.of(moduleRoot);
                }
                if (!name.startsWith(moduleRoot + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = name.substring(moduleRoot.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(moduleRoot + "." + (dot < 0 ? rest : rest.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the top packages of " + moduleRoot;
            }
        };
    }
}
