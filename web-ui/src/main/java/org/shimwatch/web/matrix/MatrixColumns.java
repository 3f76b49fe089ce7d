package org.shimwatch.web.matrix;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What the matrix's columns are: client versions, or shim versions. */
public enum MatrixColumns {
  CLIENT("client"),
  SHIM("shim");

  private final String wireName;

  MatrixColumns(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The columns named {@code client} or {@code shim} (any case), or empty. */
  public static Optional<MatrixColumns> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (MatrixColumns c : values()) {
      if (c.wireName.equals(n)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
