#ifndef PAAS_CCURL_SHIM_H
#define PAAS_CCURL_SHIM_H
/* curl.h is included for its types and constants only: nothing here links against libcurl.
   libcurl.so.4 is opened with dlopen the first time a paas_curl_* function is called, so that
   commands which never talk to Docker do not pay for loading it and its ~30 dependencies. */
#include <curl/curl.h>
#include <stddef.h>

/* Loads libcurl once per process (thread-safe); 0 when it is usable, -1 when it is not. */
int paas_curl_load(void);

/* Why libcurl could not be loaded, on one line; NULL when it was loaded. */
const char *paas_curl_load_error(void);

/* The libcurl functions used, resolved on first use. When libcurl cannot be loaded, functions
   returning CURLcode return CURLE_FAILED_INIT, pointers are NULL, and void ones do nothing. */
CURLcode paas_curl_global_init(long flags);
CURL *paas_curl_easy_init(void);
void paas_curl_easy_cleanup(CURL *handle);
void paas_curl_easy_reset(CURL *handle);
CURLcode paas_curl_easy_perform(CURL *handle);
const char *paas_curl_easy_strerror(CURLcode code);
CURLcode paas_curl_easy_send(CURL *handle, const void *buffer, size_t length, size_t *sent);
CURLcode paas_curl_easy_recv(CURL *handle, void *buffer, size_t length, size_t *received);
struct curl_slist *paas_curl_slist_append(struct curl_slist *list, const char *string);
void paas_curl_slist_free_all(struct curl_slist *list);

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
   These typed wrappers fix the argument type per option family. */

/* CURLOPT_WRITEFUNCTION / CURLOPT_READFUNCTION / CURLOPT_HEADERFUNCTION shape. */
typedef size_t (*paas_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
/* CURLOPT_XFERINFOFUNCTION shape. */
typedef int (*paas_curl_xferinfo_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                           curl_off_t ultotal, curl_off_t ulnow);

CURLcode paas_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode paas_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode paas_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode paas_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode paas_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode paas_curl_setopt_data_callback(CURL *handle, CURLoption option, paas_curl_data_callback callback);
CURLcode paas_curl_setopt_xferinfo_callback(CURL *handle, paas_curl_xferinfo_callback callback);
CURLcode paas_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode paas_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode paas_curl_getinfo_socket(CURL *handle, curl_socket_t *value);

/* CURL_READFUNC_ABORT is a macro Swift does not import (an unsigned cast). */
static inline size_t paas_curl_readfunc_abort(void) { return CURL_READFUNC_ABORT; }

#endif
