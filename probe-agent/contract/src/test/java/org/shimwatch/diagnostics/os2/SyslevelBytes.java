package org.shimwatch.diagnostics.os2;

import java.nio.charset.StandardCharsets;

/**
 * Builds synthetic binary SYSLEVEL files: the layout of {@code fixtures/os2/README.md}, with the
 * table wherever a test puts it and the type at table + 0x71 or, as some files have it, + 0x72.
 */
public final class SyslevelBytes {

  /** Bytes in the table of a real file (169 - 0x25). */
  public static final int TABLE_SIZE = 0x84;

  private int tableOffset = 0x25;
  private int versionByte = 0x43;
  private int modify = 0;
  private int refresh = 0;
  private String current = "UN02200";
  private String prior = "UN02101";
  private String title = "IBM TCP/IP Version 4.3 for OS/2 Warp";
  private String componentId = "5639B0900";
  private String type = "0";
  private boolean typeAtFallback;
  private int formatVersion = 1;
  private int trailing;

  /** A SYSLEVEL.TCP file of TCP/IP 4.3 at CSD level UN02200 with the table at 0x25. */
  public static SyslevelBytes tcp43() {
    return new SyslevelBytes();
  }

  /** A SYSLEVEL.OS2 file of OS/2 Warp 4.50 (version byte 0x45) at XR0M015. */
  public static SyslevelBytes os2Warp45() {
    return new SyslevelBytes()
        .version(0x45, 0)
        .csd("XR0M015", "XR04500")
        .title("IBM OS/2 Base Operating System")
        .componentId("5639A6100");
  }

  /** A SYSLEVEL.ECS file of eComStation 1.2 (version byte 0x12). */
  public static SyslevelBytes ecs12() {
    return new SyslevelBytes()
        .version(0x12, 0)
        .csd("XRGC004", "XRGC003")
        .title("eComStation")
        .componentId("ECS000012")
        .type("ECS");
  }

  public SyslevelBytes tableOffset(int offset) {
    this.tableOffset = offset;
    return this;
  }

  public SyslevelBytes version(int versionByte, int modify) {
    this.versionByte = versionByte;
    this.modify = modify;
    return this;
  }

  public SyslevelBytes refresh(int refresh) {
    this.refresh = refresh;
    return this;
  }

  public SyslevelBytes csd(String current, String prior) {
    this.current = current;
    this.prior = prior;
    return this;
  }

  public SyslevelBytes title(String title) {
    this.title = title;
    return this;
  }

  public SyslevelBytes componentId(String id) {
    this.componentId = id;
    return this;
  }

  public SyslevelBytes type(String type) {
    this.type = type;
    return this;
  }

  /** Puts the type at table + 0x72, leaving + 0x71 NUL. */
  public SyslevelBytes typeAtFallback() {
    this.typeAtFallback = true;
    return this;
  }

  public SyslevelBytes formatVersion(int v) {
    this.formatVersion = v;
    return this;
  }

  /** Appends bytes after the table, as real files with an appended list have. */
  public SyslevelBytes trailing(int bytes) {
    this.trailing = bytes;
    return this;
  }

  public byte[] build() {
    byte[] b = new byte[tableOffset + TABLE_SIZE + trailing];
    b[0] = (byte) 0xff;
    b[1] = (byte) 0xff;
    put(b, 0x02, "SYSLEVEL");
    // Date at 0x0A: five bytes whose encoding no parser reads.
    b[0x0a] = 0x04;
    b[0x0b] = 0x03;
    b[0x0c] = 0x08;
    b[0x0f] = (byte) formatVersion;
    b[0x10] = (byte) (formatVersion >> 8);
    b[0x21] = (byte) tableOffset;
    b[0x22] = (byte) (tableOffset >> 8);
    b[0x23] = (byte) (tableOffset >> 16);
    b[0x24] = (byte) (tableOffset >> 24);
    for (int i = 0x25; i < tableOffset; i++) {
      // Whatever lies between the header and a moved table is not read.
      b[i] = (byte) 0xa5;
    }
    int t = tableOffset;
    b[t] = 0x01;
    b[t + 2] = 0x01;
    b[t + 3] = (byte) versionByte;
    b[t + 4] = (byte) modify;
    put(b, t + 7, current + "_");
    put(b, t + 0x0f, prior + "_");
    put(b, t + 0x17, title);
    put(b, t + 0x67, componentId);
    b[t + 0x70] = (byte) refresh;
    put(b, t + (typeAtFallback ? 0x72 : 0x71), type);
    for (int i = t + TABLE_SIZE; i < b.length; i++) {
      b[i] = (byte) ('A' + i % 26);
    }
    return b;
  }

  private static void put(byte[] b, int at, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(bytes, 0, b, at, bytes.length);
  }
}
