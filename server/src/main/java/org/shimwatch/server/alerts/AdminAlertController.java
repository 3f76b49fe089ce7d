package org.shimwatch.server.alerts;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.alerts.AlertAdmin;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Maintainer API: a project's alert subscriptions. A new webhook subscription's answer carries its
 * signing secret, the only time it is shown.
 */
@RestController
@RequestMapping("/api/v1/admin/projects/{project}/alerts")
class AdminAlertController {

  private final AlertAdmin alerts;

  AdminAlertController(AlertAdmin alerts) {
    this.alerts = alerts;
  }

  /**
   * What a subscription is made from.
   *
   * @param channel {@code webhook} or {@code email}
   * @param target the webhook URL or the e-mail address
   */
  record NewSubscription(String channel, String target) {}

  @GetMapping
  List<AlertAdmin.Subscription> list(@PathVariable String project, HttpServletRequest request) {
    List<AlertAdmin.Subscription> all =
        alerts.subscriptions(project).orElseThrow(() -> noProject(project));
    // A viewer's token reads what a viewer's page shows: no webhook path, no mailbox name.
    return request.isUserInRole("VIEWER")
        ? all.stream().map(AlertAdmin.Subscription::forViewer).toList()
        : all;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  AlertAdmin.NewSubscription subscribe(
      @PathVariable String project, @RequestBody(required = false) NewSubscription body) {
    NewSubscription b = body == null ? new NewSubscription(null, null) : body;
    return alerts.subscribe(project, b.channel(), b.target()).orElseThrow(() -> noProject(project));
  }

  @PostMapping("/{id}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  AlertAdmin.Subscription test(@PathVariable String project, @PathVariable long id) {
    return alerts.sendTest(project, id).orElseThrow(() -> noSubscription(project, id));
  }

  @DeleteMapping("/{id}")
  AlertAdmin.Subscription delete(@PathVariable String project, @PathVariable long id) {
    return alerts.unsubscribe(project, id).orElseThrow(() -> noSubscription(project, id));
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
