/**
 * Reads the artefacts users have about their systems and crashes — OS/2 SYSLEVEL files and {@code
 * syslevel} output, POPUPLOG.OS2, kernel trap screens, EXCEPTQ reports, {@code ver}, {@code
 * inetver} and {@code BLDLEVEL} output, CONFIG.SYS, file listings, and JVM crash files — into the
 * report contract's {@link org.shimwatch.report.Trap} and {@link org.shimwatch.report.Environment}.
 *
 * <p>Start at {@link org.shimwatch.diagnostics.ArtefactInspector}: it tells which artefacts an
 * input holds, reads each with its parser ({@code os2} and {@code jvm} sub-packages) and folds them
 * with {@link org.shimwatch.diagnostics.DiagnosticsFold} into an environment, traps and
 * plain-language findings. Parsers report bad input only as {@link
 * org.shimwatch.diagnostics.ArtefactParseException}; no full path is ever kept, since paths name
 * users.
 */
package org.shimwatch.diagnostics;
