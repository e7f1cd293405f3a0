/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: the current task. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/mm_types.h>

struct task_struct {
	struct mm_struct *mm;
};

extern struct task_struct *get_current(void);
#define current get_current()

#endif /* _LINUX_SCHED_H */
