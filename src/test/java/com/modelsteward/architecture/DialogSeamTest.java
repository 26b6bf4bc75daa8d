package com.modelsteward.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.ui.approvals.GovernanceActions;
import com.modelsteward.ui.approvals.GovernanceCommands;
import com.modelsteward.ui.common.DialogService;
import com.modelsteward.ui.common.FxDialogService;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * View models reach dialogs only through {@link DialogService}, which their tests replace: a view model that opened a
 * dialog itself, or used a class that does, could not be tested without the toolkit and a person to answer it (issue 22).
 */
class DialogSeamTest {

    /**
     * A class that shows a dialog, a window or a file chooser, or builds or calls one of the console's own dialogs
     * ({@code ApprovalDialog}, {@code HelpDialogs}, …).
     */
    static final DescribedPredicate<JavaClass> OPENS_DIALOGS = new DescribedPredicate<>("open a dialog, a window or a file chooser") {
        @Override
        public boolean test(JavaClass type) {
            return type.getAccessesFromSelf().stream().anyMatch(access -> opens(access.getTarget()));
        }
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.modelsteward");
    }

    private static boolean opens(AccessTarget target) {
        JavaClass owner = target.getOwner();
        String name = target.getName();
        boolean showsWindow = (owner.isAssignableTo("javafx.scene.control.Dialog") || owner.isAssignableTo("javafx.stage.Window"))
                && (name.equals("show") || name.equals("showAndWait"));
        boolean chooses = (owner.isAssignableTo("javafx.stage.FileChooser") || owner.isAssignableTo("javafx.stage.DirectoryChooser"))
                && name.startsWith("show");
        boolean consoleDialog = owner.getPackageName().startsWith("com.modelsteward.ui") && owner.getSimpleName().matches(".+Dialogs?");
        return showsWindow || chooses || consoleDialog;
    }

    @Test
    void viewModelsNeitherOpenDialogsNorUseAClassThatDoes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat(OPENS_DIALOGS)
                .because("dialogs go through the DialogService, which a view model's test replaces and answers")
                .check(classes);
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should(ArchCondition.from(DescribedPredicate.not(OPENS_DIALOGS)))
                .check(classes);
    }

    /** The rule above can fail: the classes it is about are recognised. */
    @Test
    void theRuleKnowsWhichClassesOpenDialogs() {
        assertTrue(OPENS_DIALOGS.test(classes.get(GovernanceActions.class)), "GovernanceActions opens the governance dialogs");
        assertTrue(OPENS_DIALOGS.test(classes.get(FxDialogService.class)), "FxDialogService shows every dialog");
        assertTrue(OPENS_DIALOGS.test(classes.get("com.modelsteward.ui.shell.ConsoleShell")), "the shell opens the registry dialog");
        assertFalse(OPENS_DIALOGS.test(classes.get(GovernanceCommands.class)), "the commands behind the dialogs open none");
        assertFalse(OPENS_DIALOGS.test(classes.get(DialogService.class)), "the service's interface is the way in");
    }

    @Test
    void onlyTheDialogServiceMakesFileChoosers() {
        noClasses().that().doNotBelongToAnyOf(FxDialogService.class)
                .should().dependOnClassesThat().haveFullyQualifiedName("javafx.stage.FileChooser")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.stage.DirectoryChooser")
                .because("a file chooser is owned by the console's window and answered by a test's DialogService")
                .check(classes);
    }
}
