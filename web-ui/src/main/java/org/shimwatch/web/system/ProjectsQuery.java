package org.shimwatch.web.system;

import java.util.List;

/** The projects whose pages exist; the server implements it. */
public interface ProjectsQuery {

  /** Project slugs, sorted. */
  List<String> projectSlugs();
}
