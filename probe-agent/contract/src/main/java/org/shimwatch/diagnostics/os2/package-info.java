/**
 * Parsers for OS/2 artefacts, one per format, each producing one record type, and what is derived
 * from them: stack versions from CSD levels ({@link org.shimwatch.diagnostics.os2.StackLevels}) and
 * the shim's install strategy ({@link org.shimwatch.diagnostics.os2.InstallStrategyAnalyzer}).
 * Formats and real samples are described in {@code shared/fixtures/os2/README.md}.
 */
package org.shimwatch.diagnostics.os2;
