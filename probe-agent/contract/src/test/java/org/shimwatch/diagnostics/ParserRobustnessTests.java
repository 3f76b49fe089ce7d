package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.jvm.HsErrLogParser;
import org.shimwatch.diagnostics.os2.BldlevelOutputParser;
import org.shimwatch.diagnostics.os2.ConfigSysParser;
import org.shimwatch.diagnostics.os2.ExceptqParser;
import org.shimwatch.diagnostics.os2.FileListingParser;
import org.shimwatch.diagnostics.os2.InetverOutputParser;
import org.shimwatch.diagnostics.os2.PopupLogParser;
import org.shimwatch.diagnostics.os2.SyslevelBytes;
import org.shimwatch.diagnostics.os2.SyslevelFile;
import org.shimwatch.diagnostics.os2.SyslevelFileParser;
import org.shimwatch.diagnostics.os2.SyslevelOutputParser;
import org.shimwatch.diagnostics.os2.TrapScreenParser;
import org.shimwatch.diagnostics.os2.VerOutputParser;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.Trap;

/**
 * Property tests: whatever bytes a user pastes or a file holds — random, truncated, mangled, with
 * any line ends — every parser returns a result or throws {@link ArtefactParseException}, never
 * anything else, and the inspector never reports a parser fault. Every trap and environment that
 * comes out passes the report contract.
 *
 * <p>The random streams are seeded so a failure reproduces; the message of a failure carries the
 * input.
 */
class ParserRobustnessTests {

  private static final long SEED = 0x5111_2026_0001L;

  /** A parser as the tests call it: bytes in, an artefact or the typed exception out. */
  private interface BytesParser {
    Artefact parse(byte[] input) throws ArtefactParseException;
  }

  private static final Map<String, BytesParser> PARSERS = new LinkedHashMap<>();

  static {
    PARSERS.put("syslevel-file", b -> SyslevelFileParser.parse(b, "SYSLEVEL.TCP"));
    PARSERS.put("syslevel-output", b -> SyslevelOutputParser.parse(TextBlock.decode(b)));
    PARSERS.put("popuplog", b -> PopupLogParser.parse(TextBlock.decode(b)));
    PARSERS.put("trap-screen", b -> TrapScreenParser.parse(TextBlock.decode(b)));
    PARSERS.put("exceptq", b -> ExceptqParser.parse(TextBlock.decode(b)));
    PARSERS.put("ver", b -> VerOutputParser.parse(TextBlock.decode(b)));
    PARSERS.put("inetver", b -> InetverOutputParser.parse(TextBlock.decode(b)));
    PARSERS.put("bldlevel", b -> BldlevelOutputParser.parse(TextBlock.decode(b)));
    PARSERS.put("config-sys", b -> ConfigSysParser.parse(TextBlock.decode(b)));
    PARSERS.put("file-listing", b -> FileListingParser.parse(TextBlock.decode(b)));
    PARSERS.put("hs-err", b -> HsErrLogParser.parse(TextBlock.decode(b)));
  }

  /** Traps collected from successful parses, checked against the contract in batches. */
  private final List<Trap> pendingTraps = new ArrayList<>();

  @Test
  void randomBytesGiveAResultOrATypedError() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 3000; i++) {
      byte[] input = new byte[random.nextInt(0, 600)];
      for (int k = 0; k < input.length; k++) {
        input[k] = (byte) random.nextInt(256);
      }
      // Half the inputs look like text, so the text parsers get past the binary check.
      if (i % 2 == 1) {
        for (int k = 0; k < input.length; k++) {
          input[k] = (byte) (0x20 + (input[k] & 0x7f) % 0x5f);
          if (random.nextInt(12) == 0) {
            input[k] = '\n';
          }
        }
      }
      everyParser("random #" + i, input);
    }
    flushTraps();
  }

  @Test
  void randomMixturesOfSampleLinesGiveAResultOrATypedError() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    List<String> pool = new ArrayList<>();
    for (String s : Samples.all()) {
      pool.addAll(Samples.text(s).lines().toList());
    }
    String[] ends = {"\n", "\r\n", "\r"};
    for (int i = 0; i < 2500; i++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(1, 40);
      for (int k = 0; k < lines; k++) {
        String line = pool.get(random.nextInt(pool.size()));
        switch (random.nextInt(6)) {
          case 0:
            line = line.substring(0, random.nextInt(line.length() + 1));
            break;
          case 1:
            int at = random.nextInt(line.length() + 1);
            line = line.substring(0, at) + (char) random.nextInt(0x20, 0x7f) + line.substring(at);
            break;
          default:
            break;
        }
        text.append(line).append(ends[random.nextInt(ends.length)]);
      }
      everyParser("mixture #" + i, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
    flushTraps();
  }

  @Test
  void everyTruncationOfEverySampleGivesAResultOrATypedError() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    for (String sample : Samples.all()) {
      byte[] bytes = Samples.bytes(sample);
      List<Integer> cuts = new ArrayList<>();
      if (bytes.length <= 1500) {
        for (int n = 0; n <= bytes.length; n++) {
          cuts.add(n);
        }
      } else {
        for (int k = 0; k < 400; k++) {
          cuts.add(random.nextInt(bytes.length + 1));
        }
      }
      for (int n : cuts) {
        byte[] head = Arrays.copyOf(bytes, n);
        byte[] tail = Arrays.copyOfRange(bytes, bytes.length - n, bytes.length);
        inspectAndCheckContract(sample + " cut to its first " + n + " bytes", head);
        inspectAndCheckContract(sample + " cut to its last " + n + " bytes", tail);
        if (n % 7 == 0) {
          everyParser(sample + " cut at " + n, head);
        }
      }
    }
    flushTraps();
  }

  @Test
  void changingLineEndsChangesNothingUnderstood() {
    SplittableRandom random = new SplittableRandom(SEED + 3);
    String[] ends = {"\n", "\r\n", "\r"};
    for (String sample : Samples.all()) {
      String lf = Samples.text(sample).replace("\r\n", "\n");
      List<Artefact> expected = ArtefactInspector.inspectText("-", lf).artefacts();
      String[] lines = lf.split("\n", -1);
      for (int k = 0; k < 25; k++) {
        StringBuilder variant = new StringBuilder(lines[0]);
        String previous = "";
        for (int n = 1; n < lines.length; n++) {
          String end = ends[random.nextInt(ends.length)];
          if (previous.equals("\r") && end.equals("\n") && lines[n - 1].isEmpty()) {
            // CR, an empty line, then LF would read as one CRLF: one line fewer.
            end = "\r";
          }
          variant.append(end).append(lines[n]);
          previous = end;
        }
        List<Artefact> actual = ArtefactInspector.inspectText("-", variant.toString()).artefacts();
        assertThat(actual).as("%s, variant %d", sample, k).isEqualTo(expected);
      }
    }
  }

  @Test
  void randomDamageToEverySampleGivesAResultOrATypedError() {
    SplittableRandom random = new SplittableRandom(SEED + 4);
    for (String sample : Samples.all()) {
      byte[] bytes = Samples.bytes(sample);
      for (int k = 0; k < 150; k++) {
        byte[] damaged = damage(bytes, random);
        inspectAndCheckContract(sample + " damaged #" + k, damaged);
        if (k % 5 == 0) {
          everyParser(sample + " damaged #" + k, damaged);
        }
      }
    }
    flushTraps();
  }

  @Test
  void binarySyslevelFilesCutOrDamagedAnywhereGiveAResultOrATypedError() {
    SplittableRandom random = new SplittableRandom(SEED + 5);
    List<byte[]> valid =
        List.of(
            SyslevelBytes.tcp43().build(),
            SyslevelBytes.os2Warp45().tableOffset(0x60).build(),
            SyslevelBytes.ecs12().typeAtFallback().trailing(40).build());
    byte[] interesting = {0x00, (byte) 0xff, 0x07, 'A', 0x25, (byte) 0x80, 0x7f, '_'};
    for (byte[] file : valid) {
      for (int n = 0; n <= file.length; n++) {
        syslevel("cut to " + n, Arrays.copyOf(file, n));
      }
      for (int at = 0; at < file.length; at++) {
        for (byte value : interesting) {
          byte[] changed = file.clone();
          changed[at] = value;
          syslevel("byte " + at + " set to " + value, changed);
        }
      }
    }
    for (int i = 0; i < 3000; i++) {
      byte[] header = SyslevelBytes.tcp43().build();
      byte[] input = Arrays.copyOf(header, random.nextInt(0x25, 400));
      for (int k = 0x25; k < input.length; k++) {
        input[k] = (byte) random.nextInt(256);
      }
      int table = random.nextInt(0, 420);
      input[0x21] = (byte) table;
      input[0x22] = (byte) (table >> 8);
      syslevel("random table #" + i, input);
    }
  }

  @Test
  void hostileLargeInputsAreReadInBoundedTime() {
    Map<String, Supplier<String>> hostile = new LinkedHashMap<>();
    int size = TextBlock.MAX_BYTES - 64;
    hostile.put("one long line", () -> "a".repeat(size));
    hostile.put("only line ends", () -> "\n".repeat(size));
    hostile.put("backslashes", () -> "C:\\".repeat(size / 3));
    hostile.put("long paths", () -> fill(size, "C:\\" + "d\\".repeat(900) + "SYSLEVEL.TCP\n"));
    hostile.put(
        "popuplog headers",
        () -> fill(size, "02-25-1999  10:58:35  SYS3175  PID 00b2  TID 0001  Slot 0068\n"));
    hostile.put(
        "trap lines", () -> fill(size, "TRAP 000e ERRCD=0002 " + "EAX=0 ".repeat(300) + "\n"));
    hostile.put("register soup", () -> fill(size, "EAX=".repeat(500) + "\n"));
    hostile.put("locations", () -> fill(size, "##0168:".repeat(280) + "\n"));
    hostile.put(
        "report headers", () -> fill(size, "Exception Report - created 2004/03/08 21:42:03\n"));
    hostile.put("rules", () -> fill(size, "_".repeat(70) + "\n"));
    hostile.put(
        "call stack",
        () ->
            "______\n Call Stack\n______\n"
                + fill(size - 40, " Trap  ->  1C04A1F4   " + "A".repeat(1000) + "\n"));
    hostile.put(
        "config", () -> fill(size, "SET PYTHONPATH=%PYTHONPATH%;" + "C:\\x;".repeat(300) + "\n"));
    hostile.put(
        "dir listing",
        () ->
            " Directory of C:\\\n"
                + fill(size - 20, " 3-08-04 9:12p 1 0 " + "x".repeat(1500) + ".pyd\n"));
    hostile.put("inetver", () -> fill(size, "A.SYS " + "1.".repeat(900) + "\n"));
    hostile.put(
        "crash frames",
        () ->
            "# A fatal error has been detected by the Java Runtime Environment:\nNative frames:\n"
                + fill(size - 100, "J 1 c2 " + "a ".repeat(900) + "\n"));
    hostile.put("hash lines", () -> fill(size, "#\n"));
    for (Map.Entry<String, Supplier<String>> e : hostile.entrySet()) {
      byte[] input = e.getValue().get().getBytes(StandardCharsets.ISO_8859_1);
      assertThat(input.length).as(e.getKey()).isLessThanOrEqualTo(TextBlock.MAX_BYTES);
      Inspection i =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20), () -> ArtefactInspector.inspect("-", input), e.getKey());
      assertThat(i.problems())
          .as(e.getKey())
          .noneSatisfy(p -> assertThat(p.reason()).isEqualTo(Reason.INTERNAL));
      assertThat(ReportJson.mapper().writeValueAsString(i)).as(e.getKey()).isNotEmpty();
    }
  }

  private void everyParser(String what, byte[] input) {
    for (Map.Entry<String, BytesParser> p : PARSERS.entrySet()) {
      Artefact result = null;
      ArtefactParseException refused = null;
      try {
        result = p.getValue().parse(input);
      } catch (ArtefactParseException e) {
        refused = e;
      } catch (RuntimeException | Error e) {
        fail(p.getKey() + " threw " + e + " for " + what + ": " + describe(input), e);
      }
      if (refused != null) {
        assertThat(refused.reason()).as("%s on %s", p.getKey(), what).isNotEqualTo(Reason.INTERNAL);
        assertThat(refused.offset().orElse(0))
            .as("%s on %s", p.getKey(), what)
            .isBetween(0L, (long) input.length);
        assertThat(refused.getMessage()).isNotBlank();
      } else {
        assertThat(result.summary()).as("%s on %s", p.getKey(), what).isNotNull();
        assertThat(ReportJson.mapper().writeValueAsString(result)).isNotEmpty();
        collect(result.traps());
      }
    }
    inspectAndCheckContract(what, input);
  }

  private void inspectAndCheckContract(String what, byte[] input) {
    Inspection i;
    try {
      i = ArtefactInspector.inspect("-", input);
    } catch (RuntimeException | Error e) {
      fail("the inspector threw " + e + " for " + what + ": " + describe(input), e);
      return;
    }
    assertThat(i.problems())
        .as("%s: %s", what, describe(input))
        .noneSatisfy(p -> assertThat(p.reason()).isEqualTo(Reason.INTERNAL));
    if (i.combined().environment() != null || !i.combined().traps().isEmpty()) {
      ContractCheck.assertValid(i.combined().environment(), i.combined().traps());
    }
  }

  private static void syslevel(String what, byte[] input) {
    SyslevelFile file;
    try {
      file = SyslevelFileParser.parse(input, "SYSLEVEL.TCP");
    } catch (ArtefactParseException e) {
      assertThat(e.reason()).as(what).isNotEqualTo(Reason.INTERNAL);
      if (e.reason() != Reason.EMPTY && e.reason() != Reason.TOO_LARGE) {
        // A problem inside a binary file is always placed at a byte.
        assertThat(e.offset()).as(what).isPresent();
        assertThat(e.offset().getAsLong()).as(what).isBetween(0L, (long) input.length);
      }
      return;
    } catch (RuntimeException | Error e) {
      fail("the SYSLEVEL parser threw " + e + " for " + what + ": " + describe(input), e);
      return;
    }
    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(file));
    ContractCheck.assertValid(f.environment(), f.traps());
  }

  private void collect(List<Trap> traps) {
    for (Trap t : traps) {
      pendingTraps.add(t);
      if (pendingTraps.size() == Trap.MAX_PER_REPORT) {
        flushTraps();
      }
    }
  }

  private void flushTraps() {
    if (!pendingTraps.isEmpty()) {
      ContractCheck.assertValid(null, List.copyOf(pendingTraps));
      pendingTraps.clear();
    }
  }

  private static byte[] damage(byte[] bytes, SplittableRandom random) {
    byte[] out = bytes.clone();
    int edits = random.nextInt(1, 6);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(4)) {
        case 0:
          out[at] = (byte) random.nextInt(256);
          break;
        case 1:
          out[at] = (byte) random.nextInt(0x20, 0x7f);
          break;
        case 2:
          {
            int len = random.nextInt(0, Math.min(64, out.length - at) + 1);
            byte[] shorter = new byte[out.length - len];
            System.arraycopy(out, 0, shorter, 0, at);
            System.arraycopy(out, at + len, shorter, at, out.length - at - len);
            out = shorter;
            break;
          }
        default:
          {
            int len = random.nextInt(0, Math.min(64, out.length - at) + 1);
            byte[] longer = new byte[out.length + len];
            System.arraycopy(out, 0, longer, 0, at + len);
            System.arraycopy(out, at, longer, at + len, out.length - at);
            out = longer;
            break;
          }
      }
    }
    return out;
  }

  private static String fill(int size, String unit) {
    StringBuilder s = new StringBuilder(size);
    while (s.length() + unit.length() <= size) {
      s.append(unit);
    }
    return s.toString();
  }

  private static String describe(byte[] input) {
    byte[] head = Arrays.copyOf(input, Math.min(input.length, 2048));
    return input.length + " bytes, base64 " + Base64.getEncoder().encodeToString(head);
  }
}
