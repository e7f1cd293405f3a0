/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: read-write semaphores (they sleep). */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/types.h>

struct rw_semaphore {
	atomic_t count;
};

extern void down_read(struct rw_semaphore *sem);
extern void up_read(struct rw_semaphore *sem);
extern void down_write(struct rw_semaphore *sem);
extern void up_write(struct rw_semaphore *sem);

#endif /* _LINUX_RWSEM_H */
