package org.shimwatch.probe.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shimwatch.privacy.Scrubber;

/**
 * The Python probe scrubs as the Java probe and the server do: every string of the scrubber's
 * labelled corpus ({@code privacy/scrubber-corpus.tsv} from the contract's test jar) goes through
 * {@code shimwatch_probe.Scrubber} under python3 and under Jython 2.7 (a Python 2 runtime, like
 * OS/2's), with the corpus's local names and with none, and must come out as Java's {@link
 * Scrubber} makes it.
 */
class ScrubberCrossCheckIntegrationTests {

  private static final Pattern MARK = Pattern.compile("\\[\\[(\\w+)(\\*?):(.*?)]]");

  private static final String DRIVER =
      String.join(
          "\n",
          "import sys",
          "sys.path.insert(0, sys.argv[1])",
          "import shimwatch_probe",
          "probe = shimwatch_probe.Scrubber(['jdoe'], ['vm.example.net'], ['John Doe'])",
          "server = shimwatch_probe.Scrubber([], [])",
          "f = open(sys.argv[2], 'rb')",
          "lines = f.read().decode('ascii').split('\\n')",
          "f.close()",
          "out = open(sys.argv[3], 'wb')",
          "for l in lines:",
          "    if l:",
          "        out.write((probe.scrub(l) + '\\t' + server.scrub(l) + '\\n').encode('ascii'))",
          "out.close()",
          "");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"python3", "jython"})
  void everyCorpusStringIsScrubbedAsJavaScrubsIt(String runtime) throws Exception {
    PythonRuntime python =
        runtime.equals("python3") ? PythonRuntime.python3() : PythonRuntime.jython();
    List<String> inputs = corpusInputs();
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(300);
    try (InputStream in = getClass().getResourceAsStream(ProbeHome.PROBE_RESOURCE)) {
      Files.write(dir.resolve("shimwatch_probe.py"), in.readAllBytes());
    }
    Files.writeString(dir.resolve("driver.py"), DRIVER, StandardCharsets.US_ASCII);
    Files.writeString(
        dir.resolve("in.txt"), String.join("\n", inputs) + "\n", StandardCharsets.US_ASCII);
    List<String> command = new ArrayList<>(python.command());
    command.add(dir.resolve("driver.py").toString());
    command.add(dir.toString());
    command.add(dir.resolve("in.txt").toString());
    command.add(dir.resolve("out.txt").toString());

    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log.txt").toFile())
            .start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();

    List<String> out = Files.readAllLines(dir.resolve("out.txt"), StandardCharsets.US_ASCII);
    assertThat(out).hasSameSizeAs(inputs);
    Scrubber probe =
        Scrubber.withNames(List.of("jdoe"), List.of("vm.example.net"), List.of("John Doe"));
    Scrubber server = Scrubber.generic();
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String want = probe.scrub(inputs.get(i)) + "\t" + server.scrub(inputs.get(i));
      if (!out.get(i).equals(want)) {
        differ.add(inputs.get(i) + "\n  java   " + want + "\n  python " + out.get(i));
      }
    }
    assertThat(differ).as(python.name()).isEmpty();
  }

  private static List<String> corpusInputs() throws Exception {
    String text;
    try (InputStream in =
        ScrubberCrossCheckIntegrationTests.class.getResourceAsStream(
            "/privacy/scrubber-corpus.tsv")) {
      assertThat(in).as("the contract's test jar holds the corpus").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> inputs = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String marked = line.substring(line.indexOf('\t') + 1);
      inputs.add(MARK.matcher(marked).replaceAll(m -> Matcher.quoteReplacement(m.group(3))));
    }
    return inputs;
  }
}
