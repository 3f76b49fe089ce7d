package org.shimwatch.report;

/** The HTTP conversation between probe and server, named once for both sides. */
public final class IngestProtocol {

  /** Header carrying the project's ingest key. */
  public static final String KEY_HEADER = "Shimwatch-Key";

  /**
   * Header carrying the installation secret: random, kept by the probe, never shown; the server
   * keeps only its hash and asks for it again before deleting an installation's reports.
   */
  public static final String INSTALLATION_SECRET_HEADER = "Shimwatch-Installation-Secret";

  /** Path of the ingest endpoint; {@code {project}} is the project's slug. */
  public static final String REPORTS_PATH = "/api/v1/projects/{project}/reports";

  /** Path of the deletion endpoint; {@code {id}} is the installation id. */
  public static final String INSTALLATION_PATH = "/api/v1/installations/{id}";

  /** Shortest and longest installation secret the server accepts. */
  public static final int SECRET_MIN_LENGTH = 16;

  public static final int SECRET_MAX_LENGTH = 128;

  private IngestProtocol() {}

  /** The ingest path for one project. */
  public static String reportsPath(String project) {
    return REPORTS_PATH.replace("{project}", project);
  }

  /** The deletion path for one installation. */
  public static String installationPath(String installationId) {
    return INSTALLATION_PATH.replace("{id}", installationId);
  }
}
