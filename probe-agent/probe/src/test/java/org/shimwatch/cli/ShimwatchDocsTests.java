package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.testing.MissingPart;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The manual page and completions say what the commands' own help says. */
class ShimwatchDocsTests {

  @TempDir Path tmp;

  @Test
  void theManualPageHasEveryCommandEveryOptionAndEachExitStatus() {
    CommandLine cl = ShimwatchDocs.commandLine();
    String man = ShimwatchDocs.manPage(cl, "9.8.7");

    assertThat(man).startsWith(".\\\"").contains(".TH SHIMWATCH 1 \"\" \"shimwatch 9.8.7\"");
    assertThat(man).doesNotContain("finish\\-run");
    for (String command :
        List.of(
            "run", "consent", "preview", "submit", "status", "history", "forget", "inspect",
            "doctor")) {
      CommandLine sub = cl.getSubcommands().get(command);
      assertThat(man).contains(".SS \"shimwatch " + command);
      for (OptionSpec o : sub.getCommandSpec().options()) {
        assertThat(man).contains("\\fB" + ShimwatchDocs.escape(o.longestName()) + "\\fR");
      }
      for (String status : sub.getCommandSpec().usageMessage().exitCodeList().keySet()) {
        assertThat(man).contains(".B " + ShimwatchDocs.escape(status.strip()) + "\n");
      }
    }
    assertThat(man).contains(".SH ENVIRONMENT").contains("DO_NOT_TRACK").contains(".SH FILES");
    // No text line may start a roff request by accident.
    for (String line : man.split("\n")) {
      if (line.startsWith(".") || line.startsWith("'")) {
        assertThat(line).matches("\\.(\\\\\"|TH|SH|SS|TP|PP|B|I|br)( .*)?");
      }
    }
  }

  @Test
  void groffRendersItWithoutWarnings() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/groff"))) {
      MissingPart.skipOrFail("this test needs groff (Debian package groff-base)");
    }
    Path page = tmp.resolve("shimwatch.1");
    Files.writeString(page, ShimwatchDocs.manPage(ShimwatchDocs.commandLine(), "1.0.0"));
    Process p =
        new ProcessBuilder("/usr/bin/groff", "-man", "-Tutf8", "-ww", page.toString())
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String warnings = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(warnings).isEmpty();
    assertThat(text).contains("shimwatch run").contains("--outcome");
  }

  @Test
  void theCompletionsOfferTheCommands() throws Exception {
    ShimwatchDocs.main(new String[] {tmp.toString(), "1.0.0"});

    String bash = Files.readString(tmp.resolve("shimwatch.bash"));
    assertThat(bash)
        .contains("complete -F _complete_shimwatch")
        .contains("consent")
        .doesNotContain("finish-run");
    assertThat(Files.readString(tmp.resolve("_shimwatch")))
        .startsWith("#compdef shimwatch\n")
        .contains("bashcompinit")
        .contains(bash);
    assertThat(tmp.resolve("shimwatch.1")).isRegularFile();
  }
}
