package org.shimwatch.web.cache;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The versions of what the public sees, which public answers take their {@code ETag} from; the
 * server implements it. A project's version moves whenever anything its public pages, badges, JSON
 * or CSV show changes (reports stored or deleted, rollups rebuilt, comments moderated, trap group
 * status, advice), in the same transaction as the change.
 */
public interface PublicVersionQuery {

  /**
   * The project's public version.
   *
   * @return empty when there is no such project
   */
  OptionalLong version(String project);

  /** Every project's slug with its version, in slug order: what the home page depends on. */
  Map<String, Long> versions();

  /**
   * What else every public answer depends on and that changes only with a restart: the build
   * (templates and code) and the settings that shape the pages. Two instances of the same build and
   * settings give the same text, so their ETags agree.
   */
  String release();
}
