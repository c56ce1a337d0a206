#ifndef ARGUS_CXXHASH_SHIM_H
#define ARGUS_CXXHASH_SHIM_H
/* The system's xxHash (libxxhash-dev); only the stable XXH3-128 API is used. */
#include <xxhash.h>
#endif
