package org.shimwatch.web.matrix;

import com.fasterxml.jackson.annotation.JsonValue;

/** The matrix's verdict on a cell, shown as its label. */
public enum Tier {
  WORKS("works"),
  MOSTLY_WORKS("mostly works"),
  BROKEN("broken"),
  NOT_ENOUGH_DATA("not enough data");

  private final String label;

  Tier(String label) {
    this.label = label;
  }

  /** What the matrix shows: {@code works}, {@code mostly works}, ... */
  @JsonValue
  public String label() {
    return label;
  }
}
