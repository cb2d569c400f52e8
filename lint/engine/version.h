#ifndef ZL_VERSION_H
#define ZL_VERSION_H

#define ZL_VERSION "0.1.0"

#endif
