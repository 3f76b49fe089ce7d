/**
 * The parser for JVM crash files ({@code hs_err_pid*.log}), which gives JVM clients' crashes the
 * same trap model as OS/2 traps.
 */
package org.shimwatch.diagnostics.jvm;
