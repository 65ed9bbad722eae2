/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clock the guest programs time and bound their waits with:
 * CLOCK_MONOTONIC in seconds (host time under plain TCG, an instruction
 * count under QEMU -icount).
 */
#ifndef GUEST_CLOCK_H
#define GUEST_CLOCK_H

double now_sec(void);

#endif
