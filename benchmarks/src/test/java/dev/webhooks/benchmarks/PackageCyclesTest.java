package dev.webhooks.benchmarks;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The benchmarks' packages depend on each other one way only (the service's modules are checked in bootstrap). */
class PackageCyclesTest {

    @Test
    void noPackageIsInACycle() {
        slices().matching("dev.webhooks.(**)").should().beFreeOfCycles()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.webhooks.benchmarks"));
    }
}
