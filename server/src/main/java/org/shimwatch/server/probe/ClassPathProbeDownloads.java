package org.shimwatch.server.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.shimwatch.web.probe.ProbeDownloads;
import org.springframework.stereotype.Component;

/**
 * The probe's archive and Debian package as the {@code shimwatch-probe-distribution} jar carries
 * them on the class path ({@value #FOLDER}), named in its {@code distribution.properties}. Without
 * that jar (a server built without the distribution) there are no downloads, and the page says so.
 */
@Component
class ClassPathProbeDownloads implements ProbeDownloads {

  static final String FOLDER = "org/shimwatch/probe/dist/";

  private final ClassLoader loader;
  private final String version;
  private final List<Download> downloads;

  ClassPathProbeDownloads() {
    this(ClassPathProbeDownloads.class.getClassLoader());
  }

  ClassPathProbeDownloads(ClassLoader loader) {
    this.loader = loader;
    Properties p = new Properties();
    try (InputStream in = loader.getResourceAsStream(FOLDER + "distribution.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FOLDER + "distribution.properties", e);
    }
    this.version = p.getProperty("version");
    List<Download> found = new ArrayList<>();
    add(found, p, "package", Kind.DEBIAN_PACKAGE);
    add(found, p, "archive", Kind.ARCHIVE);
    this.downloads = List.copyOf(found);
  }

  private void add(List<Download> found, Properties p, String key, Kind kind) {
    String name = p.getProperty(key);
    String sha = p.getProperty(key + ".sha256");
    if (name == null || sha == null) {
      return;
    }
    try {
      URLConnection c = loader.getResource(FOLDER + name).openConnection();
      found.add(new Download(name, kind, c.getContentLengthLong(), sha));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          FOLDER + "distribution.properties names " + name + ", which is not on the class path");
    }
  }

  @Override
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  @Override
  public List<Download> downloads() {
    return downloads;
  }

  @Override
  public Optional<Download> find(String fileName) {
    return downloads.stream().filter(d -> d.fileName().equals(fileName)).findFirst();
  }

  @Override
  public InputStream open(Download download) throws IOException {
    InputStream in = loader.getResourceAsStream(FOLDER + download.fileName());
    if (in == null) {
      throw new IOException(download.fileName() + " is gone from the class path");
    }
    return in;
  }
}
