package org.shimwatch.web.advice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The advice form as posted: every field as text, checked by {@link #check()}.
 *
 * @param title the title
 * @param body the text
 * @param stackName the stack's name
 * @param stackFrom lowest stack version
 * @param stackTo highest stack version
 * @param fix a fix ({@code kind:id} or the id)
 * @param fixState {@code installed} or {@code missing}
 * @param installMode an install mode of the contract
 * @param trapGroup a trap group's number
 * @param shimFrom lowest shim version
 * @param shimTo highest shim version
 * @param fixedIn the shim version that fixes it
 */
public record AdviceForm(
    String title,
    String body,
    String stackName,
    String stackFrom,
    String stackTo,
    String fix,
    String fixState,
    String installMode,
    String trapGroup,
    String shimFrom,
    String shimTo,
    String fixedIn) {

  /** Longest title. */
  public static final int MAX_TITLE = 200;

  /** The contract's version pattern. */
  static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~:-]{0,63}");

  /** A stack name: the contract's name characters, short. */
  static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N} ._+()/:,#'&-]{0,127}");

  /** A fix as the matrix names it: {@code kind:id} or the id. */
  static final Pattern FIX =
      Pattern.compile("([a-z]{1,16}:)?[\\p{L}\\p{N}_][\\p{L}\\p{N} ._+()/,#'&-]{0,110}");

  /** An empty form, for a new entry. */
  public static AdviceForm blank() {
    return new AdviceForm(
        null, null, null, null, null, null, "installed", null, null, null, null, null);
  }

  /** The form filled from a stored entry. */
  public static AdviceForm of(AdviceView a) {
    AppliesTo t = a.appliesTo();
    return new AdviceForm(
        a.title(),
        a.body(),
        t.stackName(),
        t.stackFrom(),
        t.stackTo(),
        t.fix(),
        Boolean.FALSE.equals(t.fixPresent()) ? "missing" : "installed",
        t.installMode(),
        t.trapGroupId() == null ? null : t.trapGroupId().toString(),
        t.shimFrom(),
        t.shimTo(),
        a.fixedIn());
  }

  /** A form with a trap group chosen, for "write advice for this group". */
  public static AdviceForm forTrapGroup(long id) {
    AdviceForm b = blank();
    return new AdviceForm(
        null,
        null,
        null,
        null,
        null,
        null,
        b.fixState(),
        null,
        Long.toString(id),
        null,
        null,
        null);
  }

  /**
   * The outcome of checking a form.
   *
   * @param draft the entry, when the form is good
   * @param errors a message per field name (and {@code appliesTo} for the whole), empty when good
   */
  public record Checked(AdviceDraft draft, Map<String, String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Checks every field; a bad one gets a message saying what is wanted. */
  public Checked check() {
    Map<String, String> errors = new LinkedHashMap<>();
    String t = trim(title);
    if (t == null) {
      errors.put("title", "Give the advice a title.");
    } else if (t.length() > MAX_TITLE || t.chars().anyMatch(Character::isISOControl)) {
      errors.put("title", "A title is one line of at most " + MAX_TITLE + " characters.");
    }
    String b = body == null ? null : body.replace("\r\n", "\n").strip();
    if (b == null || b.isEmpty()) {
      errors.put("body", "Write the workaround or what is known.");
    } else if (b.length() > AdviceMarkdown.MAX_LENGTH) {
      errors.put(
          "body",
          "The text is "
              + b.length()
              + " characters long; at most "
              + AdviceMarkdown.MAX_LENGTH
              + " are kept.");
    } else if (b.chars().anyMatch(c -> c != '\n' && c != '\t' && Character.isISOControl(c))) {
      errors.put("body", "The text holds control characters; write plain text.");
    }
    String sn =
        pattern(
            errors,
            "stackName",
            stackName,
            NAME,
            "A stack name is letters, digits and . _ + - ( ) / : , # ' & (at most 128), e.g. os2-tcpip.");
    String sf = version(errors, "stackFrom", stackFrom);
    String st = version(errors, "stackTo", stackTo);
    String fx =
        pattern(
            errors,
            "fix",
            fix,
            FIX,
            "Name a fix as the matrix does, kind:id or the id alone, e.g. csd:UN02200 or UN02200.");
    Boolean present = null;
    if (fx != null) {
      String s = trim(fixState);
      if (s == null || s.equals("installed")) {
        present = true;
      } else if (s.equals("missing")) {
        present = false;
      } else {
        errors.put("fixState", "Choose whether the fix is installed or missing.");
      }
    }
    String im = trim(installMode);
    if (im != null && !AppliesTo.INSTALL_MODES.contains(im)) {
      errors.put("installMode", "Choose one of the install modes listed.");
    }
    Long group = null;
    String g = trim(trapGroup);
    if (g != null) {
      if (g.startsWith("#")) {
        g = g.substring(1);
      }
      try {
        group = Long.parseLong(g);
        if (group <= 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        errors.put("trapGroup", "A trap group is named by its number, as in its page's address.");
      }
    }
    String shf = version(errors, "shimFrom", shimFrom);
    String sht = version(errors, "shimTo", shimTo);
    String fi = version(errors, "fixedIn", fixedIn);
    AppliesTo applies = new AppliesTo(sn, sf, st, fx, present, im, group, shf, sht);
    if (errors.isEmpty() && applies.isEmpty()) {
      errors.put(
          "appliesTo",
          "Say what the advice applies to: a stack, a fix, an install mode, a trap group or shim"
              + " versions.");
    }
    return new Checked(errors.isEmpty() ? new AdviceDraft(t, b, applies, fi) : null, errors);
  }

  private static String version(Map<String, String> errors, String field, String value) {
    return pattern(
        errors,
        field,
        value,
        VERSION,
        "A version is 1 to 64 letters, digits and . _ + ~ : - starting with a letter or digit, e.g."
            + " 4.21 or 0.2.0.");
  }

  private static String pattern(
      Map<String, String> errors, String field, String value, Pattern p, String message) {
    String v = trim(value);
    if (v != null && !p.matcher(v).matches()) {
      errors.put(field, message);
      return null;
    }
    return v;
  }

  private static String trim(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
