package dev.shiplog.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service follows, checked on its compiled classes (ArchUnit):
 * <ul>
 * <li>the entry points, {@code rest}, {@code web} (the gateway's dashboard pages) and {@code messaging.incoming}, call
 * {@code service} and nothing calls them;</li>
 * <li>{@code service} is called only by the entry points, and calls {@code repository} and
 * {@code messaging.outgoing}, which only {@code service} calls;</li>
 * <li>{@code mapping} is a leaf: it turns one shape into another and calls none of the layers;</li>
 * <li>{@code runtime} (where releases run) never calls {@code service}.</li>
 * </ul>
 * Other packages (the domain, {@code config}, a service's own lower layers) may be used by any layer.
 */
public final class Layering {

    public static void check(String root) {
        check(root, new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root));
    }

    /** As {@link #check(String)}, on classes already imported. */
    static void check(String root, JavaClasses classes) {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(root + ".rest..")
                .layer("web").definedBy(root + ".web..")
                .layer("incoming").definedBy(root + ".messaging.incoming..")
                .layer("service").definedBy(root + ".service..")
                .layer("repository").definedBy(root + ".repository..")
                .layer("outgoing").definedBy(root + ".messaging.outgoing..")
                .layer("mapping").definedBy(root + ".mapping..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("incoming").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "web", "incoming")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .whereLayer("outgoing").mayOnlyBeAccessedByLayers("service")
                .whereLayer("mapping").mayOnlyBeAccessedByLayers("rest", "web", "incoming", "service", "repository",
                        "outgoing")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage(root + ".mapping..").should().dependOnClassesThat()
                .resideInAnyPackage(root + ".rest..", root + ".service..", root + ".repository..",
                        root + ".messaging..", root + ".runtime..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage(root + ".runtime..").should().dependOnClassesThat()
                .resideInAPackage(root + ".service..").allowEmptyShould(true).check(classes);
    }

    private Layering() {
    }
}
