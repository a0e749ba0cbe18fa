// SPDX-License-Identifier: GPL-2.0
/*
 * The few /proc files the kit reads and writes: /proc/sys/... (through the
 * kernel's sysctl table), /proc/net/dev, /proc/net/arp and
 * /proc/net/softnet_stat; and /sys/class/net (read(2) and readdir(3) of
 * net/core/net-sysfs.c), with cat's and GNU ls's output and messages.
 * 6.1: fs/proc/proc_sysctl.c; softnet_stat comes from net/core/net-procfs.c.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/sysctl.h>
#include <net/arp.h>
#include "vethsim/vethsim.h"

/* cat /proc/net/softnet_stat: the kernel's softnet_seq_show() text. */
static void softnet_stat_show(void)
{
	char buf[1024];
	size_t need = softnet_seq_show(buf, sizeof(buf));

	if (need < sizeof(buf)) {
		vs_puts(buf);
	} else {
		char *big = malloc(need + 1);

		if (!big)
			return;
		softnet_seq_show(big, need + 1);
		vs_puts(big);
		free(big);
	}
}

/* cat /proc/net/dev: the kernel's dev_seq_show() text for our namespace. */
static void net_dev_show(void)
{
	size_t need = dev_seq_show(vs_net(), NULL, 0);
	char *buf = malloc(need + 1);

	if (!buf)
		return;
	dev_seq_show(vs_net(), buf, need + 1);
	vs_puts(buf);
	free(buf);
}

/* cat /proc/net/arp: the kernel's arp_seq_show() text for our namespace. */
static void net_arp_show(void)
{
	size_t need = arp_seq_show(vs_net(), NULL, 0);
	char *buf = malloc(need + 1);

	if (!buf)
		return;
	arp_seq_show(vs_net(), buf, need + 1);
	vs_puts(buf);
	free(buf);
}

/*
 * coreutils quotef(): a name with characters the shell would take apart
 * is shown in single quotes, others as they are.
 */
static const char *quotef(const char *name)
{
	static char buf[600];

	if (!strpbrk(name, " \t\n*?[]\"\\$`!&;|<>(){}#~^'") ||
	    strlen(name) > sizeof(buf) - 3 || strchr(name, '\''))
		return name;
	snprintf(buf, sizeof(buf), "'%s'", name);
	return buf;
}

int do_cat(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		const char *f = argv[i];
		char value[512];

		if (!strcmp(f, "/proc/net/softnet_stat")) {
			softnet_stat_show();
			continue;
		}
		if (!strcmp(f, "/proc/net/dev")) {
			net_dev_show();
			continue;
		}
		if (!strcmp(f, "/proc/net/arp")) {
			net_arp_show();
			continue;
		}
		if (!strncmp(f, "/sys/", 5)) {
			char buf[PAGE_SIZE];
			long n = net_sysfs_read(vs_net(), f, buf);

			if (n < 0) {
				vs_eprintf("cat: %s: %s\n", quotef(f),
					   strerror((int)-n));
				rc = 1;
			} else if (n > 0) {
				buf[n] = '\0';
				vs_puts(buf);
			}
			continue;
		}
		if (!strncmp(f, "/proc/sys/", 10) &&
		    sysctl_read(vs_net(), f, value, sizeof(value)) == 0) {
			vs_printf("%s\n", value);
			continue;
		}
		vs_eprintf("cat: %s: No such file or directory\n", f);
		rc = 1;
	}
	return rc;
}

/* echo DATA > PATH, as bash reports its failures. */
bool proc_file_exists(const char *path)
{
	char value[PAGE_SIZE];

	if (!strncmp(path, "/sys/", 5))
		return net_sysfs_read(vs_net(), path, value) != -ENOENT;
	return !strncmp(path, "/proc/sys/", 10) &&
	       sysctl_read(vs_net(), path, value, sizeof(value)) == 0;
}

int proc_write_file(const char *who, const char *path, const char *data)
{
	int err;

	if (!strncmp(path, "/sys/", 5)) {
		long n = net_sysfs_write(vs_net(), path, data, strlen(data));

		/* bash's open() fails with the first three, echo's write()
		 * with the store()'s error */
		err = n < 0 ? (int)n : 0;
		if (err == -EISDIR) {
			vs_eprintf("bash: line 1: %s: Is a directory\n", path);
			return 1;
		}
	} else if (strncmp(path, "/proc/sys/", 10)) {
		vs_eprintf("bash: line 1: %s: vethsim can write only to /proc/sys and /sys\n",
			   path);
		return 1;
	} else {
		err = sysctl_write(vs_net(), path, data);
	}
	if (err == -ENOENT) {
		vs_eprintf("bash: line 1: %s: No such file or directory\n", path);
		return 1;
	}
	if (err == -EPERM || err == -EACCES) {
		vs_eprintf("bash: line 1: %s: Permission denied\n", path);
		return 1;
	}
	if (err) {
		if (!strcmp(who, "echo"))
			vs_eprintf("bash: line 1: echo: write error: %s\n",
				   strerror(-err));
		else
			vs_eprintf("%s: write error: %s\n", who, strerror(-err));
		return 1;
	}
	return 0;
}

/* ---- ls -------------------------------------------------------------- */

struct ls_names {
	char	**v;
	size_t	n;
};

static void ls_collect(const char *name, void *arg)
{
	struct ls_names *l = arg;
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));

	if (!v)
		abort();
	l->v = v;
	l->v[l->n] = strdup(name);
	if (!l->v[l->n])
		abort();
	l->n++;
}

static int ls_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* coreutils ls.c indent(): tabs where a tab stop is passed, then spaces. */
static void ls_indent(size_t from, size_t to)
{
	while (from < to) {
		if (to / 8 > (from + 1) / 8) {
			vs_puts("\t");
			from += 8 - from % 8;
		} else {
			vs_puts(" ");
			from++;
		}
	}
}

/*
 * coreutils ls.c print_many_per_line(), as on a terminal 80 columns wide
 * (the runner's pty has no size): the most columns that fit, names down
 * the columns, two spaces at least between them.
 */
static void ls_columns(char **v, size_t n)
{
	size_t cols, best = 1, r, c;

	for (cols = 1; cols <= n && cols <= 80 / 3; cols++) {
		size_t rows = (n + cols - 1) / cols, width = 0;

		for (c = 0; c < cols; c++) {
			size_t w = 0;

			for (r = 0; r < rows && c * rows + r < n; r++) {
				size_t len = strlen(v[c * rows + r]) +
					     (c == cols - 1 ? 0 : 2);

				if (len > w)
					w = len;
			}
			width += w;
		}
		if (width < 80)
			best = cols;
	}
	{
		size_t rows = (n + best - 1) / best;

		for (r = 0; r < rows; r++) {
			size_t pos = 0;

			for (c = 0; c < best; c++) {
				size_t i = c * rows + r, w = 0, k;

				if (i >= n)
					break;
				vs_puts(v[i]);
				if (c == best - 1 || i + rows >= n)
					break;
				for (k = c * rows; k < (c + 1) * rows && k < n; k++)
					if (strlen(v[k]) + 2 > w)
						w = strlen(v[k]) + 2;
				ls_indent(pos + strlen(v[i]), pos + w);
				pos += w;
			}
			vs_puts("\n");
		}
	}
}

/*
 * ls [-d] PATH... under /sys/class/net: what GNU ls prints on a terminal:
 * files (and, with -d, directories) named first in columns, then each
 * directory's entries, under a "DIR:" header when there are several.
 */
int do_ls(int argc, char **argv)
{
	struct ls_names files = { NULL, 0 }, dirs = { NULL, 0 };
	bool dflag = false, first = true;
	int i, rc = 0, err;
	size_t k;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-d")) {
			vs_eprintf("vethsim: ls: only -d is simulated\n");
			return 2;
		}
		dflag = true;
	}
	if (i == argc) {
		vs_eprintf("vethsim: ls: give a path under /sys/class/net\n");
		return 2;
	}
	for (; i < argc; i++) {
		struct ls_names probe = { NULL, 0 };

		if (strncmp(argv[i], "/sys/", 5)) {
			vs_eprintf("vethsim: ls: only /sys/class/net is simulated\n");
			return 2;
		}
		err = net_sysfs_readdir(vs_net(), argv[i], ls_collect, &probe);
		for (k = 0; k < probe.n; k++)
			free(probe.v[k]);
		free(probe.v);
		if (err == -ENOTDIR || (!err && dflag)) {
			ls_collect(argv[i], &files);
		} else if (!err) {
			ls_collect(argv[i], &dirs);
		} else {
			vs_eprintf("ls: cannot access '%s': %s\n", argv[i],
				   strerror(-err));
			rc = 2;
		}
	}
	qsort(files.v, files.n, sizeof(*files.v), ls_cmp);
	qsort(dirs.v, dirs.n, sizeof(*dirs.v), ls_cmp);
	if (files.n) {
		ls_columns(files.v, files.n);
		first = false;
	}
	for (k = 0; k < dirs.n; k++) {
		struct ls_names l = { NULL, 0 };
		size_t j;

		if (!first)
			vs_puts("\n");
		first = false;
		if (files.n + dirs.n > 1 || rc)
			vs_printf("%s:\n", dirs.v[k]);
		net_sysfs_readdir(vs_net(), dirs.v[k], ls_collect, &l);
		qsort(l.v, l.n, sizeof(*l.v), ls_cmp);
		if (l.n)
			ls_columns(l.v, l.n);
		for (j = 0; j < l.n; j++)
			free(l.v[j]);
		free(l.v);
	}
	for (k = 0; k < files.n; k++)
		free(files.v[k]);
	for (k = 0; k < dirs.n; k++)
		free(dirs.v[k]);
	free(files.v);
	free(dirs.v);
	return rc;
}

/* ---- pathname expansion ----------------------------------------------- */

static bool glob_is_dir(const char *path)
{
	struct ls_names l = { NULL, 0 };
	size_t i;
	int err = net_sysfs_readdir(vs_net(), path, ls_collect, &l);

	for (i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	return !err;
}

/* Match @rest (components separated by '/') below the directory @dir. */
static void glob_walk(const char *dir, const char *rest, struct ls_names *out)
{
	struct ls_names l = { NULL, 0 };
	const char *slash = strchr(rest, '/');
	size_t clen = slash ? (size_t)(slash - rest) : strlen(rest);
	char comp[256];
	size_t i;

	if (!clen) {		/* "a//b" or a trailing '/' */
		if (!slash) {
			ls_collect(dir, out);
			return;
		}
		glob_walk(dir, slash + 1, out);
		return;
	}
	if (clen >= sizeof(comp))
		return;
	memcpy(comp, rest, clen);
	comp[clen] = '\0';
	if (net_sysfs_readdir(vs_net(), dir, ls_collect, &l))
		return;
	qsort(l.v, l.n, sizeof(*l.v), ls_cmp);
	for (i = 0; i < l.n; i++) {
		char path[520];

		/* bash: a leading '.' is matched only by a '.' */
		if (fnmatch(comp, l.v[i], FNM_PERIOD))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, l.v[i]);
		if (!slash)
			ls_collect(path, out);
		else if (slash[1])
			glob_walk(path, slash + 1, out);
		else if (glob_is_dir(path) && strlen(path) + 2 <= sizeof(path))
			ls_collect(strcat(path, "/"), out);	/* "dir/" */
	}
	for (i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
}

void proc_glob(const char *pattern, char ***argv, int *argc)
{
	struct ls_names out = { NULL, 0 };
	size_t i;

	if (strncmp(pattern, "/sys/class/net/", 15))
		return;
	glob_walk("/sys/class/net", pattern + 15, &out);
	for (i = 0; i < out.n; i++) {
		char **v = realloc(*argv, ((size_t)*argc + 2) * sizeof(*v));

		if (!v)
			abort();
		*argv = v;
		(*argv)[(*argc)++] = out.v[i];
		(*argv)[*argc] = NULL;
	}
	free(out.v);
}
