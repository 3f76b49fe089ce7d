/*
 * Shimwatch native shim: public C API.
 *
 * The library is loaded into a client with LD_PRELOAD and wraps the readiness calls
 * (select, pselect, poll, ppoll, epoll_wait, epoll_pwait). Only the functions declared
 * here, and the wrapped symbols, are exported; everything else is hidden by the
 * export map (shimwatch.map).
 */
#ifndef SHIMWATCH_H
#define SHIMWATCH_H

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this library, "MAJOR.MINOR.PATCH". Static storage; never NULL. */
const char *shimwatch_version(void);

#ifdef __cplusplus
}
#endif

#endif /* SHIMWATCH_H */
