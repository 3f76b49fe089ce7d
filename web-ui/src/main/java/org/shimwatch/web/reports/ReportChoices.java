package org.shimwatch.web.reports;

import java.util.List;

/** Values present in a project's data, offered as suggestions in the filter form. */
public record ReportChoices(
    List<String> platforms, List<String> stacks, List<String> clients, List<String> shimVersions) {

  public ReportChoices {
    platforms = List.copyOf(platforms);
    stacks = List.copyOf(stacks);
    clients = List.copyOf(clients);
    shimVersions = List.copyOf(shimVersions);
  }

  public static final ReportChoices NONE =
      new ReportChoices(List.of(), List.of(), List.of(), List.of());
}
