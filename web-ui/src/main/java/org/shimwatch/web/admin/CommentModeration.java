package org.shimwatch.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shimwatch.web.ChangeRefused;

/** The comments reports carry, and the maintainer's decision on each; the server implements it. */
public interface CommentModeration {

  /** Comments on one page of the queue. */
  int PAGE_SIZE = 50;

  /** Which comments a page lists. */
  enum Queue {
    /** Waiting for a decision, oldest first: the one waiting longest comes first. */
    PENDING,
    /** Approved or rejected, most recently decided first. */
    DECIDED
  }

  /**
   * A comment with what the maintainer needs to judge it.
   *
   * @param client client name and version
   * @param shimVersion shim version, or {@code null} when unknown
   * @param outcome the outcome the report states, e.g. {@code traps}
   * @param platform OS name and version
   * @param stack stack name and version
   * @param text the comment as sent: attacker-controlled, always shown escaped
   * @param decidedAt when a maintainer last decided, or {@code null}
   */
  record Comment(
      UUID reportId,
      Instant receivedAt,
      String client,
      String shimVersion,
      String outcome,
      String platform,
      String stack,
      String text,
      CommentStatus status,
      Instant decidedAt) {}

  /**
   * One page of a queue.
   *
   * @param page 1-based
   * @param total comments in the whole queue
   */
  record CommentPage(List<Comment> comments, int page, long total) {

    public CommentPage {
      comments = List.copyOf(comments);
    }

    /** Pages in the queue; at least one, even when it is empty. */
    public int pages() {
      return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }
  }

  /**
   * A page of a project's queue.
   *
   * @param page 1-based
   * @return empty when there is no such project
   */
  Optional<CommentPage> comments(String project, Queue queue, int page);

  /**
   * Approves or rejects a report's comment; a decision already made can be changed.
   *
   * @param decision {@link CommentStatus#APPROVED} or {@link CommentStatus#REJECTED}
   * @return the comment as it now stands, or empty when the project has no such report
   * @throws ChangeRefused when the report has no comment, or the decision is not one; nothing is
   *     changed
   */
  Optional<Comment> decide(String project, UUID reportId, CommentStatus decision);
}
