package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * The banner Python prints when its interpreter starts ({@code python} with no arguments), which
 * names the Python version, its build, the compiler and the platform.
 *
 * @param version the Python version, e.g. {@code 2.3.3} or {@code 2.7.6}
 * @param build what the parentheses hold, e.g. {@code #0, Dec 20 2003, 16:54:12}
 * @param compiler the compiler in brackets, e.g. {@code EMX GCC 2.8.1}, when shown
 * @param platform {@code sys.platform}, e.g. {@code os2emx} or {@code os2knix}, when shown
 * @param notes what the parser noticed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PythonBanner(
    String version, String build, String compiler, String platform, List<Note> notes)
    implements Artefact {

  public PythonBanner {
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.PYTHON_BANNER;
  }

  /**
   * The runtime's name as reports carry it: "EMX Python" on {@code os2emx}, "kLIBC Python" on
   * {@code os2knix} (the later ports built with kLIBC), "Python" elsewhere.
   */
  public String runtimeName() {
    if ("os2emx".equals(platform)) {
      return "EMX Python";
    }
    if ("os2knix".equals(platform)) {
      return "kLIBC Python";
    }
    return "Python";
  }

  @Override
  public List<String> summary() {
    return List.of(
        runtimeName()
            + " "
            + version
            + (compiler != null ? ", built with " + compiler : "")
            + (platform != null ? ", on " + platform : ""));
  }
}
