package org.shimwatch.server.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shimwatch.diagnostics.DiagnosticsFold;
import org.shimwatch.diagnostics.os2.StackLevels;
import org.shimwatch.report.Environment;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.web.check.CheckAnswer.Prerequisite;

/**
 * The prerequisites the OS/2 shim's readme names, each judged against a setup: TCP/IP 4.21 or later
 * with {@code TCPIP32.DLL} in {@code %ETC%\DLL}, the NEWSTACK updates, EMX Python 2.3.2 or 2.3.3,
 * BitTorrent 3.3 or later. They concern OS/2 only; other systems get none.
 */
final class Prerequisites {

  static final String MET = "met";
  static final String NOT_MET = "not-met";
  static final String UNKNOWN = "unknown";

  private Prerequisites() {}

  static List<Prerequisite> of(CheckedSetup setup) {
    Environment env = setup.environment();
    if (!"os2".equals(env.os().family())) {
      return List.of();
    }
    List<Prerequisite> out = new ArrayList<>();
    Environment.Stack stack = env.stack();
    String version = stack == null ? null : stack.version();
    boolean versionKnown = version != null && !version.isBlank();
    boolean recentEnough =
        versionKnown && StackLevels.compare(version, StackLevels.MINIMUM_FOR_SHIM) >= 0;
    out.add(
        new Prerequisite(
            "TCP/IP 4.21 or later",
            !versionKnown ? UNKNOWN : recentEnough ? MET : NOT_MET,
            !versionKnown
                ? "the stack's version is not known: paste syslevel (SYSLEVEL.TCP) or inetver"
                : "this is TCP/IP " + version));

    Boolean tcpip32 = null;
    if (stack != null && stack.components() != null) {
      for (Environment.Component c : stack.components()) {
        if (c.name().equalsIgnoreCase(DiagnosticsFold.TCPIP32) && c.present() != null) {
          tcpip32 = c.present();
        }
      }
    }
    String tcpip32Status;
    String tcpip32Detail;
    if (tcpip32 != null) {
      tcpip32Status = tcpip32 ? MET : NOT_MET;
      tcpip32Detail =
          tcpip32
              ? "TCPIP32.DLL is there"
              : "TCPIP32.DLL is missing: the readme says the shim will not work without it";
    } else if (versionKnown && StackLevels.compare(version, StackLevels.V4_1) < 0) {
      tcpip32Status = NOT_MET;
      tcpip32Detail = "TCP/IP " + version + " is the 16-bit stack, which has no TCPIP32.DLL";
    } else if (recentEnough) {
      tcpip32Status = MET;
      tcpip32Detail = "TCP/IP " + version + " is a 32-bit stack, which carries it";
    } else {
      tcpip32Status = UNKNOWN;
      tcpip32Detail = "look for TCPIP32.DLL in %ETC%\\DLL, or paste a file listing of it";
    }
    out.add(new Prerequisite("TCPIP32.DLL in %ETC%\\DLL", tcpip32Status, tcpip32Detail));

    boolean anyFix = env.fixes() != null && !env.fixes().isEmpty();
    boolean newstack = setup.group().newstack();
    out.add(
        new Prerequisite(
            "TCP/IP updates from NEWSTACK.ZIP",
            newstack ? MET : anyFix ? NOT_MET : UNKNOWN,
            newstack
                ? "a NEWSTACK update is in"
                : anyFix
                    ? "none of the fixes given is a NEWSTACK update"
                    : "no fixes given: name NEWSTACK among the fixes if it is installed"));

    Environment.Runtime runtime = env.runtime();
    boolean python = runtime != null && runtime.name().toLowerCase(Locale.ROOT).contains("python");
    String pv = python ? runtime.version() : null;
    out.add(
        new Prerequisite(
            "EMX Python 2.3.2 or 2.3.3",
            pv == null ? UNKNOWN : pv.equals("2.3.2") || pv.equals("2.3.3") ? MET : NOT_MET,
            pv == null ? "the Python version is not known" : "this is Python " + pv));

    Environment.Client client = env.client();
    if (client != null && client.name().toLowerCase(Locale.ROOT).contains("bittorrent")) {
      String cv = client.version();
      out.add(
          new Prerequisite(
              "BitTorrent 3.3 or later",
              cv == null ? UNKNOWN : Versions.atLeast(cv, "3.3") ? MET : NOT_MET,
              cv == null ? "the BitTorrent version is not known" : "this is BitTorrent " + cv));
    }
    return out;
  }
}
