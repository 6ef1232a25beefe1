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
 * only {@code app} touches JavaFX. The benchmark and soak harness ({@code bench}) sits outside the product: it may
 * use anything, nothing uses it.
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
    void evaluationMetricsDependOnNothingOfTraining() {
        noClasses().that().resideInAPackage("org.emoscope.train.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("org.emoscope.train", "org.emoscope.train.corpus..",
                        "org.emoscope.train.augment..")
                .because("train.eval holds the metrics (ConfusionMatrix and its image) that training, evaluation, "
                        + "reports and commands all use; Evaluation, which runs training, stays in train beside the "
                        + "package-private machinery it drives (see docs/architecture.md)")
                .check(classes);
    }

    @Test
    void nothingInTheProductDependsOnTheBenchHarness() {
        noClasses().that().resideOutsideOfPackage("org.emoscope.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.emoscope.bench..")
                .because("the benchmark and soak harness measures the product from outside: it has its own entry "
                        + "point (BenchMain), and the app and the emoscope command must build and run without it")
                .check(classes);
    }

    @Test
    void noCycles() {
        slices().matching("org.emoscope.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void deepLearning4jStaysInTheModelAndTraining() {
        noClasses().that().resideOutsideOfPackages("org.emoscope.model..", "org.emoscope.train..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .because("the network is the model package's business: everything else asks EmotionModel and "
                        + "ModelBundle, so the DL4J version and its native backend can change in one place")
                .check(classes);
    }

    @Test
    void tarsosDspStaysInTheFeatureChain() {
        noClasses().that().resideOutsideOfPackages("org.emoscope.features..", "org.emoscope.pipeline..",
                        "org.emoscope.train.augment..", "org.emoscope.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("be.tarsos..")
                .because("TarsosDSP is the feature chain: features holds its processors, pipeline runs the "
                        + "dispatcher they are added to, augmentation borrows its resampler and WSOLA, and the bench "
                        + "compares our MFCCs with TarsosDSP's own")
                .check(classes);
    }

    @Test
    void javaSoundStaysWithAudioDevices() {
        noClasses().that().resideOutsideOfPackages("org.emoscope.audio..", "org.emoscope.app.service..",
                        "org.emoscope.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sound..")
                .because("microphones and decoders live in audio; only the app's player and the bench's virtual "
                        + "microphone play sound")
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrints() {
        noClasses().that().resideOutsideOfPackages("org.emoscope.cli..", "org.emoscope.bench..")
                .and().haveNameNotMatching("org\\.emoscope\\.app\\.DemoMode(\\$.*)?")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the product reports through listeners, exceptions and the UI; the command line (and the "
                        + "app's scripted screenshot mode, a command-line entry point, and the bench harness's "
                        + "commands) decides what to print")
                .check(classes);
    }
}
