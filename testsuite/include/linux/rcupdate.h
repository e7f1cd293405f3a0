/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: the RCU read-side section. */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

extern void rcu_read_lock(void);
extern void rcu_read_unlock(void);

#endif /* _LINUX_RCUPDATE_H */
