package org.shimwatch.web.collect;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The page that lists every field a report can carry, by consent level. */
@Controller
class CollectController {

  /** A consent level and the fields it adds. */
  record Level(String title, String explanation, List<CollectedField> fields) {}

  private final CollectedFieldsQuery contract;

  CollectController(CollectedFieldsQuery contract) {
    this.contract = contract;
  }

  @GetMapping("/collect")
  String whatWeCollect(Model model) {
    List<CollectedField> all = contract.fields();
    model.addAttribute("schemaVersion", contract.schemaVersion());
    model.addAttribute(
        "levels",
        List.of(
            level(
                all,
                0,
                "Every report",
                "Identifiers that make uploads safe to retry and deletable: random, never derived from your hardware."),
            level(all, 1, "Level 1: environment", "What happened, and the system it happened on."),
            level(
                all,
                2,
                "Level 2: metrics",
                "How the wrapped calls behaved, and the stack self-tests."),
            level(
                all,
                3,
                "Level 3: diagnostics",
                "Details of traps: call stacks, registers and the calls made just before.")));
    return "collect/whatWeCollect";
  }

  private static Level level(List<CollectedField> all, int n, String title, String explanation) {
    return new Level(title, explanation, all.stream().filter(f -> f.level() == n).toList());
  }
}
