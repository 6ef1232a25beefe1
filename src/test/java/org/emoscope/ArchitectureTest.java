package org.emoscope;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering: audio -> features -> model -> pipeline -> {train, app, cli}; dependencies point inwards only, and
 * only {@code app} touches JavaFX.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.emoscope");
    }

    @Test
    void onlyAppImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.emoscope.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void audioDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.emoscope.audio..")
                .should().dependOnClassesThat().resideInAnyPackage("org.emoscope.features..", "org.emoscope.model..",
                        "org.emoscope.pipeline..", "org.emoscope.train..", "org.emoscope.app..", "org.emoscope.cli..")
                .check(classes);
    }

    @Test
    void featuresDependOnlyOnAudio() {
        noClasses().that().resideInAPackage("org.emoscope.features..")
                .should().dependOnClassesThat().resideInAnyPackage("org.emoscope.model..", "org.emoscope.pipeline..",
                        "org.emoscope.train..", "org.emoscope.app..", "org.emoscope.cli..")
                .check(classes);
    }

    @Test
    void modelDoesNotReachOutwards() {
        noClasses().that().resideInAPackage("org.emoscope.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.emoscope.audio..", "org.emoscope.pipeline..",
                        "org.emoscope.train..", "org.emoscope.app..", "org.emoscope.cli..")
                .check(classes);
    }

    @Test
    void pipelineDoesNotReachOutwards() {
        noClasses().that().resideInAPackage("org.emoscope.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage("org.emoscope.train..", "org.emoscope.app..",
                        "org.emoscope.cli..")
                .check(classes);
    }

    @Test
    void trainAndAppDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("org.emoscope.train..")
                .should().dependOnClassesThat().resideInAnyPackage("org.emoscope.app..", "org.emoscope.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("org.emoscope.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.emoscope.train..", "org.emoscope.cli..")
                .check(classes);
    }

    @Test
    void noCycles() {
        slices().matching("org.emoscope.(*)..").should().beFreeOfCycles().check(classes);
    }
}
