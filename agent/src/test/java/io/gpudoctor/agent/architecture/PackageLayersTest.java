package io.gpudoctor.agent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** docs/design.md, "Layers": packages form a graph without cycles, and the lowest layers stay low. */
class PackageLayersTest {

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gpudoctor.agent");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.gpudoctor.agent.(**)").should().beFreeOfCycles().check(AGENT);
    }

    @Test
    void theDiagnosisModelKnowsNothingOfTheHostProbes() {
        noClasses().that().resideInAPackage("io.gpudoctor.agent.diagnosis..")
                .should().dependOnClassesThat().resideInAPackage("io.gpudoctor.agent.host..")
                .check(AGENT);
    }

    @Test
    void theHostRootReaderDependsOnNoOtherAgentPackage() {
        classes().that().resideInAPackage("io.gpudoctor.agent.hostfs..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.gpudoctor.agent.hostfs..",
                        "io.gpudoctor.locate..", "java..")
                .check(AGENT);
    }

    @Test
    void engineParsersDoNotReachUpToTheCrossEngineChecks() {
        noClasses().that().resideInAnyPackage("io.gpudoctor.agent.host.runtime..", "io.gpudoctor.agent.host.docker..",
                        "io.gpudoctor.agent.host.containerd..", "io.gpudoctor.agent.host.crio..",
                        "io.gpudoctor.agent.host.toolkit..")
                .should().dependOnClassesThat().resideInAPackage("io.gpudoctor.agent.host.engines..")
                .check(AGENT);
    }
}
