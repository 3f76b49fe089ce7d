package org.shimwatch.web.system;

import java.util.List;

/** The projects whose pages exist; the server implements it. */
public interface ProjectsQuery {

  /** Project slugs, sorted. */
  List<String> projectSlugs();

  /**
   * The projects the signed-in account may see on maintainer pages, sorted: all of them for an
   * owner, the given ones for a maintainer or viewer.
   */
  default List<String> maintainerSlugs() {
    return projectSlugs();
  }
}
