package org.shimwatch.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificate authorities the probe trusts for HTTPS: Java's own, plus those in the PEM file
 * named by {@value #CA_FILE_VARIABLE}, for a server whose certificate comes from a private CA (a
 * company's, or one made for a test). The variable reaches every probe process alike: the CLI, the
 * run finisher and the {@code -javaagent}.
 */
public final class ProbeTls {

  public static final String CA_FILE_VARIABLE = "SHIMWATCH_CA_FILE";

  /** A CA file bigger than this is not a list of certificates. */
  static final long MAX_CA_FILE_BYTES = 1 << 20;

  private static volatile SSLContext processContext;
  private static volatile boolean processContextMade;

  private ProbeTls() {}

  /**
   * The TLS context for these environment variables.
   *
   * @return {@code null} when no CA file is named (Java's own trust applies)
   * @throws SettingsException when the named file cannot be read or holds no certificate
   */
  public static SSLContext context(Map<String, String> env) throws SettingsException {
    String name = env.get(CA_FILE_VARIABLE);
    if (name == null || name.isBlank()) {
      return null;
    }
    Path file = Path.of(name.strip());
    String where = CA_FILE_VARIABLE + "=" + file;
    Collection<? extends Certificate> certificates;
    try {
      if (!Files.isRegularFile(file)) {
        throw new SettingsException(where + ": no such file");
      }
      if (Files.size(file) > MAX_CA_FILE_BYTES) {
        throw new SettingsException(where + ": larger than 1 MiB, not a certificate file");
      }
      try (InputStream in = Files.newInputStream(file)) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
    } catch (CertificateException e) {
      throw new SettingsException(where + ": not a PEM or DER certificate file");
    } catch (IOException e) {
      throw new SettingsException(where + ": cannot be read (" + e.getMessage() + ")");
    }
    if (certificates.isEmpty()) {
      throw new SettingsException(where + ": holds no certificate");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (X509Certificate javaOwn : javaTrust().getAcceptedIssuers()) {
        trusted.setCertificateEntry("java-" + n++, javaOwn);
      }
      for (Certificate c : certificates) {
        trusted.setCertificateEntry("ca-file-" + n++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new SettingsException(where + ": cannot be used (" + e.getMessage() + ")");
    }
  }

  /**
   * The context for this process's environment, made once. A file that cannot be used leaves Java's
   * own trust (commands report the file's problem when they read their settings; a server with a
   * private certificate then fails its handshake, which the upload's error says).
   */
  public static SSLContext processContext() {
    if (!processContextMade) {
      synchronized (ProbeTls.class) {
        if (!processContextMade) {
          try {
            processContext = context(System.getenv());
          } catch (SettingsException e) {
            processContext = null;
          }
          processContextMade = true;
        }
      }
    }
    return processContext;
  }

  private static X509TrustManager javaTrust() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (var tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("Java has no X.509 trust manager");
  }
}
