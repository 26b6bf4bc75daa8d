package com.modelsteward.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of docs/style.md, guarded from day one (JabRef's CommonArchitectureTest). */
@AnalyzeClasses(packages = "com.modelsteward", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFxScenes = noClasses()
            .that().resideOutsideOfPackages("com.modelsteward.ui..")
            .and().doNotHaveFullyQualifiedName("com.modelsteward.Main")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..");

    @ArchTest
    static final ArchRule theUiNeverTouchesJdbiOrSql = noClasses()
            .that().resideInAPackage("com.modelsteward.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "org.sqlite..");

    @ArchTest
    static final ArchRule theCommandLineNeverImportsTheUi = noClasses()
            .that().resideInAPackage("com.modelsteward.cli..")
            .should().dependOnClassesThat().resideInAPackage("com.modelsteward.ui..");

    @ArchTest
    static final ArchRule engineLayersDoNotDependOnTheCommandLine = noClasses()
            .that().resideInAnyPackage("com.modelsteward.registry..", "com.modelsteward.governance..", "com.modelsteward.drift..")
            .should().dependOnClassesThat().resideInAnyPackage("com.modelsteward.cli..", "com.modelsteward.ui..");
}
