package org.iommusim.hw;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The packages of the hardware models form a DAG: no cycle of class dependencies (imports,
 * calls, field and signature types, as compiled) among {@code org.iommusim.hw.*} and its
 * sub-packages, each package its own slice (e.g. {@code hw.iommu.control} may use
 * {@code hw.iommu.datapath}, but then nothing the datapath depends on may lead back).
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.iommusim.hw");

    private static ArchRule noCycles() {
        return slices().matching("org.iommusim.hw.(**)").should().beFreeOfCycles();
    }

    @Test
    void hardwarePackages_formNoCycle() {
        noCycles().check(MAIN);
    }
}
