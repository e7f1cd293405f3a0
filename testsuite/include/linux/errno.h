/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: the error numbers the corpus returns. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define ENOMEM		12
#define EFAULT		14
#define EINVAL		22

#endif /* _LINUX_ERRNO_H */
