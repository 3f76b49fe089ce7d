/* The wrapped functions' next definitions (normally glibc's), resolved once. */
#ifndef SW_WRAPPERS_H
#define SW_WRAPPERS_H

#include <poll.h>
#include <sys/select.h>

#define SW_HIDDEN __attribute__((visibility("hidden")))

/* Resolves every next definition with dlsym(RTLD_NEXT); called by the initialiser.
 * A wrapper called before that resolves its own on first use. */
void sw_wrappers_init(void);

/*
 * The wrappers themselves, for the self-tests. A call to "select" from inside the
 * library goes through the dynamic linker's global scope: preloaded, that finds the
 * shim; loaded with dlopen() (JNA), it finds glibc first and skips the shim. These
 * hidden aliases bind inside the library, so the self-tests always take the path a
 * client's call takes, and the shim's counters see them, however it was loaded.
 */
SW_HIDDEN int sw_wrapped_select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                                struct timeval *timeout);
SW_HIDDEN int sw_wrapped_poll(struct pollfd *fds, nfds_t nfds, int timeout);

/* The next definitions, called directly: the same call without the shim, which the
 * self-tests compare the wrapped results with. -1 with ENOSYS if there is none. */
SW_HIDDEN int sw_next_select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                             struct timeval *timeout);
SW_HIDDEN int sw_next_poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif
