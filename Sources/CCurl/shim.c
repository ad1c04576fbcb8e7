#include "include/shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* The library's soname: the ABI these headers describe. */
#define PAAS_CURL_LIBRARY "libcurl.so.4"

/* Every libcurl function called, as X(name). Pointers get the real prototypes' types. */
#define PAAS_CURL_FUNCTIONS(X) \
    X(curl_global_init)        \
    X(curl_easy_init)          \
    X(curl_easy_cleanup)       \
    X(curl_easy_reset)         \
    X(curl_easy_perform)       \
    X(curl_easy_strerror)      \
    X(curl_easy_send)          \
    X(curl_easy_recv)          \
    X(curl_easy_setopt)        \
    X(curl_easy_getinfo)       \
    X(curl_slist_append)       \
    X(curl_slist_free_all)

#define PAAS_DECLARE_POINTER(name) static __typeof__(&name) p_##name;
PAAS_CURL_FUNCTIONS(PAAS_DECLARE_POINTER)

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

static void load(void) {
    void *library = dlopen(PAAS_CURL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(load_error, sizeof load_error,
                 "cannot load " PAAS_CURL_LIBRARY ": %s; install libcurl4 (apt-get install libcurl4)",
                 why ? why : "unknown error");
        return;
    }
#define PAAS_RESOLVE(name)                                                                         \
    *(void **)(&p_##name) = dlsym(library, #name);                                                 \
    if (p_##name == NULL) {                                                                        \
        snprintf(load_error, sizeof load_error,                                                    \
                 "cannot load " PAAS_CURL_LIBRARY ": it has no function " #name                    \
                 "; install libcurl4 (apt-get install libcurl4)");                                 \
        return;                                                                                    \
    }
    PAAS_CURL_FUNCTIONS(PAAS_RESOLVE)
#undef PAAS_RESOLVE
    loaded = 1;
}

int paas_curl_load(void) {
    pthread_once(&load_once, load);
    return loaded ? 0 : -1;
}

const char *paas_curl_load_error(void) {
    return paas_curl_load() == 0 ? NULL : load_error;
}

/* Calls the real `name` with `args`, or returns `fallback` when libcurl is not there. */
#define PAAS_CALL(name, args, fallback) \
    if (paas_curl_load() != 0) return fallback; \
    return p_##name args

CURLcode paas_curl_global_init(long flags) { PAAS_CALL(curl_global_init, (flags), CURLE_FAILED_INIT); }
CURL *paas_curl_easy_init(void) { PAAS_CALL(curl_easy_init, (), NULL); }
CURLcode paas_curl_easy_perform(CURL *handle) { PAAS_CALL(curl_easy_perform, (handle), CURLE_FAILED_INIT); }

void paas_curl_easy_cleanup(CURL *handle) {
    if (paas_curl_load() == 0) p_curl_easy_cleanup(handle);
}

void paas_curl_easy_reset(CURL *handle) {
    if (paas_curl_load() == 0) p_curl_easy_reset(handle);
}

const char *paas_curl_easy_strerror(CURLcode code) {
    PAAS_CALL(curl_easy_strerror, (code), load_error);
}

CURLcode paas_curl_easy_send(CURL *handle, const void *buffer, size_t length, size_t *sent) {
    PAAS_CALL(curl_easy_send, (handle, buffer, length, sent), CURLE_FAILED_INIT);
}

CURLcode paas_curl_easy_recv(CURL *handle, void *buffer, size_t length, size_t *received) {
    PAAS_CALL(curl_easy_recv, (handle, buffer, length, received), CURLE_FAILED_INIT);
}

struct curl_slist *paas_curl_slist_append(struct curl_slist *list, const char *string) {
    PAAS_CALL(curl_slist_append, (list, string), NULL);
}

void paas_curl_slist_free_all(struct curl_slist *list) {
    if (paas_curl_load() == 0) p_curl_slist_free_all(list);
}

/* MARK: - Typed setopt / getinfo */

CURLcode paas_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    PAAS_CALL(curl_easy_setopt, (handle, option, value), CURLE_FAILED_INIT);
}

CURLcode paas_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    PAAS_CALL(curl_easy_setopt, (handle, option, value), CURLE_FAILED_INIT);
}

CURLcode paas_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    PAAS_CALL(curl_easy_setopt, (handle, option, value), CURLE_FAILED_INIT);
}

CURLcode paas_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    PAAS_CALL(curl_easy_setopt, (handle, option, value), CURLE_FAILED_INIT);
}

CURLcode paas_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    PAAS_CALL(curl_easy_setopt, (handle, option, value), CURLE_FAILED_INIT);
}

CURLcode paas_curl_setopt_data_callback(CURL *handle, CURLoption option, paas_curl_data_callback callback) {
    PAAS_CALL(curl_easy_setopt, (handle, option, callback), CURLE_FAILED_INIT);
}

CURLcode paas_curl_setopt_xferinfo_callback(CURL *handle, paas_curl_xferinfo_callback callback) {
    PAAS_CALL(curl_easy_setopt, (handle, CURLOPT_XFERINFOFUNCTION, callback), CURLE_FAILED_INIT);
}

CURLcode paas_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    PAAS_CALL(curl_easy_getinfo, (handle, info, value), CURLE_FAILED_INIT);
}

CURLcode paas_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    PAAS_CALL(curl_easy_getinfo, (handle, info, value), CURLE_FAILED_INIT);
}

CURLcode paas_curl_getinfo_socket(CURL *handle, curl_socket_t *value) {
    PAAS_CALL(curl_easy_getinfo, (handle, CURLINFO_ACTIVESOCKET, value), CURLE_FAILED_INIT);
}
