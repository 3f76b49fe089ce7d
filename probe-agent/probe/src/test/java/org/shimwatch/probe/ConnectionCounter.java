package org.shimwatch.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listening socket on loopback that only counts the connections made to it: what a test points
 * the probe at to prove that it makes none.
 */
public final class ConnectionCounter implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  public ConnectionCounter() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                  accepted.incrementAndGet();
                } catch (SocketException e) {
                  return;
                } catch (IOException e) {
                  // keep counting
                }
              }
            },
            "connection-counter");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  public int accepted() {
    return accepted.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
