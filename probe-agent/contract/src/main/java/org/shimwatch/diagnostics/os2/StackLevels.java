package org.shimwatch.diagnostics.os2;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What IBM's service levels say about the TCP/IP stack, from the published table of minimum MPTS
 * levels per TCP/IP level (see {@code fixtures/os2/README.md}).
 *
 * <p>A CSD level is seven characters: two letters for the product ({@code XR} OS/2 base, {@code WR}
 * MPTS, {@code UN} TCP/IP), one for the country ({@code 0} = US), then four for the level. The
 * mapping from {@code UN} levels to stack versions is inferred from that table, so callers keep the
 * raw level next to any version derived here.
 */
public final class StackLevels {

  /** TCP/IP stack versions, oldest first, as the contract writes them. */
  public static final String V4_0 = "4.0";

  /** The first 32-bit stack (MPTS 5.3). */
  public static final String V4_1 = "4.1";

  /** The first stack the shim works with. */
  public static final String V4_21 = "4.21";

  /** TCP/IP 4.3 (MPTS 6.0). */
  public static final String V4_3 = "4.3";

  /** The oldest stack the shim needs: the first with the native 32-bit sockets in TCPIP32.DLL. */
  public static final String MINIMUM_FOR_SHIM = V4_21;

  private static final Pattern CSD = Pattern.compile("([A-Z]{2})([0-9A-Z_])([0-9A-Z_]{4})");
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,4}){0,3}");

  private StackLevels() {}

  /** Whether {@code level} looks like a CSD level, e.g. {@code UN02200} or {@code XR0M006}. */
  public static boolean isCsdLevel(String level) {
    return level != null && CSD.matcher(level.toUpperCase(Locale.ROOT)).matches();
  }

  /** The product letters of a CSD level ({@code UN}, {@code WR}, {@code XR}), or {@code ""}. */
  public static String product(String level) {
    return isCsdLevel(level) ? level.substring(0, 2).toUpperCase(Locale.ROOT) : "";
  }

  /** The numeric level of a CSD level ({@code 2200} for {@code UN02200}), or -1. */
  public static int number(String level) {
    if (!isCsdLevel(level)) {
      return -1;
    }
    String digits = level.substring(3);
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(digits);
  }

  /**
   * The TCP/IP version a {@code UN} CSD level implies: below 1000 predates the first 32-bit stack
   * and is read as 4.0; 1000 to 1999 is 4.1 (MPTS WR*8600); 2000 to 2199 is 4.21 (WR*8620); 2200
   * and up is 4.3 (WR*8700 and later). {@code null} for anything else.
   */
  public static String tcpipVersionOf(String unLevel) {
    if (!product(unLevel).equals("UN")) {
      return null;
    }
    int n = number(unLevel);
    if (n < 0) {
      return null;
    }
    if (n < 1000) {
      return V4_0;
    }
    if (n < 2000) {
      return V4_1;
    }
    if (n < 2200) {
      return V4_21;
    }
    return V4_3;
  }

  /**
   * The lowest MPTS level ({@code WR} number) the published table asks for with this TCP/IP level,
   * or -1 when the table does not say.
   */
  public static int minimumMptsFor(String unLevel) {
    if (!product(unLevel).equals("UN")) {
      return -1;
    }
    int n = number(unLevel);
    if (n >= 2205) {
      return 8705;
    }
    if (n >= 2200) {
      return 8700;
    }
    if (n >= 2001) {
      return 8620;
    }
    if (n >= 1000) {
      return 8600;
    }
    return -1;
  }

  /**
   * Whether an MPTS ({@code WR}) level carries a 32-bit stack: MPTS 5.3 (WR*8600) and later do;
   * MPTS 5.2 and older carry the 16-bit stack, with no TCPIP32.DLL. {@code null} when unknown.
   */
  public static Boolean mptsHas32BitStack(String wrLevel) {
    if (!product(wrLevel).equals("WR")) {
      return null;
    }
    int n = number(wrLevel);
    return n < 0 ? null : n >= 8600;
  }

  /**
   * A stack version as a SYSLEVEL file shows it, in the contract's form: {@code 4.30} gives {@code
   * 4.3}, {@code 4.00} gives {@code 4.0}, {@code 4.21} stays. {@code null} when not a version.
   */
  public static String stackVersion(String syslevelVersion) {
    if (syslevelVersion == null || !VERSION.matcher(syslevelVersion).matches()) {
      return null;
    }
    String v = syslevelVersion;
    int dot = v.indexOf('.');
    if (dot > 0 && v.length() - dot - 1 == 2 && v.endsWith("0")) {
      v = v.substring(0, v.length() - 1);
    }
    return v;
  }

  /**
   * Compares two dotted versions as decimals ({@code 4.3} is above {@code 4.21}), the way stack
   * versions are written; non-numeric versions compare as equal.
   */
  public static int compare(String a, String b) {
    if (a == null || b == null || !VERSION.matcher(a).matches() || !VERSION.matcher(b).matches()) {
      return 0;
    }
    return decimal(a).compareTo(decimal(b));
  }

  private static BigDecimal decimal(String v) {
    int first = v.indexOf('.');
    if (first < 0) {
      return new BigDecimal(v);
    }
    int second = v.indexOf('.', first + 1);
    return new BigDecimal(second < 0 ? v : v.substring(0, second));
  }
}
