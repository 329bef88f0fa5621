package dev.hyperopt;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of the project, checked on the main code of every module (the command line
 * sees them all): the language below the engine, the engine below the families, the report
 * and the command line, and no family that knows another. See docs/architecture.md.
 */
@AnalyzeClasses(packages = "dev.hyperopt", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String DSL = "dev.hyperopt.dsl..";
    private static final String ENGINE = "dev.hyperopt.engine..";
    private static final String WEKA = "dev.hyperopt.weka..";
    private static final String DL4J = "dev.hyperopt.dl4j..";
    private static final String VISION = "dev.hyperopt.vision..";
    private static final String ND4J = "dev.hyperopt.nd4j..";
    private static final String REPORT = "dev.hyperopt.report..";
    private static final String DASHBOARD = "dev.hyperopt.dashboard..";
    private static final String SUITE = "dev.hyperopt.suite..";
    private static final String TESTING = "dev.hyperopt.testing..";
    private static final String CLI = "dev.hyperopt.cli..";

    @ArchTest
    static final ArchRule theLanguageKnowsNothingAboveIt = noClasses().that().resideInAPackage(DSL)
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, WEKA, DL4J, VISION, ND4J, REPORT, DASHBOARD, SUITE, TESTING, CLI);

    @ArchTest
    static final ArchRule theEngineKnowsNoFamilyReportOrCommandLine = noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(WEKA, DL4J, VISION, ND4J, REPORT, DASHBOARD, SUITE, TESTING, CLI,
                    "weka..", "org.nd4j..", "org.deeplearning4j..", "org.datavec..");

    @ArchTest
    static final ArchRule familiesKnowNothingOfTheCommandLine = noClasses().that().resideInAnyPackage(WEKA, DL4J, VISION, ND4J)
            .should().dependOnClassesThat().resideInAPackage(CLI);

    /** Families reach the command line through the engine's Family SPI: the command line names none of them. */
    @ArchTest
    static final ArchRule theCommandLineKnowsNoFamily = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAnyPackage(WEKA, DL4J, VISION, ND4J, "weka..", "org.deeplearning4j..");

    /** The report is a file anyone can write; the dashboard serves it, not the other way round. */
    @ArchTest
    static final ArchRule theReportKnowsNoDashboardOrCommandLine = noClasses().that().resideInAPackage(REPORT)
            .should().dependOnClassesThat().resideInAnyPackage(DASHBOARD, CLI);

    @ArchTest
    static final ArchRule wekaKnowsNoOtherFamily = noClasses().that().resideInAPackage(WEKA)
            .should().dependOnClassesThat().resideInAnyPackage(DL4J, VISION);

    @ArchTest
    static final ArchRule dl4jKnowsNoOtherFamily = noClasses().that().resideInAPackage(DL4J)
            .should().dependOnClassesThat().resideInAnyPackage(WEKA, VISION);

    @ArchTest
    static final ArchRule visionKnowsNoOtherFamily = noClasses().that().resideInAPackage(VISION)
            .should().dependOnClassesThat().resideInAnyPackage(WEKA, DL4J);

    @ArchTest
    static final ArchRule theEnginesPackagesHaveNoCycles = slices().matching("dev.hyperopt.engine.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theLanguagesPackagesHaveNoCycles = slices().matching("dev.hyperopt.dsl.(*)..").should().beFreeOfCycles();
}
