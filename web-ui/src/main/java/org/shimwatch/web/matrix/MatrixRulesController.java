package org.shimwatch.web.matrix;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "How the matrix is built": the tier rules and the row grouping, in one table. */
@Controller
class MatrixRulesController {

  static final String VIEW = "matrix/rules";

  private final MatrixRulesQuery rules;

  MatrixRulesController(MatrixRulesQuery rules) {
    this.rules = rules;
  }

  @GetMapping("/matrix/rules")
  String rules(Model model) {
    model.addAttribute("rules", rules.rules());
    return VIEW;
  }
}
