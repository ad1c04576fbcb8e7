#ifndef PAAS_CCURL_SHIM_H
#define PAAS_CCURL_SHIM_H
#include <curl/curl.h>
#endif
