package org.shimwatch.server.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.shimwatch.testing.MissingPart;

/**
 * A real SMTP server on loopback: Debian's python3-aiosmtpd (see .ci/packages.txt) running {@code
 * alerts/smtp_sink.py}, which writes every message it accepts to a file.
 */
public final class SmtpSink implements AutoCloseable {

  /** One message as the server received it. */
  public record Message(Instant receivedAt, String text) {}

  private static final String PYTHON = "/usr/bin/python3";

  private final Process process;
  private final Path folder;
  private final int port;

  private SmtpSink(Process process, Path folder, int port) {
    this.process = process;
    this.folder = folder;
    this.port = port;
  }

  /** Starts one, or skips the test (fails it under CI) when python3-aiosmtpd is missing. */
  public static SmtpSink start() {
    try {
      Process check =
          new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").redirectErrorStream(true).start();
      check.getInputStream().readAllBytes();
      if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
        MissingPart.skipOrFail(
            "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): the e-mail"
                + " alert tests need a real SMTP server");
      }
      Path dir = Files.createTempDirectory("shimwatch-smtp");
      Path script = dir.resolve("smtp_sink.py");
      try (InputStream in = SmtpSink.class.getResourceAsStream("/alerts/smtp_sink.py")) {
        Files.write(script, in.readAllBytes());
      }
      Path mail = Files.createDirectory(dir.resolve("mail"));
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Process p =
          new ProcessBuilder(
                  PYTHON, script.toString(), "127.0.0.1", Integer.toString(port), mail.toString())
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (!"ready".equals(line)) {
        p.destroyForcibly();
        throw new IllegalStateException("the SMTP server did not start: " + line);
      }
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (out.readLine() != null) {
                    // its log is not needed
                  }
                } catch (IOException ignored) {
                  // the server stopped
                }
              });
      drain.setDaemon(true);
      drain.start();
      return new SmtpSink(p, mail, port);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Every message received so far, oldest first. */
  public List<Message> messages() {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".eml"))
          .sorted()
          .map(
              f -> {
                String name = f.getFileName().toString();
                long nanos = Long.parseLong(name.substring(0, name.indexOf('-')));
                try {
                  return new Message(
                      Instant.ofEpochSecond(0, nanos),
                      Files.readString(f, StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages to this address. */
  public List<Message> messagesTo(String address) {
    return messages().stream()
        .filter(m -> m.text().startsWith("X-Envelope-To: " + address + "\r\n"))
        .toList();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
