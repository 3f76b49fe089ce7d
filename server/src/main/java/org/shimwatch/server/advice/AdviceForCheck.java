package org.shimwatch.server.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shimwatch.report.Environment;
import org.shimwatch.server.check.CheckAdviceSource;
import org.shimwatch.server.check.CheckedSetup;
import org.shimwatch.web.advice.AdviceView;
import org.shimwatch.web.check.CheckAdvice;
import org.springframework.stereotype.Component;

/**
 * The maintainers' advice on the "will it work?" answer: the entries whose conditions the visitor's
 * set-up meets (a part of it that is not known keeps no entry away), as on the matrix cells.
 */
@Component
class AdviceForCheck implements CheckAdviceSource {

  private final AdviceFinder finder;

  AdviceForCheck(AdviceFinder finder) {
    this.finder = finder;
  }

  @Override
  public List<CheckAdvice> adviceFor(String project, CheckedSetup setup, String rowKey) {
    Environment env = setup.environment();
    String mode =
        setup.installMode() == null
            ? null
            : setup.installMode().name().toLowerCase(Locale.ROOT).replace('_', '-');
    AdviceEnvironment wanted =
        new AdviceEnvironment(
            env.stack() == null ? null : env.stack().name(),
            env.stack() == null ? null : env.stack().version(),
            setup.fixes(),
            mode,
            env.shim() == null ? null : env.shim().version(),
            null);
    List<CheckAdvice> out = new ArrayList<>();
    for (AdviceView v : finder.forEnvironment(project, wanted).orElse(List.of())) {
      String text = v.body() + (v.fixedIn() == null ? "" : " (fixed in shim " + v.fixedIn() + ")");
      out.add(new CheckAdvice(Long.toString(v.id()), v.title(), text));
    }
    return out;
  }
}
