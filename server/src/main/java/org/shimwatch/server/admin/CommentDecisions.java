package org.shimwatch.server.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.publicversion.PublicVersions;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.admin.CommentModeration;
import org.shimwatch.web.admin.CommentStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Report comments and the maintainer's decisions on them, kept in the report row: {@code
 * comment_status} goes from {@code pending} to {@code approved} or {@code rejected} (and between
 * those two); {@code none} marks a report without a comment and never changes.
 */
@Component
class CommentDecisions implements CommentModeration {

  private static final String COLUMNS =
      "report_id, received_at, client_name, client_version, shim_version, outcome, os_family,"
          + " os_name, os_version, stack_name, stack_version, comment_text, comment_status,"
          + " comment_decided_at";

  private static final String DECIDED = "('approved', 'rejected')";

  private final ProjectService projects;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final PublicVersions publicVersions;

  CommentDecisions(
      ProjectService projects, JdbcTemplate jdbc, Clock clock, PublicVersions publicVersions) {
    this.projects = projects;
    this.jdbc = jdbc;
    this.clock = clock;
    this.publicVersions = publicVersions;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<CommentPage> comments(String project, Queue queue, int page) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    String where =
        queue == Queue.PENDING
            ? " WHERE project_id = ? AND comment_status = 'pending'"
            : " WHERE project_id = ? AND comment_status IN " + DECIDED;
    String order =
        queue == Queue.PENDING
            ? " ORDER BY received_at, id"
            : " ORDER BY comment_decided_at DESC, received_at DESC, id DESC";
    long total = jdbc.queryForObject("SELECT COUNT(*) FROM report" + where, Long.class, projectId);
    long offset = (Math.max(page, 1) - 1L) * PAGE_SIZE;
    List<Comment> comments =
        offset >= total
            ? List.of()
            : jdbc.query(
                "SELECT " + COLUMNS + " FROM report" + where + order + " LIMIT ? OFFSET ?",
                (rs, n) -> comment(rs),
                projectId,
                PAGE_SIZE,
                offset);
    return Optional.of(new CommentPage(comments, Math.max(page, 1), total));
  }

  @Override
  @Transactional
  public Optional<Comment> decide(String project, UUID reportId, CommentStatus decision) {
    if (decision != CommentStatus.APPROVED && decision != CommentStatus.REJECTED) {
      throw new ChangeRefused("invalid-decision", "A comment is approved or rejected.");
    }
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    // A report without a comment stays 'none': the condition leaves it out of the update.
    int changed =
        jdbc.update(
            "UPDATE report SET comment_status = ?, comment_decided_at = ? WHERE project_id = ? AND"
                + " report_id = ? AND comment_status IN ('pending', 'approved', 'rejected')",
            decision.wireName(),
            Timestamp.from(clock.instant()),
            projectId,
            reportId);
    List<Comment> found =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM report WHERE project_id = ? AND report_id = ?",
            (rs, n) -> comment(rs),
            projectId,
            reportId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (changed == 0) {
      throw new ChangeRefused("no-comment", "This report has no comment to approve or reject.");
    }
    // An approved comment shows in the public drill-down; a rejected one leaves it.
    publicVersions.bump(projectId);
    return Optional.of(found.get(0));
  }

  private static Comment comment(ResultSet rs) throws SQLException {
    Timestamp decided = rs.getTimestamp(14);
    return new Comment(
        rs.getObject(1, UUID.class),
        rs.getTimestamp(2).toInstant(),
        RolledReport.label(rs.getString(3), rs.getString(4), "unknown client"),
        rs.getString(5),
        rs.getString(6),
        RolledReport.label(rs.getString(8), rs.getString(9), rs.getString(7)),
        RolledReport.label(rs.getString(10), rs.getString(11), "unknown stack"),
        rs.getString(12),
        CommentStatus.of(rs.getString(13)).orElse(CommentStatus.PENDING),
        decided == null ? null : decided.toInstant());
  }
}
