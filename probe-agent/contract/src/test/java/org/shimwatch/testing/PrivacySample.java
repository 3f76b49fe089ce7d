package org.shimwatch.testing;

/**
 * One comment a user might write, and what both the probe and the server must make of it: the
 * probe's tests and the server's tests check the same text, so both sides scrub alike. It holds no
 * name the probe could know of the machine it runs on, only what the generic rules remove.
 */
public final class PrivacySample {

  /** A comment as typed. */
  public static final String COMMENT =
      "Hung at 10:15:30 after 2:30 min on TCP/IP 4.21; peer 10.0.2.15%eth0 and"
          + " fe80::a00:27ff:fe4e:66a1%eth0, MAC 08:00:27:4e:66:a1, trap CS:EIP=0168:fff4b7e2"
          + " EAX=00000001, logs in /home/alice-sample/bt and D:\\HOME\\JOHNS\\BT, mail"
          + " sample.user@example.org, version 4.3.2.1";

  /** The same comment as sent by the probe and as stored by the server. */
  public static final String SCRUBBED =
      "Hung at 10:15:30 after 2:30 min on TCP/IP 4.21; peer <ip>%eth0 and <ip>%eth0, MAC <mac>,"
          + " trap CS:EIP=0168:fff4b7e2 EAX=00000001, logs in ~/bt and ~\\BT, mail <email>,"
          + " version 4.3.2.1";

  /** A comment with nothing personal in it: it is sent exactly as typed. */
  public static final String PLAIN = "Hung at 10:15:30 after 2:30 min";

  private PrivacySample() {}
}
