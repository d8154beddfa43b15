package dev.webhooks.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
