package org.shimwatch.web.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.admin.CommentModeration.Comment;
import org.shimwatch.web.admin.CommentModeration.CommentPage;
import org.shimwatch.web.admin.CommentModeration.Queue;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = CommentModerationController.class)
class CommentModerationControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String ATTR = "\" onmouseover=alert(2) x=\"";
  static final UUID ID = UUID.fromString("0b5d7a44-1111-4000-8000-00000000000a");

  @Autowired MockMvc mvc;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean CommentModeration moderation;

  @BeforeEach
  void projects() {
    given(projects.maintainerSlugs()).willReturn(List.of("default"));
  }

  static Comment comment(CommentStatus status, String text) {
    return new Comment(
        ID,
        Instant.parse("2026-03-02T08:15:00Z"),
        "BitTorrent " + ATTR,
        "0.1.0",
        "traps",
        "OS/2 4.52",
        "IBM TCP/IP 4.3",
        text,
        status,
        status == CommentStatus.PENDING ? null : Instant.parse("2026-03-03T08:00:00Z"));
  }

  @Test
  void aCommentThatMayNameAPersonIsFlaggedAndThePageSaysWhyNamesArriveHere() throws Exception {
    given(moderation.comments("default", Queue.PENDING, 1))
        .willReturn(
            Optional.of(
                new CommentPage(
                    List.of(comment(CommentStatus.PENDING, "Hung at 10:15:30. Regards, Jane Roe")),
                    1,
                    1)));

    mvc.perform(get("/maintainer/comments"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("May name a person:")))
        .andExpect(content().string(containsString("<strong>Jane Roe</strong>")))
        .andExpect(content().string(containsString("Other names cannot be known")));
  }

  @Test
  void aCommentWithoutNamesIsNotFlagged() throws Exception {
    given(moderation.comments("default", Queue.PENDING, 1))
        .willReturn(
            Optional.of(
                new CommentPage(
                    List.of(comment(CommentStatus.PENDING, "Works on Warp Server at 10:15:30")),
                    1,
                    1)));

    mvc.perform(get("/maintainer/comments"))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("May name a person:"))));
  }

  @Test
  void thePendingQueueShowsEachCommentEscapedWithItsReportAndBothButtons() throws Exception {
    given(moderation.comments("default", Queue.PENDING, 1))
        .willReturn(
            Optional.of(
                new CommentPage(List.of(comment(CommentStatus.PENDING, SCRIPT + ATTR)), 1, 1)));

    mvc.perform(get("/maintainer/comments"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))))
        .andExpect(content().string(not(containsString("\" onmouseover"))))
        .andExpect(
            content().string(containsString("/maintainer/reports/" + ID + "?project=default")))
        .andExpect(content().string(containsString("2026-03-02 08:15 UTC")))
        .andExpect(content().string(containsString("value=\"approved\"")))
        .andExpect(content().string(containsString("value=\"rejected\"")))
        .andExpect(content().string(containsString("action=\"/maintainer/comments/" + ID)))
        .andExpect(content().string(not(containsString("id=\"project-picker\""))));
  }

  @Test
  void theDecidedTabPagesThroughFiftyAtATime() throws Exception {
    given(moderation.comments("default", Queue.DECIDED, 2))
        .willReturn(
            Optional.of(new CommentPage(List.of(comment(CommentStatus.REJECTED, "spam")), 2, 120)));

    mvc.perform(get("/maintainer/comments").param("show", "decided").param("page", "2"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Page 2 of 3 (120 comments)")))
        .andExpect(content().string(containsString("show=decided&amp;page=3")))
        .andExpect(content().string(containsString("show=decided&amp;page=1")))
        .andExpect(content().string(containsString("status-rejected")));
  }

  @Test
  void badPagesQueuesAndProjectsAreRefused() throws Exception {
    given(moderation.comments("default", Queue.PENDING, 4))
        .willReturn(Optional.of(new CommentPage(List.of(), 4, 60)));

    mvc.perform(get("/maintainer/comments").param("page", "0")).andExpect(status().isBadRequest());
    mvc.perform(get("/maintainer/comments").param("page", "x")).andExpect(status().isBadRequest());
    mvc.perform(get("/maintainer/comments").param("page", "4")).andExpect(status().isNotFound());
    mvc.perform(get("/maintainer/comments").param("show", "all"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/maintainer/comments").param("project", "nope"))
        .andExpect(status().isNotFound());
  }

  @Test
  void approvingDecidesAndRedirectsBackWithANotice() throws Exception {
    given(moderation.decide("default", ID, CommentStatus.APPROVED))
        .willReturn(Optional.of(comment(CommentStatus.APPROVED, "fine")));
    given(moderation.comments("default", Queue.PENDING, 1))
        .willReturn(Optional.of(new CommentPage(List.of(), 1, 0)));

    mvc.perform(
            post("/maintainer/comments/" + ID)
                .param("project", "default")
                .param("decision", "approved")
                .param("show", "pending")
                .param("page", "3"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/maintainer/comments?project=default"))
        .andExpect(flash().attribute("notice", containsString("is approved and shown publicly")));
    verify(moderation).decide("default", ID, CommentStatus.APPROVED);
  }

  @Test
  void rejectingFromTheDecidedTabGoesBackThere() throws Exception {
    given(moderation.decide("default", ID, CommentStatus.REJECTED))
        .willReturn(Optional.of(comment(CommentStatus.REJECTED, "spam")));
    given(moderation.comments("default", Queue.DECIDED, 1))
        .willReturn(Optional.of(new CommentPage(List.of(), 1, 120)));

    mvc.perform(
            post("/maintainer/comments/" + ID)
                .param("decision", "rejected")
                .param("show", "decided")
                .param("page", "2"))
        .andExpect(status().isSeeOther())
        .andExpect(
            header().string("Location", "/maintainer/comments?project=default&show=decided&page=2"))
        .andExpect(flash().attribute("notice", containsString("never shown publicly")));
  }

  @Test
  void aReportWithoutACommentOrThatIsNotThereChangesNothing() throws Exception {
    UUID none = UUID.randomUUID();
    UUID missing = UUID.randomUUID();
    given(moderation.decide("default", none, CommentStatus.APPROVED))
        .willThrow(new ChangeRefused("no-comment", "This report has no comment to approve."));
    given(moderation.decide("default", missing, CommentStatus.APPROVED))
        .willReturn(Optional.empty());
    given(moderation.comments("default", Queue.PENDING, 1))
        .willReturn(Optional.of(new CommentPage(List.of(), 1, 0)));

    mvc.perform(post("/maintainer/comments/" + none).param("decision", "approved"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("This report has no comment to approve.")));
    mvc.perform(post("/maintainer/comments/" + missing).param("decision", "approved"))
        .andExpect(status().isNotFound());
    mvc.perform(post("/maintainer/comments/not-a-uuid").param("decision", "approved"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void onlyApproveAndRejectAreDecisions() throws Exception {
    given(moderation.comments("default", Queue.PENDING, 1))
        .willReturn(Optional.of(new CommentPage(List.of(), 1, 0)));

    mvc.perform(post("/maintainer/comments/" + ID).param("decision", "pending"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Choose Approve or Reject.")));
    mvc.perform(post("/maintainer/comments/" + ID)).andExpect(status().isBadRequest());
    verify(moderation, never()).decide(anyString(), any(), any());
  }
}
