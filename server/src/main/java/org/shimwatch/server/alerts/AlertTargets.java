package org.shimwatch.server.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.shimwatch.web.ChangeRefused;

/**
 * Checks where alerts may go: a webhook URL (http or https, a host, no user name or password in it;
 * by default not a loopback, private or link-local address, checked again before every send since a
 * name may resolve elsewhere later), or an e-mail address.
 */
final class AlertTargets {

  static final int MAX_LENGTH = 512;

  /** Local part and domain as people write them; no quoted local parts, no address literals. */
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)"
              + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

  /** Resolves a host name; tests give their own. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean allowPrivate;
  private final Resolver resolver;

  AlertTargets(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  AlertTargets(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  /** The URL, normalised, or a refusal saying what is wrong with it. */
  URI webhook(String url) {
    String u = url == null ? "" : url.strip();
    if (u.isEmpty()) {
      throw invalidUrl("Give the webhook's URL, starting with https:// or http://.");
    }
    if (u.length() > MAX_LENGTH) {
      throw invalidUrl("The URL is longer than " + MAX_LENGTH + " characters.");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw invalidUrl("'" + u + "' is not a URL: " + e.getReason() + ".");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalidUrl("Only http:// and https:// URLs can receive alerts.");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalidUrl("The URL has no host name.");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalidUrl("Put no user name or password in the URL; the signature proves the sender.");
    }
    if (uri.getRawFragment() != null) {
      throw invalidUrl("A webhook URL has no #fragment.");
    }
    checkAddress(uri);
    return uri;
  }

  /**
   * Refuses a host that is or resolves to a loopback, private, link-local or unspecified address,
   * unless private targets are allowed.
   */
  void checkAddress(URI uri) {
    if (allowPrivate) {
      return;
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw invalidUrl("The host '" + host + "' is not known.");
    }
    for (InetAddress a : addresses) {
      if (isPrivate(a)) {
        throw invalidUrl(
            "'"
                + host
                + "' is a loopback, private or link-local address; alerts go only to public"
                + " addresses unless the operator sets shimwatch.alerts.allow-private-targets.");
      }
    }
  }

  static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 100.64/10 shared address space (carrier-grade NAT), 0/8 "this network".
      return (first == 100 && second >= 64 && second < 128) || first == 0;
    }
    // fc00::/7 unique local addresses.
    return (b[0] & 0xfe) == 0xfc;
  }

  /** The address, stripped, or a refusal. */
  static String email(String address) {
    String a = address == null ? "" : address.strip();
    if (a.isEmpty()) {
      throw new ChangeRefused("invalid-email", "Give the e-mail address that gets the alerts.");
    }
    if (a.length() > 254 || !EMAIL.matcher(a).matches()) {
      throw new ChangeRefused(
          "invalid-email", "'" + a + "' is not an e-mail address like team@example.org.");
    }
    return a;
  }

  private static ChangeRefused invalidUrl(String message) {
    return new ChangeRefused("invalid-url", message);
  }
}
