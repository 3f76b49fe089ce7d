package org.shimwatch.cli;

/** Prints what {@link Terminal#attached()} says in this process: the child of TerminalTests. */
public final class TerminalCheck {

  private TerminalCheck() {}

  public static void main(String[] args) {
    System.out.println("terminal=" + Terminal.attached());
  }
}
