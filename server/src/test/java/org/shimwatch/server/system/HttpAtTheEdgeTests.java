package org.shimwatch.server.system;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * HTTP lives at the edge: only controllers and the cross-cutting setup in {@code system} speak in
 * statuses and problem documents. Services and storage, and the refusals they throw, speak in
 * domain terms, and the one problem handler turns those into HTTP.
 */
class HttpAtTheEdgeTests {

  private static final Set<Class<?>> HTTP =
      Set.of(
          HttpStatus.class,
          HttpStatusCode.class,
          ResponseEntity.class,
          ProblemDetail.class,
          ErrorResponse.class,
          ErrorResponseException.class,
          ResponseStatusException.class);

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.shimwatch.server", "org.shimwatch.web");

  @Test
  void onlyControllersAndSystemUseHttpStatusesAndProblemDocuments() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage("org.shimwatch.server..", "org.shimwatch.web")
            .and()
            .resideOutsideOfPackage("..system..")
            .and(describe("are not controllers", (JavaClass c) -> !isController(c)))
            .should()
            .dependOnClassesThat(
                describe(
                    "are HTTP statuses, responses or problem documents",
                    (JavaClass c) -> HTTP.stream().anyMatch(c::isEquivalentTo)))
            .because("services and storage throw domain refusals; system/ turns them into HTTP");
    rule.check(CLASSES);
  }

  /** A controller, or a class nested in one (its records and lambdas). */
  private static boolean isController(JavaClass c) {
    JavaClass outer = c;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer.isAnnotatedWith(RestController.class) || outer.isAnnotatedWith(Controller.class);
  }
}
