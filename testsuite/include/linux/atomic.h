/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: the atomic counter operations. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

extern void atomic_add(int i, atomic_t *v);
extern void atomic_inc(atomic_t *v);

#endif /* _LINUX_ATOMIC_H */
