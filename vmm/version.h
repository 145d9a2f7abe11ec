/* version.h: jiffy's version string. */
#ifndef VMM_VERSION_H
#define VMM_VERSION_H

#define JIFFY_VERSION "0.1.0"

#endif
