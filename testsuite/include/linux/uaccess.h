/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: user address range checks. */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/compiler.h>
#include <linux/types.h>

extern bool __access_ok(unsigned long addr, unsigned long size);

#if PTWALK_ERA == 3
#define VERIFY_READ	0
#define VERIFY_WRITE	1
/* The type argument went away in 5.0; 3.x checked the range only. */
#define access_ok(type, addr, size)					\
	((void)(type), likely(__access_ok((unsigned long)(addr), (size))))
#else
#define access_ok(addr, size)						\
	likely(__access_ok((unsigned long)(const void __user *)(addr), (size)))
#endif

#endif /* _LINUX_UACCESS_H */
