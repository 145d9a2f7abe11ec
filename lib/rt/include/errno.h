/* errno.h: Linux errno values for freestanding lib/ builds. */
#ifndef RT_ERRNO_H
#define RT_ERRNO_H

#define EPERM	     1
#define ENOENT	     2
#define EIO	     5
#define E2BIG	     7
#define ENOEXEC	     8
#define EBADF	     9
#define ENOMEM	     12
#define EFAULT	     14
#define EBUSY	     16
#define EEXIST	     17
#define ENODEV	     19
#define EINVAL	     22
#define ENOSPC	     28
#define ERANGE	     34
#define ENAMETOOLONG 36
#define ENOSYS	     38
#define ENODATA	     61
#define EOVERFLOW    75
#define EBADMSG	     74
#define EMSGSIZE     90
#define ENOTSUP	     95
#define EOPNOTSUPP   95

#endif
