/* The wrapped functions' next definitions (normally glibc's), resolved once. */
#ifndef SW_WRAPPERS_H
#define SW_WRAPPERS_H

/* Resolves every next definition with dlsym(RTLD_NEXT); called by the initialiser.
 * A wrapper called before that resolves its own on first use. */
void sw_wrappers_init(void);

#endif
