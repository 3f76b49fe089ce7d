package org.shimwatch.server.move;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.shimwatch.web.UnsupportedFormat;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The server owner's API: backups of the database, and projects moved between servers. */
@RestController
@RequestMapping("/api/v1/admin/server")
class ServerAdminController {

  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final ServerBackups backups;
  private final ProjectExport export;
  private final ProjectImport importer;

  ServerAdminController(ServerBackups backups, ProjectExport export, ProjectImport importer) {
    this.backups = backups;
    this.export = export;
    this.importer = importer;
  }

  /** A backup as the API shows it, with where to download it. */
  record BackupView(String name, long bytes, String sha256, String createdAt, String download) {
    static BackupView of(ServerBackups.Backup b) {
      return new BackupView(
          b.name(),
          b.bytes(),
          b.sha256(),
          b.createdAt().toString(),
          "/api/v1/admin/server/backups/" + b.name());
    }
  }

  /** What an import did, as the API shows it. */
  record ImportView(
      String project,
      String exportedBy,
      Map<String, Long> rows,
      long keysSkipped,
      long installationsKnown,
      long rebuiltReports,
      long millis) {}

  @PostMapping("/backup")
  @ResponseStatus(HttpStatus.CREATED)
  BackupView backup() {
    return BackupView.of(backups.backup());
  }

  @GetMapping("/backups")
  List<BackupView> list() {
    return backups.list().stream().map(BackupView::of).toList();
  }

  @GetMapping("/backups/{name}")
  ResponseEntity<Resource> download(@PathVariable String name) {
    Path file = backups.file(name);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(new FileSystemResource(file));
  }

  @GetMapping("/projects/{project}/export")
  ResponseEntity<StreamingResponseBody> export(@PathVariable String project) {
    // Checked before the answer starts, so a wrong name is a 404 and not a broken download.
    export.requireProject(project);
    StreamingResponseBody body = out -> export.export(project, out);
    return ResponseEntity.ok()
        .contentType(NDJSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("shimwatch-" + project + ".ndjson")
                .build()
                .toString())
        .body(body);
  }

  @PostMapping("/projects/import")
  @ResponseStatus(HttpStatus.CREATED)
  ImportView importProject(
      @RequestParam(name = "as", required = false) String as, HttpServletRequest request)
      throws IOException {
    String type = request.getContentType();
    if (type != null
        && !type.startsWith("application/x-ndjson")
        && !type.startsWith("application/octet-stream")
        && !type.startsWith("application/jsonl")) {
      throw new UnsupportedFormat(
          "unsupported-media-type",
          "Send the export as application/x-ndjson (the file the export wrote).");
    }
    ProjectImport.Result r = importer.importProject(request.getInputStream(), as);
    return new ImportView(
        r.project(),
        r.from(),
        r.counts().entrySet().stream()
            .collect(
                Collectors.toMap(
                    e -> e.getKey().wire(),
                    Map.Entry::getValue,
                    (a, b) -> a,
                    java.util.LinkedHashMap::new)),
        r.keysSkipped(),
        r.installationsKnown(),
        r.rebuiltReports(),
        r.took().toMillis());
  }
}
