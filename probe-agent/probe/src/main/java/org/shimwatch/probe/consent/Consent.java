package org.shimwatch.probe.consent;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the user decided, as stored, and the installation identity made when they first opted in.
 *
 * @param level the level the user chose
 * @param installationId random id made at the first opt-in, or {@code null} before it
 * @param installationSecret random secret made with the id, proving ownership to the server when
 *     the user asks it to delete everything; {@code null} before the first opt-in
 */
public record Consent(ConsentLevel level, UUID installationId, String installationSecret) {

  /** Environment variable that, set to {@code 1}, forces level 0 (a common convention). */
  public static final String DO_NOT_TRACK = "DO_NOT_TRACK";

  /** Environment variable that, set to {@code off}, forces level 0. */
  public static final String TELEMETRY = "SHIMWATCH_TELEMETRY";

  public Consent {
    Objects.requireNonNull(level, "level");
    if (level != ConsentLevel.NONE && (installationId == null || installationSecret == null)) {
      throw new IllegalArgumentException("an opted-in consent needs an installation id and secret");
    }
  }

  /** Nothing agreed: the state before any opt-in. */
  public static Consent none() {
    return new Consent(ConsentLevel.NONE, null, null);
  }

  /** Whether the installation has an id (the user opted in at some point). */
  public boolean hasInstallation() {
    return installationId != null;
  }

  /**
   * The level in force: the stored one, unless the environment forces 0 ({@code DO_NOT_TRACK=1} or
   * {@code SHIMWATCH_TELEMETRY=off}).
   */
  public ConsentLevel effectiveLevel(Map<String, String> environment) {
    return forcedOff(environment).isPresent() ? ConsentLevel.NONE : level;
  }

  /** The environment variable that forces level 0, in words, if one does. */
  public static Optional<String> forcedOff(Map<String, String> environment) {
    String dnt = environment.get(DO_NOT_TRACK);
    if (dnt != null && dnt.strip().equals("1")) {
      return Optional.of(DO_NOT_TRACK + "=1");
    }
    String telemetry = environment.get(TELEMETRY);
    if (telemetry != null && telemetry.strip().equalsIgnoreCase("off")) {
      return Optional.of(TELEMETRY + "=off");
    }
    return Optional.empty();
  }
}
