package org.shimwatch.server.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection of the benchmarks' load generator: writes a prepared request
 * and reads the answer's status and body, nothing else. A load generator has to cost the machine
 * less than the server it measures; the JDK's general-purpose client spends several times the
 * server's own no-op cost per request, which on two cores would mostly measure the client.
 */
final class LoadConnection implements AutoCloseable {

  private final String host;
  private final int port;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private final StringBuilder line = new StringBuilder(128);
  private final byte[] skip = new byte[8192];
  private byte[] send = new byte[8192];

  LoadConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** The head of a POST request; the body follows it as is. */
  static byte[] postHead(String host, int port, String path, int length, String... headers) {
    StringBuilder b = new StringBuilder(256);
    b.append("POST ").append(path).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host).append(':').append(port).append("\r\n");
    b.append("Content-Type: application/json\r\n");
    b.append("Content-Length: ").append(length).append("\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    b.append("\r\n");
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The head of a GET request, which has no body. */
  static byte[] getHead(String host, int port, String path, String... headers) {
    StringBuilder b = new StringBuilder(256);
    b.append("GET ").append(path).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host).append(':').append(port).append("\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    b.append("\r\n");
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends one request and returns the answer's status code, having read its whole body. */
  int exchange(byte[] head, byte[] body) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }
    try {
      // One write, as an HTTP client sends a small request: the head and body in one segment.
      int size = head.length + body.length;
      if (send.length < size) {
        send = new byte[Math.max(size, 2 * send.length)];
      }
      System.arraycopy(head, 0, send, 0, head.length);
      System.arraycopy(body, 0, send, head.length, body.length);
      out.write(send, 0, size);
      out.flush();
      return readAnswer();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private int readAnswer() throws IOException {
    String status = readLine();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = 0;
    boolean chunked = false;
    boolean closing = false;
    for (String h = readLine(); !h.isEmpty(); h = readLine()) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "connection" -> closing = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(readLine().trim(), 16);
          size > 0;
          size = Long.parseLong(readLine().trim(), 16)) {
        discard(size);
        readLine();
      }
      readLine();
    } else {
      discard(length);
    }
    if (closing) {
      close();
    }
    return code;
  }

  private void discard(long n) throws IOException {
    while (n > 0) {
      int r = in.read(skip, 0, (int) Math.min(skip.length, n));
      if (r < 0) {
        throw new EOFException("the server closed the connection mid-answer");
      }
      n -= r;
    }
  }

  private String readLine() throws IOException {
    line.setLength(0);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the server closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing anyway.
      }
      socket = null;
    }
  }
}
