/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: basic types, from compiler builtins only. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <linux/kconfig.h>

typedef signed char s8;
typedef unsigned char u8;
typedef signed short s16;
typedef unsigned short u16;
typedef signed int s32;
typedef unsigned int u32;
typedef signed long long s64;
typedef unsigned long long u64;

typedef __SIZE_TYPE__ size_t;
typedef _Bool bool;

enum {
	false = 0,
	true = 1
};

#define NULL ((void *)0)

#ifdef CONFIG_PHYS_ADDR_T_64BIT
typedef u64 phys_addr_t;
#else
typedef u32 phys_addr_t;
#endif

typedef struct {
	int counter;
} atomic_t;

#endif /* _LINUX_TYPES_H */
