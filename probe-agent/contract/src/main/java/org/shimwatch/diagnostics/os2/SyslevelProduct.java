package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a SYSLEVEL file describes, read from its file name, title and CSD level. */
public enum SyslevelProduct {
  /** The OS/2 base system ({@code SYSLEVEL.OS2}, {@code XR} levels). */
  @JsonProperty("os2-base")
  OS2_BASE,
  /** An OS/2 fix pack ({@code SYSLEVEL.FPK}). */
  @JsonProperty("os2-fixpak")
  OS2_FIXPAK,
  /** eComStation ({@code SYSLEVEL.ECS}). */
  @JsonProperty("ecomstation")
  ECOMSTATION,
  /** ArcaOS. */
  @JsonProperty("arcaos")
  ARCAOS,
  /** IBM TCP/IP ({@code SYSLEVEL.TCP}, {@code UN} levels). */
  @JsonProperty("tcpip")
  TCPIP,
  /** MPTS ({@code SYSLEVEL.MPT}, {@code WR} levels). */
  @JsonProperty("mpts")
  MPTS,
  /** Any other product. */
  @JsonProperty("other")
  OTHER
}
