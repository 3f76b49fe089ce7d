package org.shimwatch.server.check;

import java.util.List;
import org.shimwatch.web.check.CheckAdvice;

/**
 * Where the check answer's advice comes from: every bean of this type is asked, in order, and what
 * they return is shown. With none, the answer's advice list is empty.
 */
public interface CheckAdviceSource {

  /**
   * Advice for a setup.
   *
   * @param project the project asked about
   * @param setup the setup as read
   * @param rowKey the key of its matrix row (whether or not the row has reports)
   */
  List<CheckAdvice> adviceFor(String project, CheckedSetup setup, String rowKey);
}
