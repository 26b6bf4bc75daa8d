package com.modelsteward.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md and the store seam of ADR 15: the store at the bottom, the domain above it, the demo
 * and the composition root above that, the command line and the console on top. Only the store knows SQL.
 */
class StoreSeamTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.modelsteward");
    }

    @Test
    void theLayersAreUsedDownwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().ensureAllClassesAreContainedInArchitecture()
                .layer("Entry").definedBy("com.modelsteward")
                .layer("Console").definedBy("com.modelsteward.ui..")
                .layer("CommandLine").definedBy("com.modelsteward.cli..")
                .layer("Composition").definedBy("com.modelsteward.app..")
                .layer("Demo").definedBy("com.modelsteward.demo..")
                .layer("Domain").definedBy("com.modelsteward.governance..", "com.modelsteward.policy..", "com.modelsteward.trust..",
                        "com.modelsteward.drift..", "com.modelsteward.lineage..", "com.modelsteward.scorecards..",
                        "com.modelsteward.modelcard..", "com.modelsteward.export..")
                // The canonical JSON is the store's recipe for every hash and signature (docs/schema.md), so it sits with it.
                .layer("Store").definedBy("com.modelsteward.registry..", "com.modelsteward.json..")
                .layer("Foundation").definedBy("com.modelsteward.config..", "com.modelsteward.csv..", "com.modelsteward.text..")
                .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("Console").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("CommandLine").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Composition").mayOnlyBeAccessedByLayers("Console", "CommandLine", "Entry")
                .whereLayer("Demo").mayOnlyBeAccessedByLayers("Composition", "Console", "CommandLine", "Entry")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Demo", "Composition", "Console", "CommandLine", "Entry")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Domain", "Demo", "Composition", "Console", "CommandLine", "Entry")
                .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Store", "Domain", "Demo", "Composition", "Console", "CommandLine",
                        "Entry")
                .check(classes);
    }

    @Test
    void onlyTheStoreKnowsSqlJdbiAndTheDriver() {
        noClasses().that().resideOutsideOfPackage("com.modelsteward.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..")
                .because("SQL lives in the store layer only (ADR 15)")
                .check(classes);
    }

    @Test
    void onlyTheStoreSeesAnEnginesImplementation() {
        noClasses().that().resideOutsideOfPackage("com.modelsteward.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("com.modelsteward.registry.sqlite..", "com.modelsteward.registry.postgresql..",
                        "com.modelsteward.registry.sql..")
                .because("callers use the Store aggregates; the engine behind them is the registry's business (ADR 15)")
                .check(classes);
    }

    @Test
    void theStoresInterfacesDoNotDependOnTheSqliteDriver() {
        noClasses().that().resideInAPackage("com.modelsteward.registry")
                .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..")
                .because("SQLite's own classes are used by its engine only")
                .check(classes);
    }

    @Test
    void theSharedStatementsKnowNoEngine() {
        noClasses().that().resideInAPackage("com.modelsteward.registry.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.postgresql..", "com.modelsteward.registry.sqlite..",
                        "com.modelsteward.registry.postgresql..")
                .because("the statements every engine runs differ only through their Dialect (ADR 16)")
                .check(classes);
    }

    @Test
    void eachEngineKeepsToItself() {
        noClasses().that().resideInAPackage("com.modelsteward.registry.sqlite..")
                .should().dependOnClassesThat().resideInAnyPackage("org.postgresql..", "com.modelsteward.registry.postgresql..")
                .because("SQLite's engine works without a server driver")
                .check(classes);
    }

    @Test
    void theStatementsLiveWithTheirEngine() {
        noClasses().that().resideInAPackage("com.modelsteward.registry").and().doNotBelongToAnyOf(com.modelsteward.registry.Registry.class)
                .should().callMethod(org.jdbi.v3.core.Handle.class, "createQuery", String.class)
                .orShould().callMethod(org.jdbi.v3.core.Handle.class, "createUpdate", String.class)
                .orShould().callMethod(org.jdbi.v3.core.Handle.class, "prepareBatch", String.class)
                .orShould().callMethod(org.jdbi.v3.core.Handle.class, "execute", String.class, Object[].class)
                .orShould().callMethod(java.sql.Connection.class, "prepareStatement", String.class)
                .because("the store's interfaces are engine-neutral; each statement is in the shared store (registry.sql) or its engine's package")
                .check(classes);
    }
}
