/* Fatal signal capture (see "TRAP RECORD FILE" in shimwatch.h). */
#ifndef SW_TRAPS_H
#define SW_TRAPS_H

/* Installs the handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT, keeping the
 * previous ones to chain to. */
void sw_traps_install(void);

#endif
