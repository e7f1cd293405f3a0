/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: the IRQ-off region that keeps page-table pages
 * from being freed under a lockless walker.  Under sparse the region is
 * the context irq_off, so -Wcontext reports a path that leaves it open.
 */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#include <linux/compiler.h>
#include <linux/types.h>

extern unsigned long arch_local_irq_save(void) __acquires(irq_off);
extern void arch_local_irq_restore(unsigned long flags) __releases(irq_off);
extern void arch_local_irq_disable(void) __acquires(irq_off);
extern void arch_local_irq_enable(void) __releases(irq_off);
extern bool irqs_disabled(void);

#define local_irq_save(flags)					\
	do {							\
		(flags) = arch_local_irq_save();		\
	} while (0)
#define local_irq_restore(flags)	arch_local_irq_restore(flags)
#define local_irq_disable()		arch_local_irq_disable()
#define local_irq_enable()		arch_local_irq_enable()

#endif /* _LINUX_IRQFLAGS_H */
