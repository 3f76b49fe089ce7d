package org.shimwatch.web.alerts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * A project's alerts: subscribe a webhook or an e-mail address (a webhook's secret shown once,
 * right after), send a test alert, unsubscribe, and the latest deliveries of each.
 */
@Controller
@RequestMapping("/maintainer/projects/{project}/alerts")
class AlertPagesController {

  private final AlertAdmin alerts;

  AlertPagesController(AlertAdmin alerts) {
    this.alerts = alerts;
  }

  @GetMapping
  String show(@PathVariable String project, Model model, HttpServletRequest request) {
    return page(project, model, request.isUserInRole("VIEWER"));
  }

  @PostMapping
  Object subscribe(
      @PathVariable String project,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String target,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      AlertAdmin.NewSubscription made =
          alerts.subscribe(project, channel, target).orElseThrow(() -> noProject(project));
      redirect.addFlashAttribute("made", made);
      redirect.addFlashAttribute(
          "notice",
          "Subscribed "
              + made.subscription().target()
              + ". Send it a test alert to check it arrives.");
      return seeOther(project);
    } catch (ChangeRefused e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("problemField", field(e.reason()));
      model.addAttribute("newChannel", channel);
      model.addAttribute("newTarget", target);
      // Only those who may change subscriptions get here (a viewer's post is refused before).
      return page(project, model, false);
    }
  }

  @PostMapping("/{id}/test")
  Object test(@PathVariable String project, @PathVariable long id, RedirectAttributes redirect) {
    AlertAdmin.Subscription s =
        alerts.sendTest(project, id).orElseThrow(() -> noSubscription(project, id));
    redirect.addFlashAttribute(
        "notice", "A test alert to " + s.target() + " is queued; its delivery shows below.");
    return seeOther(project);
  }

  @PostMapping("/{id}/delete")
  Object delete(@PathVariable String project, @PathVariable long id, RedirectAttributes redirect) {
    AlertAdmin.Subscription s =
        alerts.unsubscribe(project, id).orElseThrow(() -> noSubscription(project, id));
    redirect.addFlashAttribute("notice", s.target() + " no longer gets alerts.");
    return seeOther(project);
  }

  private String page(String project, Model model, boolean viewer) {
    List<AlertAdmin.Subscription> all =
        alerts.subscriptions(project).orElseThrow(() -> noProject(project));
    if (viewer) {
      all = all.stream().map(AlertAdmin.Subscription::forViewer).toList();
    }
    model.addAttribute("project", project);
    model.addAttribute("subscriptions", all);
    return "maintainer/alerts/alerts";
  }

  private static String field(String reason) {
    return switch (reason) {
      case "invalid-channel" -> "channel";
      default -> "target";
    };
  }

  private static RedirectView seeOther(String project) {
    RedirectView view =
        new RedirectView(
            org.springframework.web.util.UriComponentsBuilder.fromPath(
                    "/maintainer/projects/{p}/alerts")
                .buildAndExpand(project)
                .encode()
                .toUriString(),
            true);
    view.setStatusCode(HttpStatus.SEE_OTHER);
    view.setExposeModelAttributes(false);
    return view;
  }

  private static NotFound noProject(String project) {
    return new NotFound("project-not-found", "There is no project named '" + project + "'.");
  }

  private static NotFound noSubscription(String project, long id) {
    return new NotFound(
        "subscription-not-found",
        "Project '" + project + "' has no alert subscription " + id + ".");
  }
}
