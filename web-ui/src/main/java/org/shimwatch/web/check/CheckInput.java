package org.shimwatch.web.check;

/**
 * What a visitor gives: pasted artefacts, or a platform, stack and fixes picked, or (from {@code
 * shimwatch check}) the probe's own reading of the machine as a contract environment. Picked values
 * override what the paste says.
 *
 * @param pasted {@code syslevel}, {@code inetver}, {@code ver} output, CONFIG.SYS lines, a file
 *     listing of the Python folder, ... as one text; may be {@code null}
 * @param platform a platform as the matrix names it ({@code eComStation 1.1}), or {@code null}
 * @param stack a stack as the matrix names it ({@code os2-tcpip 4.3} or {@code 4.3}), or {@code
 *     null}
 * @param fixes fixes separated by commas or spaces ({@code UN02200 NEWSTACK}), or {@code null}
 * @param client the network client's name, or {@code null}
 * @param clientVersion its version, or {@code null}
 * @param environmentJson the contract's {@code environment} object as JSON, or {@code null}
 */
public record CheckInput(
    String pasted,
    String platform,
    String stack,
    String fixes,
    String client,
    String clientVersion,
    String environmentJson) {

  /** Whether the visitor gave anything to check. */
  public boolean isEmpty() {
    return blank(pasted)
        && blank(platform)
        && blank(stack)
        && blank(fixes)
        && blank(environmentJson);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
