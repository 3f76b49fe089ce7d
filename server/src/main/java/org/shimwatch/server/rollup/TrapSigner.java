package org.shimwatch.server.rollup;

/** Computes the group signature of a trap; the trap groups feature provides it. */
public interface TrapSigner {

  /**
   * The signature of a trap of a report from this OS family.
   *
   * @param trap the trap (its own signature is ignored)
   * @param osFamily the report's OS family, e.g. {@code os2}
   */
  String sign(TrapRow trap, String osFamily);
}
