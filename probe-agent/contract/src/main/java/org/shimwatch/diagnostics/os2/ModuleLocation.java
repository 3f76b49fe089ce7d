package org.shimwatch.diagnostics.os2;

/**
 * A place one of the shim's modules was seen, input to {@link InstallStrategyAnalyzer}.
 *
 * @param module the module's file name, {@code _SOCKET.PYD} or {@code SELECT.PYD}
 * @param directory the directory, reduced by {@link Os2Paths#reduce}
 * @param evidence how it was seen
 */
public record ModuleLocation(String module, String directory, ModulePlacement.Evidence evidence) {}
