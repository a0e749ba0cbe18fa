// SPDX-License-Identifier: GPL-2.0
/* Parsing and messages shared by the ip commands. iproute2 6.1: lib/utils.c. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include "ip/ip_common.h"

bool matches(const char *prefix, const char *string)
{
	if (!*prefix)
		return false;
	while (*string && *prefix == *string) {
		prefix++;
		string++;
	}
	return *prefix == '\0';
}

int invarg(const char *msg, const char *arg)
{
	vs_eprintf("Error: argument \"%s\" is wrong: %s\n", arg, msg);
	return 255;
}

int nodev(const char *dev)
{
	vs_eprintf("Cannot find device \"%s\"\n", dev);
	return 1;
}

int duparg2(const char *key, const char *arg)
{
	vs_eprintf("Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n",
		   key, arg);
	return 255;
}

int incomplete_command(void)
{
	vs_eprintf("Command line is not complete. Try option \"help\"\n");
	return 255;
}

int rtnl_report(int err, const struct netlink_ext_ack *extack)
{
	if (!err)
		return 0;
	if (extack && extack->_msg && *extack->_msg) {
		vs_eprintf("Error: %s.\n", extack->_msg);
	} else {
		vs_eprintf("RTNETLINK answers: %s\n", strerror(err < 0 ? -err : err));
	}
	return 2;
}

/* get_addr_1(): a dotted quad, each part 0..255, exactly four parts. */
int get_addr_ipv4(const char *arg, uint32_t *addr)
{
	unsigned int part[4];
	int i;
	const char *p = arg;

	for (i = 0; i < 4; i++) {
		unsigned long v = 0;
		int digits = 0;

		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (unsigned long)(*p - '0');
			if (v > 255)
				return -1;
			p++;
			digits++;
		}
		if (!digits)
			return -1;
		part[i] = (unsigned int)v;
		if (i < 3) {
			if (*p != '.')
				return -1;
			p++;
		}
	}
	if (*p)
		return -1;
	/* network byte order in memory, as inet_pton gives */
	*addr = (uint32_t)part[0] | (uint32_t)part[1] << 8 |
		(uint32_t)part[2] << 16 | (uint32_t)part[3] << 24;
	return 0;
}

int get_prefix_ipv4(const char *arg, uint32_t *addr, int *len)
{
	char buf[64];
	char *slash;
	unsigned long long l;

	if (strlen(arg) >= sizeof(buf))
		return -1;
	strcpy(buf, arg);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (get_addr_ipv4(buf, addr) < 0)
		return -1;
	*len = -1;
	if (slash) {
		if (!vs_parse_uint(slash + 1, 32, &l))
			return -1;
		*len = (int)l;
	}
	return 0;
}

const char *format_host_ipv4(uint32_t a, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u.%u", a & 0xff, (a >> 8) & 0xff,
		 (a >> 16) & 0xff, a >> 24);
	return buf;
}

/*
 * lib/ll_addr.c ll_addr_a2n(): colon-separated parts, each read with
 * sscanf("%x") (so "0g" reads as 0) and checked to fit a byte; the message
 * names the part that failed. Returns the number of parts (len + 1 when
 * there are more than len), or -1.
 */
int ll_addr_a2n(uint8_t *lladdr, int len, const char *arg)
{
	char buf[128];
	char *part = buf;
	int i;

	if (strchr(arg, '.') || strlen(arg) >= sizeof(buf)) {
		vs_eprintf("\"%s\" is invalid lladdr.\n", arg);
		return -1;
	}
	strcpy(buf, arg);
	for (i = 0; i < len; i++) {
		char *cp = strchr(part, ':');
		unsigned int temp;

		if (cp)
			*cp++ = '\0';
		if (sscanf(part, "%x", &temp) != 1 || temp > 255) {
			vs_eprintf("\"%s\" is invalid lladdr.\n", part);
			return -1;
		}
		lladdr[i] = (uint8_t)temp;
		if (!cp)
			break;
		part = cp;
	}
	return i + 1;
}

const char *ll_addr_n2a(const uint8_t *addr, int alen, char *buf, size_t size)
{
	size_t off = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < alen && off + 4 <= size; i++)
		off += (size_t)snprintf(buf + off, size - off, i ? ":%02x" : "%02x",
					addr[i]);
	return buf;
}

/* get_integer(val, arg, 0): strtol() base 0, all of arg, an int. */
bool get_integer(int *val, const char *arg)
{
	char *end;
	long v;

	if (!*arg)
		return false;
	errno = 0;
	v = strtol(arg, &end, 0);
	if (*end || errno || v < INT_MIN || v > INT_MAX)
		return false;
	*val = (int)v;
	return true;
}

bool get_unsigned(unsigned int *val, const char *arg)
{
	unsigned long long v;

	if (!vs_parse_uint(arg, 0xffffffffull, &v))
		return false;
	*val = (unsigned int)v;
	return true;
}

const char *format_host_ipv6(const uint8_t *a16, char *buf, size_t size)
{
	if (!inet_ntop(AF_INET6, a16, buf, (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}
