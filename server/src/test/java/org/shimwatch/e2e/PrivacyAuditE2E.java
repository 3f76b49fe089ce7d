package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario 8: the privacy audit, after all the others. Every scenario planted client addresses (in
 * {@code X-Forwarded-For} and {@code X-Real-IP} headers, and in comments), a user name and a home
 * folder. None may be found in any database the servers wrote (every column of every table, raw
 * documents included), in any server log, or in the reports the probes sent. Run on its own, it
 * first plants them itself.
 */
@Order(8)
class PrivacyAuditE2E {

  /** Where one planted string was found. */
  record Finding(String where, String needle) {}

  @Test
  void plantedAddressesNamesAndHomesAreNowhere() throws Exception {
    if (ServerProcess.all().isEmpty()) {
      plantOnOwnServer();
    }
    List<String> needles = new ArrayList<>(E2e.PLANTED_IPS);
    needles.add(E2e.PLANTED_USER);
    needles.add(E2e.PLANTED_HOME.substring(0, E2e.PLANTED_HOME.length() - 1));

    List<Finding> found = new ArrayList<>();
    List<String> unstructured = new ArrayList<>();
    long structuredLines = 0;
    long logBytes = 0;
    int logFiles = 0;
    long values = 0;
    long scrubbedComments = 0;
    int databases = 0;
    Set<String> seenSchemas = new HashSet<>();
    for (ServerProcess s : ServerProcess.all()) {
      s.stop();
      for (Path log : s.logs()) {
        if (!Files.exists(log)) {
          continue;
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        logFiles++;
        logBytes += text.length();
        if (s.structuredLogs()) {
          structuredLines += checkStructured(log, text, unstructured);
        }
        if (text.contains(" started by ")) {
          // Spring's startup line: the account that started the server and its folder.
          found.add(new Finding(log.toString(), "the startup line naming the user and folder"));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String n : needles) {
          if (lower.contains(n.toLowerCase(Locale.ROOT))) {
            found.add(new Finding(log.toString(), n));
          }
        }
      }
      boolean h2 = s.schema() == null;
      if (h2 && !Files.exists(s.dataDir().resolve("shimwatch.mv.db"))) {
        continue;
      }
      if (!h2 && !seenSchemas.add(s.schema())) {
        continue;
      }
      databases++;
      try (Connection c = s.database()) {
        long[] counts = scan(c, h2 ? "PUBLIC" : s.schema(), s.name(), needles, found);
        values += counts[0];
        scrubbedComments += counts[1];
      }
    }
    int probeFiles = 0;
    try (Stream<Path> all = Files.walk(E2e.runDir())) {
      for (Path f : (Iterable<Path>) all::iterator) {
        String p = f.toString();
        if (Files.isRegularFile(f) && (p.contains("/sent/") || p.contains("/outbox/"))) {
          probeFiles++;
          String text = Files.readString(f, StandardCharsets.UTF_8);
          for (String n : needles) {
            if (text.contains(n)) {
              found.add(new Finding(p, n));
            }
          }
        }
      }
    }
    E2e.figures(
        "privacy",
        E2e.map(
            "servers",
            ServerProcess.all().size(),
            "databases",
            databases,
            "valuesSearched",
            values,
            "logFiles",
            logFiles,
            "logKiB",
            logBytes / 1024,
            "structuredLogLines",
            structuredLines,
            "probeReportFiles",
            probeFiles,
            "scrubbedCommentsStored",
            scrubbedComments,
            "found",
            found.size()));
    assertThat(found).isEmpty();
    assertThat(unstructured).as("log lines that are not structured records").isEmpty();
    if (ServerProcess.all().stream().anyMatch(ServerProcess::structuredLogs)) {
      assertThat(structuredLines).isPositive();
    }
    // What was planted did reach the databases, as scrubbed text: the search looked at the right
    // place.
    assertThat(scrubbedComments).isPositive();
  }

  /**
   * Checks that each line of a log written as JSON lines is one record with a time, a level and a
   * message; notes the lines that are not. Returns the records read.
   */
  private static long checkStructured(Path log, String text, List<String> unstructured) {
    long records = 0;
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      JsonNode record;
      try {
        record = ReportJson.mapper().readTree(line);
      } catch (RuntimeException e) {
        record = null;
      }
      if (record == null
          || !record.isObject()
          || !record.path("@timestamp").isString()
          || !record.path("log").path("level").isString()
          || !record.path("message").isString()) {
        unstructured.add(
            log + ":" + (i + 1) + ": " + line.substring(0, Math.min(line.length(), 160)));
      } else {
        records++;
      }
    }
    return records;
  }

  /**
   * Every value of every column of every table, as text. Returns the values read and the stored
   * comments that carry a scrubber's placeholder.
   */
  private static long[] scan(
      Connection c, String schema, String server, List<String> needles, List<Finding> found)
      throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    long values = 0;
    long scrubbed = 0;
    for (String t : tables) {
      try (Statement st = c.createStatement()) {
        st.setFetchSize(500);
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + quote(schema) + "." + quote(t))) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              String v;
              try {
                v = rs.getString(i);
              } catch (SQLException e) {
                continue; // binary
              }
              if (v == null) {
                continue;
              }
              values++;
              String lower = v.toLowerCase(Locale.ROOT);
              for (String n : needles) {
                if (lower.contains(n.toLowerCase(Locale.ROOT))) {
                  found.add(
                      new Finding(server + " " + t + "." + rs.getMetaData().getColumnName(i), n));
                }
              }
              if (t.equalsIgnoreCase("report")
                  && rs.getMetaData().getColumnName(i).equalsIgnoreCase("comment_text")
                  && (v.contains("<ip>") || v.contains("<user>") || v.contains("~/"))) {
                scrubbed++;
              }
            }
          }
        }
      }
    }
    return new long[] {values, scrubbed};
  }

  private static String quote(String name) {
    return "\"" + name + "\"";
  }

  /** Run alone: one server, a probe and a raw post, all carrying the planted strings. */
  private static void plantOnOwnServer() throws Exception {
    ServerProcess s = ServerProcess.h2("privacy").start();
    try {
      ProbeHome p = new ProbeHome("privacy", s.base());
      p.consent(1);
      E2e.Result r =
          p.cli(
              "submit",
              "--client-name",
              "aria2c",
              "--outcome",
              "works",
              "--comment",
              "I am "
                  + E2e.PLANTED_USER
                  + ", files in "
                  + E2e.PLANTED_HOME
                  + "dl, peer "
                  + E2e.PLANTED_IPS.get(0));
      assertThat(r.exit()).as("shimwatch submit: %s", r.output()).isZero();
      ObjectNode doc =
          (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text("linux-aria2c-works"));
      doc.put("reportId", UUID.randomUUID().toString());
      doc.put("installationId", UUID.randomUUID().toString());
      doc.put(
          "comment",
          "tracker at " + E2e.PLANTED_IPS.get(1) + ", config in " + E2e.PLANTED_HOME + ".aria2");
      assertThat(
              s.postReport(
                      doc.toString(),
                      "e2e-privacy-secret-0123456789",
                      "X-Forwarded-For",
                      E2e.PLANTED_IPS.get(2),
                      "X-Real-IP",
                      E2e.PLANTED_IPS.get(1))
                  .statusCode())
          .isEqualTo(202);
    } finally {
      s.stop();
    }
  }
}
