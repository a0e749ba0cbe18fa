/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Booting and stopping the simulated kernel. 6.1: include/linux/start_kernel.h
 * declares start_kernel(); a kernel never shuts down in the sense the
 * simulator needs (free everything so the next boot in the same process
 * starts clean and ASan sees no leak).
 */
#ifndef _SIM_LINUX_START_KERNEL_H
#define _SIM_LINUX_START_KERNEL_H

#include <linux/types.h>

int sim_start_kernel(void);
void sim_shutdown_kernel(void);
bool sim_kernel_booted(void);

#endif
