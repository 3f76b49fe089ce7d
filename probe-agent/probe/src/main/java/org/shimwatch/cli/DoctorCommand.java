package org.shimwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.assemble.LinuxRunEvidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.assemble.SelfTestEvidence;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Source;
import org.shimwatch.shim.NativeShim;
import org.shimwatch.shim.NativeShimLoader;
import org.shimwatch.shim.SelfTestBattery;
import org.shimwatch.shim.SelfTestInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;

/**
 * {@code shimwatch doctor}: runs the stack self-tests through the shim, printing a line per check
 * as it finishes and a summary; with {@code --send} the results go to the server as a level-2
 * report.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the stack self-tests through the shim: readiness, timeout accuracy, non-blocking"
          + " connect, many descriptors, descriptors above FD_SETSIZE, select() on files, pipes"
          + " and ttys, sockets across fork(), EINTR, and a BitTorrent-like stress. Prints a line"
          + " per check as it goes (at most 15 s in all) and a summary.",
      "Nothing is sent unless you add --send, and then only at consent level 2 or more."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every check passed, met a known limitation of the shim, or was skipped",
      "1:the results could not be queued or sent",
      "2:bad flags, or a config or consent file that cannot be used",
      "3:--send at a consent level below 2: nothing was sent",
      "4:--send: queued, but not sent yet (retried later; shimwatch status says why)",
      "5:at least one check failed"
    })
final class DoctorCommand implements Callable<Integer> {

  /** A check failed: the stack or the shim misbehaves here. */
  static final int CHECK_FAILED = 5;

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(
      names = "--send",
      description = "queue and send the results as a report (needs consent level 2 or more)")
  boolean send;

  @Option(names = "--json", description = "print the results as JSON on standard output")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = cli.spec.commandLine().getOut();
    PrintWriter err = cli.spec.commandLine().getErr();
    // Progress goes where it does not mix with JSON output.
    PrintWriter progress = json ? err : out;
    NativeShim shim = NativeShimLoader.load();
    if (!shim.isLoaded()) {
      err.println("shimwatch: the shim library could not be loaded here; every check is skipped");
    }
    SelfTestBattery battery = new SelfTestBattery(shim);
    progress.printf(
        "Running %d stack self-tests through the shim %s (at most %d s):%n",
        battery.tests().size(),
        shim.version().orElse("(not loaded)"),
        SelfTestBattery.DEFAULT_DEADLINE.toSeconds());
    progress.flush();
    List<SelfTestResult> results = new ArrayList<>();
    battery.run(
        (SelfTestInfo test, String resultJson, int index, int count) -> {
          SelfTestResult r = parse(test, resultJson);
          results.add(r);
          progress.printf(
              "  [%d/%d] %-22s %-16s %s%n",
              index + 1, count, r.id(), wire(r.result()), r.summary() == null ? "" : r.summary());
          progress.flush();
        });

    Map<SelfTestResult.Result, Integer> counts = new EnumMap<>(SelfTestResult.Result.class);
    results.forEach(r -> counts.merge(r.result(), 1, Integer::sum));
    progress.printf(
        "%d passed, %d failed, %d known limitations, %d skipped%n",
        counts.getOrDefault(SelfTestResult.Result.PASS, 0),
        counts.getOrDefault(SelfTestResult.Result.FAIL, 0),
        counts.getOrDefault(SelfTestResult.Result.KNOWN_LIMITATION, 0),
        counts.getOrDefault(SelfTestResult.Result.SKIPPED, 0));
    if (json) {
      out.println(ReportJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }
    out.flush();

    int status =
        counts.getOrDefault(SelfTestResult.Result.FAIL, 0) > 0 ? CHECK_FAILED : ExitCodes.OK;
    if (!send) {
      return status;
    }
    Probe probe = cli.probe(server);
    ConsentGate gate = ShimwatchCli.gate(probe);
    if (!gate.allowsMetrics()) {
      err.println(
          "shimwatch: self-test results are sent at consent level 2 or more; the level is "
              + gate.level().number()
              + ", so nothing was sent (shimwatch consent --help)");
      return ExitCodes.NO_CONSENT;
    }
    String version = ShimwatchCli.class.getPackage().getImplementationVersion();
    Environment.Client client =
        new Environment.Client("shimwatch-doctor", version == null ? null : version);
    LinuxRunEvidence machine =
        new LinuxRunEvidence(
            probe.linux(),
            client,
            probe.linux().glibcRuntime(),
            Environment.InstallMode.UNKNOWN,
            () -> shim.version().orElse(null),
            null,
            LinuxRunEvidence.SpoolOwner.USER,
            null);
    Reporting.queue(
        probe,
        gate,
        new ReportAssembler.Subject(Source.CLI, Outcome.UNKNOWN, null, null),
        new SelfTestEvidence(machine, results),
        err);
    int sent = Reporting.send(probe, gate, err);
    return sent != ExitCodes.OK ? sent : status;
  }

  /** The check's result as the contract has it; a result that cannot be read counts as skipped. */
  private static SelfTestResult parse(SelfTestInfo test, String resultJson) {
    try {
      return ReportJson.mapper().readValue(resultJson, SelfTestResult.class);
    } catch (JacksonException e) {
      return new SelfTestResult(
          test.id(),
          SelfTestResult.Result.SKIPPED,
          "the check's result could not be read: " + e.getOriginalMessage(),
          null,
          null);
    }
  }

  private static String wire(SelfTestResult.Result r) {
    return ReportJson.mapper().valueToTree(r).asString();
  }
}
