// SPDX-License-Identifier: GPL-2.0
/*
 * sysctl: read and write /proc/sys of the current namespace.
 * procps-ng sysctl.c (ReadSetting, WriteSetting, the messages).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sysctl.h>
#include "vethsim/vethsim.h"

struct sysctl_opts {
	bool	names_only;	/* -N */
	bool	values_only;	/* -n */
	bool	quiet;		/* -q */
	bool	ignore;		/* -e */
};

static void usage(void)
{
	vs_eprintf(
"\nUsage:\n"
" sysctl [options] [variable[=value] ...]\n"
"\n"
"Options:\n"
"  -a, --all            display all variables\n"
"  -A                   alias of -a\n"
"  -X                   alias of -a\n"
"      --deprecated     include deprecated parameters to listing\n"
"      --dry-run        Print the key and values but do not write\n"
"  -b, --binary         print value without new line\n"
"  -e, --ignore         ignore unknown variables errors\n"
"  -N, --names          print variable names without values\n"
"  -n, --values         print only values of the given variable(s)\n"
"  -p, --load[=<file>]  read values from file\n"
"  -f                   alias of -p\n"
"      --system         read values from all system directories\n"
"  -r, --pattern <expression>\n"
"                       select setting that match expression\n"
"  -q, --quiet          do not echo variable set\n"
"  -w, --write          enable writing a value to variable\n"
"  -o                   does nothing\n"
"  -x                   does nothing\n"
"  -d                   alias of -h\n"
"\n"
" -h, --help     display this help and exit\n"
" -V, --version  output version information and exit\n"
"\n"
"For more details see sysctl(8).\n");
}

/* "net.ipv4.conf.veth0.rp_filter" -> "net/ipv4/conf/veth0/rp_filter" */
static void to_path(const char *name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] == '.' ? '/' : name[i];
	buf[i] = '\0';
}

static void to_dotted(const char *name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] == '/' ? '.' : name[i];
	buf[i] = '\0';
}

static void print_setting(const struct sysctl_opts *o, const char *dotted,
			  const char *value)
{
	if (o->names_only)
		vs_printf("%s\n", dotted);
	else if (o->values_only)
		vs_printf("%s\n", value);
	else
		vs_printf("%s = %s\n", dotted, value);
}

static int read_setting(const struct sysctl_opts *o, const char *name)
{
	char path[512], dotted[512], value[512];
	int err;

	to_path(name, path, sizeof(path));
	to_dotted(name, dotted, sizeof(dotted));
	err = sysctl_read(vs_net(), dotted, value, sizeof(value));
	if (err) {
		if (o->ignore)
			return 0;
		vs_eprintf("sysctl: cannot stat /proc/sys/%s: No such file or directory\n",
			   path);
		return 1;
	}
	print_setting(o, dotted, value);
	return 0;
}

static int write_setting(const struct sysctl_opts *o, const char *setting)
{
	char name[512], path[512], dotted[512], value[512];
	const char *eq = strchr(setting, '=');
	size_t n;
	int err;

	if (!eq) {
		vs_eprintf("sysctl: command line(0): invalid syntax, continuing...\n");
		return 1;
	}
	n = (size_t)(eq - setting);
	if (n == 0) {
		vs_eprintf("sysctl: malformed setting \"%s\"\n", setting);
		return 1;
	}
	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, setting, n);
	name[n] = '\0';
	while (n && name[n - 1] == ' ')
		name[--n] = '\0';
	to_path(name, path, sizeof(path));
	to_dotted(name, dotted, sizeof(dotted));
	snprintf(value, sizeof(value), "%s", eq + 1);
	err = sysctl_write(vs_net(), dotted, value);
	if (err == -ENOENT) {
		if (o->ignore)
			return 0;
		vs_eprintf("sysctl: cannot stat /proc/sys/%s: No such file or directory\n",
			   path);
		return 1;
	}
	if (err == -EPERM || err == -EACCES) {
		vs_eprintf("sysctl: permission denied on key \"%s\"\n", dotted);
		return 1;
	}
	if (err) {
		vs_eprintf("sysctl: setting key \"%s\": %s\n", dotted, strerror(-err));
		return 1;
	}
	if (!o->quiet)
		print_setting(o, dotted, value);
	return 0;
}

static int walk_print(const char *name, const char *value, void *arg)
{
	print_setting(arg, name, value);
	return 0;
}

int do_sysctl(int argc, char **argv)
{
	struct sysctl_opts o = { false, false, false, false };
	bool write_mode = false, all = false, any = false;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1])
			continue;
		if (!strcmp(a, "--write")) {
			write_mode = true;
			continue;
		}
		if (!strcmp(a, "--all")) {
			all = true;
			continue;
		}
		if (!strcmp(a, "--values")) {
			o.values_only = true;
			continue;
		}
		if (!strcmp(a, "--names")) {
			o.names_only = true;
			continue;
		}
		if (!strcmp(a, "--quiet")) {
			o.quiet = true;
			continue;
		}
		if (!strcmp(a, "--ignore")) {
			o.ignore = true;
			continue;
		}
		if (!strncmp(a, "--", 2)) {
			vs_eprintf("sysctl: unrecognized option '%s'\n", a);
			usage();
			return 1;
		}
		for (a++; *a; a++) {
			switch (*a) {
			case 'w':
				write_mode = true;
				break;
			case 'n':
				o.values_only = true;
				break;
			case 'N':
				o.names_only = true;
				break;
			case 'q':
				o.quiet = true;
				break;
			case 'e':
				o.ignore = true;
				break;
			case 'a':
			case 'A':
			case 'X':
				all = true;
				break;
			case 'o':
			case 'x':
				break;
			case 'h':
			case 'd':
				usage();
				return 0;
			default:
				vs_eprintf("sysctl: invalid option -- '%c'\n", *a);
				usage();
				return 1;
			}
		}
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			continue;
		any = true;
		if (write_mode || strchr(argv[i], '='))
			rc |= write_setting(&o, argv[i]);
		else
			rc |= read_setting(&o, argv[i]);
	}
	if (all) {
		sysctl_walk(vs_net(), NULL, walk_print, &o);
		return 0;
	}
	if (!any) {
		usage();
		return 1;
	}
	return rc ? 1 : 0;
}
