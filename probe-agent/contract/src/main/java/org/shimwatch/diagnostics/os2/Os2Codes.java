package org.shimwatch.diagnostics.os2;

import java.util.Map;

/** Names of OS/2 trap numbers and exception codes, for summaries people read. */
public final class Os2Codes {

  private static final Map<String, String> TRAPS =
      Map.ofEntries(
          Map.entry("0000", "divide error"),
          Map.entry("0001", "debug exception"),
          Map.entry("0002", "NMI"),
          Map.entry("0003", "breakpoint"),
          Map.entry("0004", "overflow"),
          Map.entry("0005", "bound range exceeded"),
          Map.entry("0006", "invalid opcode"),
          Map.entry("0007", "coprocessor not available"),
          Map.entry("0008", "double fault"),
          Map.entry("000a", "invalid TSS"),
          Map.entry("000b", "segment not present"),
          Map.entry("000c", "stack fault"),
          Map.entry("000d", "general protection fault"),
          Map.entry("000e", "page fault"),
          Map.entry("0010", "coprocessor error"));

  private static final Map<String, String> EXCEPTIONS =
      Map.ofEntries(
          Map.entry("c0000005", "access violation"),
          Map.entry("c0000006", "in-page error"),
          Map.entry("c000001c", "illegal instruction"),
          Map.entry("c000001d", "invalid lock sequence"),
          Map.entry("c0000024", "noncontinuable exception"),
          Map.entry("c0000025", "invalid disposition"),
          Map.entry("c0000027", "bad stack"),
          Map.entry("c0000028", "invalid unwind target"),
          Map.entry("c0000093", "array bounds exceeded"),
          Map.entry("c0000094", "float denormal operand"),
          Map.entry("c0000095", "float divide by zero"),
          Map.entry("c0000096", "float inexact result"),
          Map.entry("c0000097", "float invalid operation"),
          Map.entry("c0000098", "float overflow"),
          Map.entry("c0000099", "float stack check"),
          Map.entry("c000009a", "float underflow"),
          Map.entry("c000009b", "integer divide by zero"),
          Map.entry("c000009c", "integer overflow"),
          Map.entry("c000009d", "privileged instruction"),
          Map.entry("c000009f", "breakpoint"),
          Map.entry("c00000a0", "single step"),
          Map.entry("c0010004", "B1 NPX errata"));

  private Os2Codes() {}

  /** "page fault" for {@code 000e}; {@code "trap"} for numbers without a name. */
  public static String trapName(String trapNumber) {
    return trapNumber == null ? "trap" : TRAPS.getOrDefault(trapNumber, "trap");
  }

  /** "access violation" for {@code c0000005}; {@code "exception"} for codes without a name. */
  public static String exceptionName(String exceptionCode) {
    return exceptionCode == null
        ? "exception"
        : EXCEPTIONS.getOrDefault(exceptionCode, "exception");
  }
}
