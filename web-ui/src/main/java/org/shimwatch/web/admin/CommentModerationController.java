package org.shimwatch.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The comment moderation queue: pending comments oldest first with Approve and Reject, and the
 * decided ones, whose decision can still be changed.
 */
@Controller
@RequestMapping("/maintainer/comments")
class CommentModerationController {

  private final ProjectsQuery projects;
  private final CommentModeration moderation;

  CommentModerationController(ProjectsQuery projects, CommentModeration moderation) {
    this.projects = projects;
    this.moderation = moderation;
  }

  @GetMapping
  String queue(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String show,
      @RequestParam(defaultValue = "1") int page,
      Model model) {
    String p = ProjectChoice.choose(projects, project, model);
    CommentModeration.Queue q = queue(show);
    if (page < 1) {
      throw new ChangeRefused("invalid-page", "Pages are numbered from 1.");
    }
    CommentModeration.CommentPage found =
        moderation
            .comments(p, q, page)
            .orElseThrow(() -> new NotFound("project-not-found", "There is no such project."));
    if (page > found.pages()) {
      throw new NotFound(
          "page-not-found", "There are only " + found.pages() + " pages of comments here.");
    }
    model.addAttribute("queue", q.name().toLowerCase(Locale.ROOT));
    model.addAttribute("found", found);
    model.addAttribute("possibleNames", possibleNames(found));
    return "maintainer/comments/comments";
  }

  @PostMapping("/{reportId}")
  Object decide(
      @PathVariable UUID reportId,
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String decision,
      @RequestParam(required = false) String show,
      @RequestParam(defaultValue = "1") int page,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    String p = ProjectChoice.choose(projects, project, model);
    CommentModeration.Queue q = queue(show);
    Optional<CommentStatus> wanted =
        CommentStatus.of(decision).filter(s -> s != CommentStatus.PENDING);
    String problem;
    if (wanted.isEmpty()) {
      problem = "Choose Approve or Reject.";
    } else {
      try {
        CommentModeration.Comment c =
            moderation
                .decide(p, reportId, wanted.get())
                .orElseThrow(
                    () ->
                        new NotFound(
                            "report-not-found",
                            "Project '" + p + "' has no report " + reportId + "."));
        redirect.addFlashAttribute(
            "notice",
            "The comment on report "
                + c.reportId()
                + (c.status() == CommentStatus.APPROVED
                    ? " is approved and shown publicly."
                    : " is rejected and never shown publicly."));
        // The decided comment leaves this page: go back to the same page, or the last one there
        // still is.
        int last = moderation.comments(p, q, 1).map(CommentModeration.CommentPage::pages).orElse(1);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("project", p);
        query.put("show", q == CommentModeration.Queue.PENDING ? null : "decided");
        query.put("page", Math.min(Math.max(page, 1), last) == 1 ? null : Math.min(page, last));
        return SeeOther.to("/maintainer/comments", query);
      } catch (ChangeRefused e) {
        problem = e.getMessage();
      }
    }
    model.addAttribute("problem", problem);
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    int shown = Math.max(page, 1);
    CommentModeration.CommentPage found =
        moderation
            .comments(p, q, shown)
            .orElseThrow(() -> new NotFound("project-not-found", "There is no such project."));
    model.addAttribute("queue", q.name().toLowerCase(Locale.ROOT));
    model.addAttribute("found", found);
    model.addAttribute("possibleNames", possibleNames(found));
    return "maintainer/comments/comments";
  }

  /** Report id to the words of its comment that may name a person, for the moderator. */
  private static Map<UUID, String> possibleNames(CommentModeration.CommentPage found) {
    Map<UUID, String> names = new LinkedHashMap<>();
    for (CommentModeration.Comment c : found.comments()) {
      List<String> n = PossibleNames.in(c.text());
      if (!n.isEmpty()) {
        names.put(c.reportId(), String.join(", ", n));
      }
    }
    return names;
  }

  private static CommentModeration.Queue queue(String show) {
    if (show == null || show.isBlank() || show.equalsIgnoreCase("pending")) {
      return CommentModeration.Queue.PENDING;
    }
    if (show.equalsIgnoreCase("decided")) {
      return CommentModeration.Queue.DECIDED;
    }
    throw new ChangeRefused("invalid-queue", "Show pending or decided comments.");
  }
}
