package org.shimwatch.web.manual;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The manual report form: fill in, see what was understood, then send. */
@Controller
class ManualReportController {

  static final Map<String, String> OUTCOMES = new LinkedHashMap<>();

  static {
    OUTCOMES.put("works", "It works");
    OUTCOMES.put("select-problem", "Stalls or select() problems");
    OUTCOMES.put("traps", "Traps or crashes");
    OUTCOMES.put("other", "Something else");
  }

  private final ManualReportService service;

  ManualReportController(ManualReportService service) {
    this.service = service;
  }

  @GetMapping("/report/new")
  String newReport(Model model) {
    model.addAttribute("form", new ManualReportForm());
    model.addAttribute("outcomes", OUTCOMES);
    return "manual/newReport";
  }

  @PostMapping("/report/preview")
  String preview(@ModelAttribute("form") ManualReportForm form, Model model) {
    try {
      model.addAttribute("preview", service.preview(form));
      return "manual/reviewReport";
    } catch (ManualReportService.Refused e) {
      return again(form, model, e.getMessage());
    }
  }

  @PostMapping("/report/submit")
  String submit(
      @ModelAttribute("form") ManualReportForm form, Model model, HttpServletRequest request) {
    try {
      ManualReportService.Sent sent = service.submit(form, request.getRemoteAddr());
      // The deletion command must run as printed: the service knows the path, the request the host.
      String deletionUrl =
          ServletUriComponentsBuilder.fromContextPath(request)
              .path(sent.deletionUrl())
              .toUriString();
      model.addAttribute(
          "sent",
          new ManualReportService.Sent(
              sent.reportId(),
              sent.installationId(),
              sent.secret(),
              deletionUrl,
              sent.commentPending()));
      return "manual/reportSent";
    } catch (ManualReportService.Refused e) {
      return again(form, model, e.getMessage());
    }
  }

  private static String again(ManualReportForm form, Model model, String problem) {
    model.addAttribute("form", form);
    model.addAttribute("outcomes", OUTCOMES);
    model.addAttribute("problem", problem);
    return "manual/newReport";
  }
}
