package org.shimwatch.server.report;

import java.util.UUID;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.UnknownCaller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Deletion on request of the installation that sent the reports. */
@RestController
class InstallationController {

  private final InstallationDeletion deletion;

  InstallationController(InstallationDeletion deletion) {
    this.deletion = deletion;
  }

  @DeleteMapping(IngestProtocol.INSTALLATION_PATH)
  InstallationDeletion.Deleted delete(
      @PathVariable String id,
      @RequestHeader(name = IngestProtocol.INSTALLATION_SECRET_HEADER, required = false)
          String secret) {
    UUID installation;
    try {
      installation = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ChangeRefused("invalid-installation-id", "the installation id is not a UUID");
    }
    if (secret == null || secret.isBlank()) {
      throw new UnknownCaller(
          "missing-installation-secret",
          "send the installation secret in the "
              + IngestProtocol.INSTALLATION_SECRET_HEADER
              + " header");
    }
    return deletion.delete(installation, secret);
  }
}
