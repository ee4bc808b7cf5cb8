package io.mlci.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.BeforeClass;
import org.junit.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the engine free of Jenkins and its packages pointing one way. */
public class ArchitectureTest {

    private static JavaClasses core;

    @BeforeClass
    public static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlci.core");
    }

    @Test
    public void shouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..")
                .because("the core must build and test without Jenkins")
                .check(core);
    }

    @Test
    public void shouldKeepStorageIndependentOfTheDataDomain() {
        noClasses().that().resideInAPackage("io.mlci.core.storage..")
                .should().dependOnClassesThat().resideInAPackage("io.mlci.core.data..")
                .because("storage serves data remotes, the run store and the registry alike")
                .check(core);
    }

    @Test
    public void shouldKeepFormatsIndependentOfCachesAndTransfers() {
        noClasses().that().resideInAnyPackage("io.mlci.core.data.hash..", "io.mlci.core.data.pointer..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mlci.core.data.cache..",
                        "io.mlci.core.data.transfer..", "io.mlci.core.data.workspace..")
                .because("DVC's formats are plain values that the machinery reads, not the other way round")
                .check(core);
    }

    @Test
    public void shouldKeepLowerLayersIndependentOfRuns() {
        noClasses().that().resideInAnyPackage("io.mlci.core.data..", "io.mlci.core.storage..", "io.mlci.core.config..",
                        "io.mlci.core.json..", "io.mlci.core.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.mlci.core.run..")
                .because("dependencies point one way: run -> data -> storage")
                .check(core);
    }

    @Test
    public void shouldKeepTheGateAPureFunctionOfMetrics() {
        noClasses().that().resideInAPackage("io.mlci.core.gate..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mlci.core.storage..", "io.mlci.core.data..",
                        "io.mlci.core.run..")
                .because("rules judge metrics; finding the runs and files to judge is the caller's work")
                .check(core);
    }

    @Test
    public void shouldNotThrowGenericRuntimeExceptions() {
        noClasses().that().resideInAPackage("io.mlci.core..").and().areNotAssignableTo(MlciException.class)
                .should().callConstructor(RuntimeException.class, String.class)
                .orShould().callConstructor(RuntimeException.class)
                .orShould().callConstructor(Exception.class, String.class)
                .because("failures go through MlciException so adapters can report them")
                .check(core);
    }
}
