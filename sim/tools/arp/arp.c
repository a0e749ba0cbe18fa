// SPDX-License-Identifier: GPL-2.0
/*
 * arp: the ARP cache as net-tools 2.10 shows it. Like the real one it
 * reads /proc/net/arp (the kernel's arp_seq_show() text) and prints each
 * line it keeps in the Linux style (default, -e) or the BSD style (-a).
 * Display only: -n, -a, -e, -v, -i IF and a host address; -s, -d and
 * -f are not simulated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/arp.h>
#include "vethsim/vethsim.h"

#define ATF_COM		0x02
#define ATF_PERM	0x04
#define ATF_PUBL	0x08

static const char usage_text[] =
	"Usage:\n"
	"  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache\n"
	"  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry\n"
	"  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file\n"
	"  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry\n"
	"  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-\n"
	"\n"
	"        -a                       display (all) hosts in alternative (BSD) style\n"
	"        -e                       display (all) hosts in default (Linux) style\n"
	"        -s, --set                set a new ARP entry\n"
	"        -d, --delete             delete a specified entry\n"
	"        -v, --verbose            be verbose\n"
	"        -n, --numeric            don't resolve names\n"
	"        -i, --device             specify network interface (e.g. eth0)\n"
	"        -D, --use-device         read <hwaddr> from given device\n"
	"        -A, -p, --protocol       specify protocol family\n"
	"        -f, --file               read new entries from file or from /etc/ethers\n"
	"\n"
	"  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether\n"
	"  List of possible hardware types (which support ARP):\n"
	"    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n"
	"    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) \n"
	"    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n"
	"    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) \n";

static int usage(void)
{
	vs_eprintf("Usage:\n%s", usage_text);
	return 3;	/* E_USAGE */
}

/* 1.2.3.4 only: the simulator has no resolver */
static bool numeric_host(const char *s)
{
	unsigned int a, b, c, d;
	char tail;

	return sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 &&
	       a < 256 && b < 256 && c < 256 && d < 256;
}

/* net-tools arp.c arp_disp(): the Linux style */
static void arp_disp(int *title, const char *ip, int flags, const char *hwa,
		     const char *dev)
{
	char fl[8] = "";

	if ((*title)++ == 0)
		vs_printf("Address                  HWtype  HWaddress           Flags Mask            Iface\n");
	if (flags & ATF_COM)
		strcat(fl, "C");
	if (flags & ATF_PERM)
		strcat(fl, "M");
	vs_printf("%-23.23s  ", ip);
	if (!(flags & ATF_COM))
		vs_printf("%-8.8s%-20.20s", "", "(incomplete)");
	else
		vs_printf("%-8.8s%-20.20s", "ether", hwa);
	vs_printf("%-6.6s%-15.15s %s\n", fl, "", dev);
}

/* net-tools arp.c arp_disp_2(): the BSD style; -n names every host "?" */
static void arp_disp_2(const char *ip, int flags, const char *hwa,
		       const char *dev)
{
	vs_printf("? (%s) at ", ip);
	if (!(flags & ATF_COM))
		vs_printf("<incomplete> ");
	else
		vs_printf("%s [ether] ", hwa);
	if (flags & ATF_PERM)
		vs_printf("PERM ");
	vs_printf("on %s\n", dev);
}

/* net-tools arp.c arp_show() */
static int arp_show(const char *host, const char *device, bool bsd,
		    bool verbose)
{
	size_t need = arp_seq_show(vs_net(), NULL, 0);
	char *buf = malloc(need + 1), *line, *save = NULL;
	int entries = 0, showed = 0, title = 0;

	if (!buf)
		return 1;
	arp_seq_show(vs_net(), buf, need + 1);
	line = strtok_r(buf, "\n", &save);	/* the header */
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char ip[100], hwa[100], mask[100], dev[100];
		unsigned int type, flags;

		if (sscanf(line, "%99s 0x%x 0x%x %99s %99s %99s", ip, &type,
			   &flags, hwa, mask, dev) != 6)
			continue;
		entries++;
		if (host && strcmp(ip, host))
			continue;
		if (device && strcmp(dev, device))
			continue;
		showed++;
		if (bsd)
			arp_disp_2(ip, (int)flags, hwa, dev);
		else
			arp_disp(&title, ip, (int)flags, hwa, dev);
	}
	free(buf);
	if (verbose)
		vs_printf("Entries: %d\tSkipped: %d\tFound: %d\n", entries,
			  entries - showed, showed);
	if (!showed) {
		if (host && !bsd)
			vs_printf("%s (%s) -- no entry\n", host, host);
		else if (host || device)
			vs_printf("arp: in %d entries no match found.\n", entries);
	}
	return 0;
}

int do_arp(int argc, char **argv)
{
	const char *host = NULL, *device = NULL;
	bool bsd = false, verbose = false;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			if (host)
				return usage();
			host = a;
			continue;
		}
		for (a++; *a; a++) {
			switch (*a) {
			case 'n':
				break;	/* numeric: all the simulator knows */
			case 'a':
				bsd = true;
				break;
			case 'e':
				bsd = false;
				break;
			case 'v':
				verbose = true;
				break;
			case 'i':
				if (a[1])
					device = a + 1;
				else if (i + 1 < argc)
					device = argv[++i];
				else {
					vs_eprintf("arp: option requires an argument -- 'i'\n");
					return usage();
				}
				a += strlen(a) - 1;
				break;
			default:
				if (strchr("sdfDHAp", *a)) {
					vs_eprintf("arp: -%c is not simulated\n", *a);
					return 3;
				}
				vs_eprintf("arp: invalid option -- '%c'\n", *a);
				return usage();
			}
		}
	}
	if (host && !numeric_host(host)) {
		vs_eprintf("%s: Unknown host\n", host);
		return 255;
	}
	return arp_show(host, device, bsd, verbose);
}
