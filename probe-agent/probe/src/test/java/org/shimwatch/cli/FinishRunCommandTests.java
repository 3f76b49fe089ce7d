package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.report.ReportValidator;
import tools.jackson.databind.JsonNode;

/**
 * {@code finish-run}: the report on a run the launcher started, made from the record it wrote when
 * the client ended; and the records a stopped finisher left behind, finished by the next command.
 */
class FinishRunCommandTests {

  @TempDir Path tmp;

  private int finish(Map<String, String> env, String... args) {
    StringWriter err = new StringWriter();
    int status =
        ShimwatchCli.execute(
            args,
            env,
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            false);
    lastErr = err.toString();
    return status;
  }

  private String lastErr;

  private Path record(String id, String content) throws Exception {
    Path runs = Files.createDirectories(tmp.resolve("state/runs"));
    return Files.writeString(runs.resolve(id + ".run"), content);
  }

  @Test
  void theRecordedRunIsReportedAndItsRecordAndSpoolGo() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      // An account name of a person ("root" names nobody and is kept).
      env.put("USER", "kestrel");
      finish(env, "consent", "--level", "2");
      Path spool = Files.createDirectories(tmp.resolve("state/runs/a1"));
      Path run =
          record(
              "a1",
              "version=1\nstarted=1765000000000\nended=1765000002500\nstatus=3\nspool="
                  + spool
                  + "\noutcome=select-problem\ncomment=stalls after kestrel logs in\nclient-name=aria2c\nclient-version=1.37.0\narg=aria2c\n"
                  + "arg=http://127.0.0.1/x\nfuture-fact=ignored\n");

      int status = finish(env, "finish-run", run.toString());

      assertThat(status).as(lastErr).isZero();
      assertThat(receiver.reports()).hasSize(1);
      JsonNode report = receiver.reports().get(0);
      assertThat(ReportValidator.instance().validate(report)).isEmpty();
      assertThat(report.path("outcome").asString()).isEqualTo("select-problem");
      assertThat(report.path("comment").asString()).isEqualTo("stalls after <user> logs in");
      assertThat(report.at("/environment/client/version").asString()).isEqualTo("1.37.0");
      assertThat(report.at("/environment/shim/installMode").asString()).isEqualTo("preload");
      assertThat(run).doesNotExist();
      assertThat(spool).doesNotExist();
    }
  }

  @Test
  void aRunFinishedAgainKeepsTheReportIdItsFirstFinisherChose() throws Exception {
    // The record as a finisher killed after queuing leaves it: with the id it wrote down first.
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      finish(env, "consent", "--level", "1");
      String id = "01a24a7b-02d3-791e-b7e9-64588ef46157";
      Path run =
          record(
              "b2",
              "version=1\nstarted=1765000000000\nended=1765000001000\nstatus=0\narg=true\n"
                  + "report-id="
                  + id
                  + "\n");

      int status = finish(env, "finish-run", run.toString());

      assertThat(status).as(lastErr).isZero();
      assertThat(receiver.reports()).hasSize(1);
      assertThat(receiver.reports().get(0).path("reportId").asString()).isEqualTo(id);
      assertThat(run).doesNotExist();
    }
  }

  @Test
  void recordsLeftBehindAreFinishedToo() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      finish(env, "consent", "--level", "1");
      Path own = record("b1", "version=1\nstarted=1\nended=2\nstatus=0\narg=true\n");
      Path left =
          record("b0", "version=1\nstarted=1\nended=2\nstatus=0\noutcome=traps\narg=false\n");
      Path broken = record("b2", "version=1\nstarted=1\n");

      int status = finish(env, "finish-run", own.toString());

      // The broken record is reported as a failure and removed; both others are sent.
      assertThat(status).as(lastErr).isEqualTo(1);
      assertThat(lastErr).contains("b2.run: run record without started, ended, status or command");
      assertThat(receiver.reports()).hasSize(2);
      assertThat(receiver.reports())
          .extracting(r -> r.path("outcome").asString())
          .containsExactlyInAnyOrder("unknown", "traps");
      assertThat(own).doesNotExist();
      assertThat(left).doesNotExist();
      assertThat(broken).doesNotExist();
    }
  }

  @Test
  void aFinisherWhoseRecordAnotherTookStillSendsTheRecordItTookOverItself() throws Exception {
    // Two runs end at once: finisher A's record was finished by finisher B (which sends it), and A
    // finds the record of run C, whose own finisher had not locked it yet. C's finisher will find
    // its record gone and send nothing, so A must send what it queued for C.
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      finish(env, "consent", "--level", "1");
      Path gone = tmp.resolve("state/runs/a0.run");
      Path other =
          record("c0", "version=1\nstarted=1\nended=2\nstatus=0\noutcome=works\narg=true\n");

      int status = finish(env, "finish-run", gone.toString());

      assertThat(status).as(lastErr).isZero();
      assertThat(receiver.reports()).as(lastErr).hasSize(1);
      assertThat(receiver.reports().get(0).path("outcome").asString()).isEqualTo("works");
      assertThat(lastErr).contains("sent 1 report(s)");
      assertThat(other).doesNotExist();
    }
  }

  /** A snapshot as the shim writes it: five poll() calls. */
  private static final String SNAPSHOT =
      "{\"format\":\"shimwatch-snapshot\",\"formatVersion\":1,\"shimVersion\":\"0.1.0\","
          + "\"pid\":2392,\"startedAtMs\":1796549783280,\"writtenAtMs\":1796549783280,"
          + "\"durationMs\":0,\"exe\":\"/usr/bin/aria2c\",\"calls\":{\"poll\":{\"count\":5,"
          + "\"results\":{\"ready\":5,\"timeout\":0,\"interrupted\":0,\"error\":0},"
          + "\"latency\":{\"buckets\":{\"72\":2,\"74\":1,\"83\":1,\"114\":1},\"maxNs\":1188},"
          + "\"anomalies\":{\"fdAboveSetsize\":0,\"nonSocketFds\":0,\"zeroTimeoutCalls\":5,"
          + "\"maxNfds\":1}}}}\n";

  /** Field 22 of this JVM's /proc/self/stat: its start time, as the launcher writes its own. */
  private static String ownStartTime() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    return stat.substring(stat.lastIndexOf(") ") + 2).split(" ")[19];
  }

  private Path live(String id, Path spool, long pid, String start) throws Exception {
    Path runs = Files.createDirectories(tmp.resolve("state/runs"));
    return Files.writeString(
        runs.resolve(id + ".live"),
        "version=1\nstarted=1765000000000\nspool="
            + spool
            + "\nclient-name=aria2c\narg=aria2c\narg=--seed-time=0\nwrapper="
            + pid
            + "\nwrapper-start="
            + start
            + "\n");
  }

  @Test
  void aRunWhoseLauncherWasKilledIsReportedFromWhatItLeftAndOneStillRunningIsLeftAlone()
      throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      finish(env, "consent", "--level", "2");
      long pid = ProcessHandle.current().pid();
      // Killed: its pid now belongs to another process (this JVM), started at another time.
      Path killedSpool = Files.createDirectories(tmp.resolve("state/runs/d1"));
      Files.writeString(killedSpool.resolve("snapshot-2392-1796549783280.json"), SNAPSHOT);
      Path killed = live("d1", killedSpool, pid, "1");
      // Still running: this JVM plays its launcher.
      Path runningSpool = Files.createDirectories(tmp.resolve("state/runs/d2"));
      Path running = live("d2", runningSpool, pid, ownStartTime());
      // Killed after writing its record but before removing the live file: the record counts.
      Path doneSpool = Files.createDirectories(tmp.resolve("state/runs/d3"));
      Path doneLive = live("d3", doneSpool, pid, "1");
      Path doneRecord =
          record(
              "d3",
              "version=1\nstarted=1765000000000\nended=1765000001000\nstatus=0\nspool="
                  + doneSpool
                  + "\noutcome=works\narg=aria2c\n");

      int status = finish(env, "submit", "--pending");

      assertThat(status).as(lastErr).isZero();
      assertThat(lastErr).contains("d1.live").doesNotContain("d2.live");
      assertThat(receiver.reports()).hasSize(2);
      JsonNode fromLive =
          receiver.reports().stream()
              .filter(r -> r.path("outcome").asString().equals("unknown"))
              .findFirst()
              .orElseThrow();
      assertThat(ReportValidator.instance().validate(fromLive)).isEmpty();
      assertThat(fromLive.at("/metrics/calls/poll/count").asLong()).isEqualTo(5);
      assertThat(fromLive.at("/environment/client/name").asString()).isEqualTo("aria2c");
      assertThat(receiver.reports())
          .extracting(r -> r.path("outcome").asString())
          .containsExactlyInAnyOrder("unknown", "works");
      assertThat(killed).doesNotExist();
      assertThat(killedSpool).doesNotExist();
      assertThat(doneLive).doesNotExist();
      assertThat(doneRecord).doesNotExist();
      assertThat(doneSpool).doesNotExist();
      assertThat(running).exists();
      assertThat(runningSpool).exists();
    }
  }

  @Test
  void atLevelZeroARecordedRunIsDroppedWithoutAReport() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      Path run = record("c1", "version=1\nstarted=1\nended=2\nstatus=0\narg=true\n");

      assertThat(finish(env, "finish-run", run.toString())).isZero();

      assertThat(run).doesNotExist();
      assertThat(receiver.received()).isEmpty();
      assertThat(tmp.resolve("state/outbox")).doesNotExist();
    }
  }
}
