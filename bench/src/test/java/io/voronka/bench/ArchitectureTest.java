package io.voronka.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module and package graph of docs/architecture.md, enforced on the compiled main classes of every module
 * (bench sees them all). A rule that fails names the offending class and the dependency.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.voronka");
    }

    @Test
    void everyModuleIsImported() {
        for (String module : new String[]{"engine", "dsl", "bot", "server", "bench"}) {
            assertTrue(classes.containPackage("io.voronka." + module), "no classes of module " + module);
        }
    }

    @Test
    void modulesHaveNoCyclesBetweenThem() {
        slices().matching("io.voronka.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void engineHasNoPackageCycles() {
        slices().matching("io.voronka.engine.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void serverHasNoPackageCycles() {
        slices().matching("io.voronka.server.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    @Test
    void antlrIsUsedOnlyInsideTheLanguageModule() {
        noClasses().that().resideOutsideOfPackage("io.voronka.dsl..")
                .should().dependOnClassesThat().resideInAPackage("org.antlr..")
                .because("the parser turns ANTLR trees into the engine's query records; no ANTLR type leaks out")
                .check(classes);
    }

    @Test
    void engineKnowsNothingOfTheAdaptersAroundIt() {
        noClasses().that().resideInAPackage("io.voronka.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.telegram..",
                        "org.knowm.xchart..", "org.antlr..", "io.voronka.dsl..", "io.voronka.server..",
                        "io.voronka.bot..", "io.voronka.bench..")
                .because("the engine is the core: HTTP, chat, charts and the language are adapters on top of it")
                .check(classes);
    }

    @Test
    void botDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.voronka.bot..")
                .should().dependOnClassesThat().resideInAnyPackage("io.voronka.engine..", "io.voronka.dsl..",
                        "io.voronka.server..")
                .because("the bot talks to Voronka through its BotBackend interface, which the server implements")
                .check(classes);
    }

    @Test
    void languageDoesNotDependOnAdapters() {
        noClasses().that().resideInAPackage("io.voronka.dsl..")
                .should().dependOnClassesThat().resideInAnyPackage("io.voronka.server..", "io.voronka.bot..",
                        "io.javalin..", "org.telegram..")
                .check(classes);
    }

    @Test
    void evaluationFoundationDoesNotReachUpToEvaluatorsOrTheEngine() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.voronka.engine.eval..", "io.voronka.engine.query..",
                        "io.voronka.engine.result..", "io.voronka.engine.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.voronka.engine.exec..",
                        "io.voronka.engine.funnel..", "io.voronka.engine.metric..", "io.voronka.engine.path..",
                        "io.voronka.engine.load..", "io.voronka.engine.demo..")
                .because("evaluators build on eval/query/result/store; QueryEngine (exec) sits above the evaluators");
        rule.check(classes);
    }

    @Test
    void queryModelDoesNotDependOnHowDataIsStored() {
        noClasses().that().resideInAPackage("io.voronka.engine.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.voronka.engine.store..",
                        "io.voronka.engine.eval..", "io.voronka.engine.load..")
                .because("a query is plain data that any backend (heap store, snapshot, Spark partition) can answer")
                .check(classes);
    }

    @Test
    void errorKindsDependOnNothingElseInVoronka() {
        noClasses().that().resideInAPackage("io.voronka.engine.error..")
                .should().dependOnClassesThat().resideInAnyPackage("io.voronka.engine.config..",
                        "io.voronka.engine.eval..", "io.voronka.engine.exec..", "io.voronka.engine.funnel..",
                        "io.voronka.engine.load..", "io.voronka.engine.metric..", "io.voronka.engine.path..",
                        "io.voronka.engine.query..", "io.voronka.engine.result..", "io.voronka.engine.store..",
                        "io.voronka.engine.demo..")
                .because("every package throws VoronkaException, so it must sit below all of them")
                .check(classes);
    }

    @Test
    void httpErrorAnswersStayInTheHttpLayer() {
        noClasses().that().doNotHaveSimpleName("HttpApi").and().doNotHaveSimpleName("ApiError")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.voronka.server.ApiError")
                .because("errors are VoronkaExceptions of a kind; only the HTTP layer turns them into statuses")
                .check(classes);
    }
}
