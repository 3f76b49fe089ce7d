package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reduces OS/2 directory paths to what the shim's install analysis needs and no more. Paths can
 * name users ({@code D:\HOME\ALICE\PYTHON}), so no full path is kept: a directory inside the Python
 * tree becomes relative to {@code %PYTHONHOME%} ({@code %PYTHONHOME%\Lib\lib-dynload}), any other
 * directory keeps only its last component ({@code ...\exp-dynload}).
 */
public final class Os2Paths {

  /** How a directory inside the Python tree is written. */
  public static final String PYTHONHOME = "%PYTHONHOME%";

  /** Prefix of a directory reduced to its last component. */
  public static final String ELIDED = "...\\";

  private Os2Paths() {}

  /**
   * The reduced form of a directory.
   *
   * <p>The Python tree is found from {@code pythonHome} when given; otherwise from the last {@code
   * Lib} component, since EMX Python's tree is {@code %PYTHONHOME%\Lib\...}.
   *
   * @param path a directory as written (drive letters, either slash, quotes and {@code
   *     %PYTHONHOME%} allowed)
   * @param pythonHome the value of {@code PYTHONHOME} when known, else {@code null}
   * @return the reduced directory, or {@code null} when {@code path} is blank
   */
  public static String reduce(String path, String pythonHome) {
    String p = normalize(path);
    if (p == null) {
      return null;
    }
    if (p.equals(".") || p.equals("..")) {
      return p;
    }
    String upper = p.toUpperCase(Locale.ROOT);
    if (upper.startsWith(PYTHONHOME)) {
      return PYTHONHOME + p.substring(PYTHONHOME.length());
    }
    String home = normalize(pythonHome);
    if (home != null && !home.isEmpty()) {
      if (p.equalsIgnoreCase(home)) {
        return PYTHONHOME;
      }
      if (upper.startsWith(home.toUpperCase(Locale.ROOT) + "\\")) {
        return PYTHONHOME + p.substring(home.length());
      }
    }
    List<String> parts = components(p);
    if (parts.isEmpty()) {
      return "\\";
    }
    for (int i = parts.size() - 1; i >= 0; i--) {
      if (parts.get(i).equalsIgnoreCase("Lib")) {
        return PYTHONHOME + "\\" + String.join("\\", parts.subList(i, parts.size()));
      }
    }
    return ELIDED + parts.get(parts.size() - 1);
  }

  /**
   * A directory reduced to its last component whatever it is ({@code C:\OS2\DLL} gives {@code
   * ...\DLL}, a root gives {@code \}), for directories that need no more than that.
   */
  public static String elide(String path) {
    String p = normalize(path);
    if (p == null) {
      return null;
    }
    if (p.equals(".") || p.equals("..")) {
      return p;
    }
    List<String> parts = components(p);
    return parts.isEmpty() ? "\\" : ELIDED + parts.get(parts.size() - 1);
  }

  /** The last component of a (reduced or raw) directory, e.g. {@code lib-dynload}. */
  public static String lastComponent(String path) {
    String p = normalize(path);
    if (p == null) {
      return "";
    }
    int cut = p.lastIndexOf('\\');
    return p.substring(cut + 1);
  }

  /**
   * Whether two reduced directories are the same. A directory reduced to its last component matches
   * any directory with that last component: the best that can be said without full paths.
   */
  public static boolean sameDirectory(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.equalsIgnoreCase(b)) {
      return true;
    }
    if (a.startsWith(ELIDED) || b.startsWith(ELIDED)) {
      return lastComponent(a).equalsIgnoreCase(lastComponent(b));
    }
    return false;
  }

  /** Whether a directory is Python's {@code lib-dynload}, where the stock modules live. */
  public static boolean isLibDynload(String path) {
    return lastComponent(path).equalsIgnoreCase("lib-dynload");
  }

  /** Whether a raw directory ends with {@code parent\name}, e.g. {@code MPTN\DLL}. */
  public static boolean endsWith(String path, String parent, String name) {
    List<String> parts = components(normalize(path));
    int n = parts.size();
    return n >= 2
        && parts.get(n - 2).equalsIgnoreCase(parent)
        && parts.get(n - 1).equalsIgnoreCase(name);
  }

  /** The directory part of a path to a file, or {@code null} when there is none. */
  public static String parentOf(String filePath) {
    String p = normalize(filePath);
    if (p == null) {
      return null;
    }
    int cut = p.lastIndexOf('\\');
    return cut <= 0 ? null : p.substring(0, cut);
  }

  private static String normalize(String path) {
    if (path == null) {
      return null;
    }
    String p = path.strip();
    if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
      p = p.substring(1, p.length() - 1).strip();
    }
    if (p.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder(p.length());
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i) == '/' ? '\\' : p.charAt(i);
      if (c == '\\' && out.length() > 0 && out.charAt(out.length() - 1) == '\\') {
        continue;
      }
      out.append(c);
    }
    while (out.length() > 1 && out.charAt(out.length() - 1) == '\\') {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  private static List<String> components(String p) {
    List<String> out = new ArrayList<>();
    if (p == null) {
      return out;
    }
    String rest = p;
    if (rest.length() >= 2 && rest.charAt(1) == ':') {
      rest = rest.substring(2);
    }
    for (String part : rest.split("\\\\")) {
      if (!part.isEmpty() && !part.equals(".")) {
        out.add(part);
      }
    }
    return out;
  }
}
