package org.shimwatch.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether a person is at a terminal: stdin and stdout both a terminal, as questions need. Up to JDK
 * 21 {@link System#console()} says exactly that (it is {@code null} otherwise); from JDK 22 it
 * returns a console even when output is redirected, and {@code Console.isTerminal()} (JDK 22+,
 * looked up by reflection since this code is built for 17) gives the answer instead.
 */
final class Terminal {

  private Terminal() {}

  /** Whether this process's stdin and stdout are a terminal. */
  static boolean attached() {
    return attached(System.console());
  }

  static boolean attached(Console console) {
    if (console == null) {
      return false;
    }
    Method isTerminal;
    try {
      isTerminal = Console.class.getMethod("isTerminal");
    } catch (NoSuchMethodException e) {
      // JDK 17 to 21: a console exists only for a terminal.
      return true;
    }
    try {
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Cannot tell: asking nobody is safer than waiting for an answer that never comes.
      return false;
    }
  }
}
