package org.shimwatch.web.probe;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The probe's downloads this server offers: the server implements it from its class path. */
public interface ProbeDownloads {

  /** What a download is. */
  enum Kind {
    /** The Debian package: {@code apt-get install ./FILE}. */
    DEBIAN_PACKAGE,
    /** The archive: {@code bin/shimwatch}, {@code lib/}, manual page and completions. */
    ARCHIVE
  }

  /**
   * One file.
   *
   * @param fileName its name, which is also its path under {@code /probe/}
   * @param kind what it is
   * @param size bytes
   * @param sha256 its SHA-256, hex (also its entity tag)
   */
  record Download(String fileName, Kind kind, long size, String sha256) {}

  /** The probe's version, or empty when this server carries no downloads. */
  Optional<String> version();

  /** The files, the Debian package first; empty when this server carries none. */
  List<Download> downloads();

  /** The file of that name, or empty for a name that is not one of {@link #downloads()}. */
  Optional<Download> find(String fileName);

  /** The file's bytes. */
  InputStream open(Download download) throws IOException;
}
