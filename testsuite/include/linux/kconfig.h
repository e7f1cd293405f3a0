/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: the configuration of the modelled kernel.
 *
 * The kernel gets its CONFIG_ symbols from Kconfig; the shim derives them
 * from the compiler's target macros plus the few -D flags that
 * testsuite/targets.def passes (CONFIG_X86_PAE, CONFIG_PHYS_ADDR_T_64BIT,
 * CONFIG_ARM_LPAE).  PTWALK_ERA selects which kernel API exists:
 *   3  the 3.x API (pte_numa, ACCESS_ONCE, page_cache_get_speculative)
 *   6  the 4.x to 6.9 API (pte_protnone, READ_ONCE, try_grab_folio as
 *      GUP-fast's speculative get)
 *   612  the API of 6.10 on, as Debian's 6.12 has it: GUP-fast's
 *      speculative get is try_grab_folio_fast(), try_grab_folio() is the
 *      slow path's grab under the page-table lock and returns a status,
 *      pte_offset_map() can fail, pudp_get(), pmd_leaf()/pud_leaf().
 *   Everything of era 6 that 612 did not change is there in 612 too:
 *   `PTWALK_ERA != 3` selects it.
 * The shim never defines LINUX_VERSION_CODE: the engines must tell the
 * era from what the code declares and calls.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#ifndef PTWALK_ERA
#error "ptwalk shim: compile with -DPTWALK_ERA=3, 6 or 612"
#elif PTWALK_ERA != 3 && PTWALK_ERA != 6 && PTWALK_ERA != 612
#error "ptwalk shim: PTWALK_ERA must be 3, 6 or 612"
#endif

#if defined(CONFIG_X86_PAE) && !defined(__i386__)
#error "ptwalk shim: CONFIG_X86_PAE needs an i386 target"
#endif
#if defined(CONFIG_ARM_LPAE) && !defined(__arm__)
#error "ptwalk shim: CONFIG_ARM_LPAE needs an armv7 target"
#endif

#if defined(__x86_64__)
# define CONFIG_X86 1
# define CONFIG_X86_64 1
# define CONFIG_64BIT 1
# define CONFIG_PGTABLE_LEVELS 4
#elif defined(__i386__)
# define CONFIG_X86 1
# define CONFIG_X86_32 1
# ifdef CONFIG_X86_PAE
#  define CONFIG_PHYS_ADDR_T_64BIT 1
#  define CONFIG_PGTABLE_LEVELS 3
# else
#  define CONFIG_PGTABLE_LEVELS 2
# endif
#elif defined(__mips__) && !defined(__mips64)
# define CONFIG_MIPS 1
# define CONFIG_32BIT 1
# define CONFIG_CPU_MIPS32 1
# define CONFIG_PGTABLE_LEVELS 2
#elif defined(__arm__)
# define CONFIG_ARM 1
# ifdef CONFIG_ARM_LPAE
#  define CONFIG_PHYS_ADDR_T_64BIT 1
#  define CONFIG_PGTABLE_LEVELS 3
# else
#  define CONFIG_PGTABLE_LEVELS 2
# endif
#elif defined(__aarch64__)
# define CONFIG_ARM64 1
# define CONFIG_64BIT 1
# define CONFIG_PGTABLE_LEVELS 4
#else
# error "ptwalk shim: unsupported target (see testsuite/targets.def)"
#endif

/*
 * A 64-bit pte on a 32-bit CPU that loads it as two 32-bit words: the
 * lockless reader must use the low/high/low protocol.  ARM LPAE is not
 * here: its 64-bit LDRD is single-copy atomic.
 */
#if (defined(CONFIG_X86_PAE) || \
     (defined(CONFIG_CPU_MIPS32) && defined(CONFIG_PHYS_ADDR_T_64BIT)))
# define CONFIG_GUP_GET_PTE_LOW_HIGH 1
#endif

#define CONFIG_MMU 1
#define CONFIG_SMP 1
#define CONFIG_TRANSPARENT_HUGEPAGE 1
#define CONFIG_HUGETLB_PAGE 1

/*
 * The model gives every configuration pte_special(), so that the pte-level
 * walker of a corpus file is compiled, and its expectations checked, on
 * every target.  (Real 3.x arm and mips lacked it and used a stub that
 * pins nothing; corpus/clean/ has such a stub.)
 */
#if PTWALK_ERA == 3
# define __HAVE_ARCH_PTE_SPECIAL 1
# define CONFIG_HAVE_GENERIC_RCU_GUP 1
#else
# define CONFIG_ARCH_HAS_PTE_SPECIAL 1
# define CONFIG_ARCH_HAS_PTE_DEVMAP 1
# define CONFIG_HAVE_FAST_GUP 1
#endif

#endif /* _LINUX_KCONFIG_H */
