package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * The contents of one SYSLEVEL file, whether read from the binary file or from {@code syslevel}
 * output. Fields the source does not give are {@code null}.
 *
 * @param fileName the file's name without its directory, e.g. {@code SYSLEVEL.TCP}
 * @param product what the file describes
 * @param title the product title, wrapped lines joined
 * @param version the version as shown, e.g. {@code 4.30}
 * @param componentId the component id, e.g. {@code 566933010}
 * @param type the type, e.g. {@code Fixpak}
 * @param currentCsd the current CSD level, e.g. {@code UN02200}
 * @param priorCsd the prior CSD level
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyslevelEntry(
    String fileName,
    SyslevelProduct product,
    String title,
    String version,
    String componentId,
    String type,
    String currentCsd,
    String priorCsd) {

  /** An entry whose product is worked out from its file name, title, type and CSD level. */
  public static SyslevelEntry of(
      String fileName,
      String title,
      String version,
      String componentId,
      String type,
      String currentCsd,
      String priorCsd) {
    return new SyslevelEntry(
        fileName,
        classify(fileName, title, type, currentCsd),
        title,
        version,
        componentId,
        type,
        currentCsd,
        priorCsd);
  }

  /** One line for people, e.g. "SYSLEVEL.TCP: IBM TCP/IP for OS/2, version 4.30, CSD UN02200". */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(fileName != null ? fileName : "SYSLEVEL entry").append(':');
    s.append(' ').append(title != null ? title : "(no title)");
    if (version != null) {
      s.append(", version ").append(version);
    }
    if (currentCsd != null) {
      s.append(", CSD ").append(currentCsd);
    }
    if (type != null) {
      s.append(" (").append(type).append(')');
    }
    return s.toString();
  }

  private static SyslevelProduct classify(
      String fileName, String title, String type, String currentCsd) {
    String ext = "";
    if (fileName != null && fileName.lastIndexOf('.') >= 0) {
      ext = fileName.substring(fileName.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
    }
    switch (ext) {
      case "TCP":
        return SyslevelProduct.TCPIP;
      case "MPT":
        return SyslevelProduct.MPTS;
      case "ECS":
        return SyslevelProduct.ECOMSTATION;
      case "FPK":
        return SyslevelProduct.OS2_FIXPAK;
      default:
        break;
    }
    String t = title == null ? "" : title.toLowerCase(Locale.ROOT);
    if (t.contains("arcaos")) {
      return SyslevelProduct.ARCAOS;
    }
    if (t.contains("ecomstation")) {
      return SyslevelProduct.ECOMSTATION;
    }
    if (t.contains("tcp/ip")) {
      return SyslevelProduct.TCPIP;
    }
    if (t.contains("mpts") || t.contains("lan adapter and protocol support")) {
      return SyslevelProduct.MPTS;
    }
    if (t.contains("service level")
        || (type != null && type.toLowerCase(Locale.ROOT).contains("fixpak"))) {
      return SyslevelProduct.OS2_FIXPAK;
    }
    if (ext.equals("OS2") || t.contains("base operating system")) {
      return SyslevelProduct.OS2_BASE;
    }
    switch (StackLevels.product(currentCsd)) {
      case "UN":
        return SyslevelProduct.TCPIP;
      case "WR":
        return SyslevelProduct.MPTS;
      case "XR":
        return SyslevelProduct.OS2_BASE;
      default:
        return SyslevelProduct.OTHER;
    }
  }
}
