package org.shimwatch.server.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.move.MoveFormat.BadLine;
import org.shimwatch.server.move.MoveFormat.Kind;

/** The export's line format: what it writes reads back the same, and what is wrong is named. */
class MoveFormatTests {

  private static final Instant AT = Instant.parse("2026-12-06T12:00:00.123456Z");

  private static Map<Kind, Long> counts() {
    Map<Kind, Long> c = new EnumMap<>(Kind.class);
    c.put(Kind.PROJECT, 1L);
    c.put(Kind.REPORT, 2L);
    return c;
  }

  private static String header() {
    return MoveFormat.headerLine(
        new MoveFormat.Header(MoveFormat.VERSION, "1.2.3", "default", AT, counts()));
  }

  private static Map<String, Object> installation() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", UUID.fromString("0b6f5d0e-8a44-4e2f-9a39-2f1c6f0d6a11"));
    v.put("secret_hash", "a".repeat(64));
    v.put("created_at", AT.atOffset(ZoneOffset.UTC));
    return v;
  }

  @Test
  void theHeaderReadsBack() throws Exception {
    MoveFormat.Header h = MoveFormat.header(1, header());
    assertThat(h.version()).isEqualTo(MoveFormat.VERSION);
    assertThat(h.serverVersion()).isEqualTo("1.2.3");
    assertThat(h.project()).isEqualTo("default");
    assertThat(h.exportedAt()).isEqualTo(AT);
    assertThat(h.counts().get(Kind.REPORT)).isEqualTo(2L);
    assertThat(h.counts().get(Kind.ADVICE)).isZero();
  }

  @Test
  void aRowReadsBackWithItsTypes() throws Exception {
    String line = MoveFormat.rowLine(Kind.INSTALLATION, installation());
    MoveFormat.Line l = MoveFormat.line(2, line);
    assertThat(l).isInstanceOf(MoveFormat.RowLine.class);
    MoveFormat.Row row = ((MoveFormat.RowLine) l).row();
    assertThat(row.kind()).isEqualTo(Kind.INSTALLATION);
    assertThat(row.get("id")).isEqualTo(installation().get("id"));
    assertThat(row.get("created_at")).isEqualTo(AT.atOffset(ZoneOffset.UTC));
    assertThat(((OffsetDateTime) row.get("created_at")).getNano()).isEqualTo(123_456_000);
  }

  @Test
  void nullsAreKeptWhereAColumnAllowsThem() throws Exception {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("key_hash", "b".repeat(64));
    key.put("key_prefix", "swk_abcd");
    key.put("label", "first key");
    key.put("created_at", AT);
    key.put("revoked_at", null);
    MoveFormat.Row row =
        ((MoveFormat.RowLine) MoveFormat.line(3, MoveFormat.rowLine(Kind.INGEST_KEY, key))).row();
    assertThat(row.values()).containsEntry("revoked_at", null);
  }

  @Test
  void theEndLineCarriesTheCounts() throws Exception {
    MoveFormat.Line l = MoveFormat.line(9, MoveFormat.endLine(counts()));
    assertThat(((MoveFormat.EndLine) l).counts()).containsEntry(Kind.REPORT, 2L);
  }

  @Test
  void anotherVersionIsRefusedByName() {
    String v2 = header().replace("\"version\":1", "\"version\":2");
    assertThatThrownBy(() -> MoveFormat.header(1, v2))
        .isInstanceOf(BadLine.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("format version 2");
  }

  @Test
  void aFileOfAnotherKindIsRefused() {
    assertThatThrownBy(() -> MoveFormat.header(1, "{\"reportId\":\"x\"}"))
        .isInstanceOf(BadLine.class)
        .hasMessageContaining("not a Shimwatch project export");
    assertThatThrownBy(() -> MoveFormat.header(1, "PK\u0003\u0004"))
        .isInstanceOf(BadLine.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void aLineCutShortIsRefusedWithItsNumber() {
    String line = MoveFormat.rowLine(Kind.INSTALLATION, installation());
    String cut = line.substring(0, line.length() / 2);
    assertThatThrownBy(() -> MoveFormat.line(17, cut))
        .isInstanceOf(BadLine.class)
        .hasMessageStartingWith("line 17:")
        .hasMessageContaining("cut short");
    assertThat(catchLine(() -> MoveFormat.line(17, cut))).isEqualTo(17);
  }

  @Test
  void unknownKindsAndColumnsAreRefused() {
    assertThatThrownBy(() -> MoveFormat.line(4, "{\"kind\":\"maintainer\",\"row\":{}}"))
        .hasMessageContaining("unknown kind 'maintainer'");
    String extra =
        MoveFormat.rowLine(Kind.INSTALLATION, installation())
            .replace("\"row\":{", "\"row\":{\"password_hash\":\"x\",");
    assertThatThrownBy(() -> MoveFormat.line(4, extra))
        .hasMessageContaining("installation has no column 'password_hash'");
    assertThatThrownBy(() -> MoveFormat.line(4, "{\"row\":{}}")).hasMessageContaining("no kind");
  }

  @Test
  void wrongValuesAreRefusedByColumn() {
    Map<String, Object> v = installation();
    String good = MoveFormat.rowLine(Kind.INSTALLATION, v);
    assertThatThrownBy(() -> MoveFormat.line(5, good.replace(v.get("id").toString(), "not-a-uuid")))
        .hasMessageContaining("installation.id is not a UUID");
    assertThatThrownBy(() -> MoveFormat.line(5, good.replace(AT.toString(), "yesterday")))
        .hasMessageContaining("installation.created_at is not an ISO-8601 instant");
    assertThatThrownBy(() -> MoveFormat.line(5, good.replace("\"" + "a".repeat(64) + "\"", "null")))
        .hasMessageContaining("installation.secret_hash is missing");
    assertThatThrownBy(() -> MoveFormat.line(5, good.replace("a".repeat(64), "a".repeat(65))))
        .hasMessageContaining("longer than 64 characters");
    assertThatThrownBy(() -> MoveFormat.line(5, good.replace("\"" + "a".repeat(64) + "\"", "42")))
        .hasMessageContaining("installation.secret_hash is not a string");
  }

  @Test
  void numbersAreChecked() {
    Map<String, Object> trap = new LinkedHashMap<>();
    trap.put("report_id", UUID.randomUUID());
    trap.put("trap_index", 12);
    trap.put("source", "signal");
    trap.put("frames", "libc.so.6|1|0x1f;");
    trap.put("signature", "SIGSEGV|libc.so.6|0x1f");
    String good = MoveFormat.rowLine(Kind.REPORT_TRAP, trap);
    assertThatThrownBy(
            () -> MoveFormat.line(6, good.replace("\"trap_index\":12", "\"trap_index\":1.5")))
        .hasMessageContaining("report_trap.trap_index is not a whole number");
    assertThatThrownBy(
            () -> MoveFormat.line(6, good.replace("\"trap_index\":12", "\"trap_index\":\"12\"")))
        .hasMessageContaining("is not a whole number");
    assertThatThrownBy(
            () ->
                MoveFormat.line(6, good.replace("\"trap_index\":12", "\"trap_index\":99999999999")))
        .hasMessageContaining("report_trap.trap_index is out of range");
  }

  @Test
  void linesAreReadOneByOneWithinTheirLimit() throws Exception {
    ProjectImport.Lines lines =
        new ProjectImport.Lines(
            new ByteArrayInputStream("a\r\n\nb\nc".getBytes(StandardCharsets.UTF_8)));
    assertThat(lines.next()).isEqualTo("a");
    assertThat(lines.next()).isEqualTo("b");
    assertThat(lines.number()).isEqualTo(3);
    assertThat(lines.next()).isEqualTo("c");
    assertThat(lines.next()).isNull();

    byte[] huge = new byte[MoveFormat.MAX_LINE_CHARS + 10];
    java.util.Arrays.fill(huge, (byte) 'x');
    ProjectImport.Lines tooLong = new ProjectImport.Lines(new ByteArrayInputStream(huge));
    assertThatThrownBy(tooLong::next).hasMessageContaining("longer than");

    ProjectImport.Lines notUtf8 =
        new ProjectImport.Lines(new ByteArrayInputStream(new byte[] {'{', (byte) 0xC3, '}'}));
    assertThatThrownBy(notUtf8::next).hasMessageContaining("not UTF-8");
  }

  private interface Reading {
    void run() throws BadLine;
  }

  private static long catchLine(Reading r) {
    try {
      r.run();
      return -1;
    } catch (BadLine e) {
      return e.line();
    }
  }
}
