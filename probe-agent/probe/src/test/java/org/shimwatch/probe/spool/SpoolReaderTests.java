package org.shimwatch.probe.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.report.CallKind;
import org.shimwatch.report.CallMetrics;
import org.shimwatch.report.Trap;

class SpoolReaderTests {

  @TempDir Path spool;

  static String snapshot(int pid, long started, long written, String calls) {
    return "{\"format\":\"shimwatch-snapshot\",\"formatVersion\":1,\"shimVersion\":\"0.1.0\","
        + "\"pid\":"
        + pid
        + ",\"startedAtMs\":"
        + started
        + ",\"writtenAtMs\":"
        + written
        + ",\"durationMs\":"
        + (written - started)
        + ",\"exe\":\"/home/alice/bin/client\",\"calls\":"
        + calls
        + "}";
  }

  static final String POLL_3 =
      "{\"poll\":{\"count\":3,\"results\":{\"ready\":2,\"timeout\":1,\"interrupted\":0,\"error\":0},"
          + "\"latency\":{\"buckets\":{\"17\":2,\"420\":1},\"maxNs\":10060000},"
          + "\"anomalies\":{\"fdAboveSetsize\":0,\"nonSocketFds\":0,\"zeroTimeoutCalls\":2,\"maxNfds\":1}}}";

  static final String POLL_2_SELECT_1 =
      "{\"poll\":{\"count\":2,\"results\":{\"ready\":1,\"timeout\":0,\"interrupted\":0,\"error\":1},"
          + "\"errors\":{\"EBADF\":1},\"latency\":{\"buckets\":{\"17\":1,\"30\":1},\"maxNs\":40},"
          + "\"anomalies\":{\"fdAboveSetsize\":0,\"nonSocketFds\":1,\"zeroTimeoutCalls\":0,\"maxNfds\":7}},"
          + "\"select\":{\"count\":1,\"results\":{\"ready\":1,\"timeout\":0,\"interrupted\":0,\"error\":0},"
          + "\"latency\":{\"buckets\":{\"100\":1},\"maxNs\":9000}}}";

  static final String TRAP =
      "{\"format\":\"shimwatch-trap\",\"formatVersion\":1,\"shimVersion\":\"0.1.0\",\"pid\":123,\"tid\":124,"
          + "\"timeMs\":1700000000000,\"signal\":\"SIGSEGV\",\"signalNumber\":11,\"siCode\":1,"
          + "\"faultAddress\":\"0x0\",\"instructionPointer\":\"0x7f00000a1139\","
          + "\"registers\":{\"RIP\":\"0x7f00000a1139\",\"RSP\":\"0x7ffd00001000\"},"
          + "\"frames\":[{\"module\":\"/tmp/x/libshimwatch.so\",\"offset\":\"0x2a10\"},"
          + "{\"module\":\"/home/alice/bin/client\",\"offset\":\"0x1139\"},{\"module\":\"?\",\"offset\":\"0x7f0000001000\"}],"
          + "\"recentCalls\":[{\"call\":\"poll\",\"nfds\":3,\"timeoutNs\":0,\"result\":1,\"latencyNs\":850},"
          + "{\"call\":\"select\",\"nfds\":9,\"timeoutNs\":-1,\"result\":-1,\"errno\":\"EBADF\",\"latencyNs\":400}],"
          + "\"exe\":\"/home/alice/bin/client\"}";

  @Test
  void snapshotsOfSeveralProcessesMergeIntoOneSetOfMetrics() throws Exception {
    Files.writeString(spool.resolve("snapshot-10-1000.json"), snapshot(10, 1000, 5000, POLL_3));
    Files.writeString(
        spool.resolve("snapshot-11-2000.json"), snapshot(11, 2000, 9000, POLL_2_SELECT_1));

    SpoolContents c = new SpoolReader().read(spool, false);

    assertThat(c.warnings()).isEmpty();
    assertThat(c.metrics().processes()).isEqualTo(2);
    assertThat(c.metrics().durationMs()).isEqualTo(8000);
    CallMetrics poll = c.metrics().calls().byKind().get(CallKind.POLL);
    assertThat(poll.count()).isEqualTo(5);
    assertThat(poll.results()).isEqualTo(new CallMetrics.Results(3, 1, 0, 1));
    assertThat(poll.errors()).containsEntry("EBADF", 1L);
    assertThat(poll.latency().buckets())
        .containsEntry(17, 3L)
        .containsEntry(30, 1L)
        .containsEntry(420, 1L);
    assertThat(poll.anomalies().maxNfds()).isEqualTo(7);
    assertThat(c.metrics().calls().select().count()).isEqualTo(1);
    assertThat(c.shimVersion()).isEqualTo("0.1.0");
    assertThat(c.files()).hasSize(2);
  }

  @Test
  void malformedFilesAreSkippedWithAWarningAndTheRestIsRead() throws Exception {
    Files.writeString(spool.resolve("snapshot-10-1000.json"), snapshot(10, 1000, 5000, POLL_3));
    Files.writeString(
        spool.resolve("snapshot-11-1000.json"), "{\"format\":\"shimwatch-snapshot\",");
    Files.writeString(spool.resolve("snapshot-12-1000.json"), "[1,2]");
    Files.writeString(
        spool.resolve("snapshot-13-1000.json"), snapshot(13, 1, 2, "{\"poll\":{\"count\":-4}}"));
    Files.writeString(
        spool.resolve("snapshot-14-1000.json"), snapshot(14, 1, 2, "{\"accept\":{\"count\":4}}"));
    Files.writeString(
        spool.resolve("snapshot-15-1000.json"),
        snapshot(15, 1, 2, POLL_3).replace("\"formatVersion\":1", "\"formatVersion\":9"));
    Files.writeString(spool.resolve("trap-1-2-3.json"), TRAP.replace("SIGSEGV", "<script>"));

    SpoolContents c = new SpoolReader().read(spool, true);

    assertThat(c.metrics().processes()).isEqualTo(1);
    assertThat(c.metrics().calls().poll().count()).isEqualTo(3);
    assertThat(c.traps()).isEmpty();
    assertThat(c.warnings()).hasSize(6);
    assertThat(String.join("\n", c.warnings()))
        .contains("snapshot-11-1000.json: skipped, not valid JSON")
        .contains("snapshot-12-1000.json: skipped, not a shimwatch-snapshot document")
        .contains("snapshot-13-1000.json: skipped, not a valid shim snapshot")
        .contains("snapshot-14-1000.json: skipped, not a valid shim snapshot")
        .contains("version 9 is not supported")
        .contains("trap-1-2-3.json: skipped");
    assertThat(c.files()).containsExactly(spool.resolve("snapshot-10-1000.json"));
  }

  @Test
  void aTrapIsPlacedInTheFirstModuleOutsideTheShimAndKeepsDetailsOnlyWhenAllowed()
      throws Exception {
    Files.writeString(spool.resolve("trap-123-124-1700000000000.json"), TRAP);

    Trap plain = new SpoolReader().read(spool, false).traps().get(0);
    Trap detailed = new SpoolReader().read(spool, true).traps().get(0);

    assertThat(plain.source()).isEqualTo(Trap.TrapSource.SHIM_SIGNAL);
    assertThat(plain.signal()).isEqualTo("SIGSEGV");
    assertThat(plain.siCode()).isEqualTo(1);
    assertThat(plain.module()).isEqualTo("client");
    assertThat(plain.offset()).isEqualTo("0x1139");
    assertThat(plain.faultAddress()).isEqualTo("0x0");
    assertThat(plain.time()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
    assertThat(plain.process()).isEqualTo(new Trap.Process("client", 123L, 124L));
    assertThat(plain.frames()).isNull();
    assertThat(plain.registers()).isNull();
    assertThat(plain.recentCalls()).isNull();

    assertThat(detailed.frames())
        .extracting(Trap.Frame::module)
        .containsExactly("libshimwatch.so", "client", null);
    assertThat(detailed.registers()).containsEntry("RIP", "0x7f00000a1139");
    assertThat(detailed.recentCalls()).hasSize(2);
    assertThat(detailed.recentCalls().get(1).errno()).isEqualTo("EBADF");
  }

  @Test
  void aMissingSpoolIsEmpty() {
    SpoolContents c = new SpoolReader().read(spool.resolve("nope"), true);
    assertThat(c.metrics()).isNull();
    assertThat(c.traps()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }
}
