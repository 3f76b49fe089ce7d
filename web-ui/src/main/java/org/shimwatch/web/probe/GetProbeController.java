package org.shimwatch.web.probe;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.shimwatch.web.NotFound;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Get the probe": the Debian package and the archive, and the three lines a user types (install,
 * choose a consent level, run a client), with this server's own address in them.
 */
@Controller
class GetProbeController {

  private static final MediaType DEBIAN_PACKAGE =
      MediaType.parseMediaType("application/vnd.debian.binary-package");

  private final ProbeDownloads downloads;

  GetProbeController(ProbeDownloads downloads) {
    this.downloads = downloads;
  }

  @GetMapping("/probe")
  String getProbe(Model model, HttpServletRequest request) {
    String server = ServletUriComponentsBuilder.fromContextPath(request).toUriString();
    model.addAttribute("server", server);
    model.addAttribute("version", downloads.version().orElse(null));
    model.addAttribute("downloads", downloads.downloads());
    Optional<ProbeDownloads.Download> deb =
        downloads.downloads().stream()
            .filter(d -> d.kind() == ProbeDownloads.Kind.DEBIAN_PACKAGE)
            .findFirst();
    model.addAttribute("deb", deb.orElse(null));
    model.addAttribute(
        "archive",
        downloads.downloads().stream()
            .filter(d -> d.kind() == ProbeDownloads.Kind.ARCHIVE)
            .findFirst()
            .orElse(null));
    return "probe/getProbe";
  }

  @GetMapping("/probe/{fileName:.+}")
  ResponseEntity<InputStreamResource> download(
      @PathVariable String fileName, HttpServletRequest request) throws IOException {
    ProbeDownloads.Download d =
        downloads
            .find(fileName)
            .orElseThrow(() -> new NotFound("not-found", "No probe download is called that."));
    String etag = "\"" + d.sha256() + "\"";
    HttpHeaders headers = new HttpHeaders();
    headers.setETag(etag);
    headers.setCacheControl(CacheControl.noCache());
    String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
      return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
    }
    headers.setContentDisposition(ContentDisposition.attachment().filename(d.fileName()).build());
    headers.setContentType(
        d.kind() == ProbeDownloads.Kind.DEBIAN_PACKAGE
            ? DEBIAN_PACKAGE
            : MediaType.parseMediaType("application/gzip"));
    headers.setContentLength(d.size());
    return new ResponseEntity<>(new InputStreamResource(downloads.open(d)), headers, HttpStatus.OK);
  }
}
