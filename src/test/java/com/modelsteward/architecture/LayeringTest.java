package com.modelsteward.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/style.md, guarded from day one (JabRef's CommonArchitectureTest). Plain Jupiter tests calling
 * {@code check}, so they run with the same engine as every other test.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.modelsteward");
    }

    @Test
    void onlyTheUiUsesJavaFxScenes() {
        noClasses().that().resideOutsideOfPackages("com.modelsteward.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
                .check(classes);
    }

    @Test
    void theUiNeverTouchesJdbiOrSql() {
        noClasses().that().resideInAPackage("com.modelsteward.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void theCommandLineNeverImportsTheUi() {
        noClasses().that().resideInAPackage("com.modelsteward.cli..")
                .should().dependOnClassesThat().resideInAPackage("com.modelsteward.ui..")
                .check(classes);
    }

    @Test
    void engineLayersDependOnNeitherTheCommandLineNorTheUi() {
        noClasses().that().resideInAnyPackage("com.modelsteward.registry..", "com.modelsteward.json..", "com.modelsteward.governance..",
                        "com.modelsteward.policy..", "com.modelsteward.trust..", "com.modelsteward.drift..", "com.modelsteward.lineage..",
                        "com.modelsteward.scorecards..", "com.modelsteward.modelcard..", "com.modelsteward.export..",
                        "com.modelsteward.demo..", "com.modelsteward.app..", "com.modelsteward.config..", "com.modelsteward.csv..",
                        "com.modelsteward.text..")
                .should().dependOnClassesThat().resideInAnyPackage("com.modelsteward.cli..", "com.modelsteward.ui..", "javafx..")
                .check(classes);
    }

    @Test
    void theEnvironmentIsReadInOnePlace() {
        noClasses().that().doNotBelongToAnyOf(com.modelsteward.config.Environment.class)
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("the environment is read once, at start-up, and handed down through the contexts (issue 20)")
                .check(classes);
    }
}
