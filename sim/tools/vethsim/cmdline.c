// SPDX-License-Identifier: GPL-2.0
/*
 * Splitting a command line the way bash does for the small language the
 * scenario scripts use: words, '...' and "..." quotes, backslash escapes,
 * # comments, a trailing &, and > / >> / 2> redirections. Pipes, lists,
 * variables and substitutions are refused with a message, never guessed.
 */
#include <stdlib.h>
#include <string.h>
#include "vethsim/vethsim.h"
#include "vethsim/shell.h"

#define MAX_ARGS 256

struct word {
	struct strbuf	sb;
	bool		started;
	bool		glob;		/* an unquoted * ? [: bash expands it */
};

static void set_error(struct vs_cmdline *cl, const char *msg)
{
	if (!cl->error)
		cl->error = strdup(msg);
}

static void push_word(struct vs_cmdline *cl, struct word *w, int *redir)
{
	char *s;

	if (!w->started)
		return;
	s = sb_detach(&w->sb);
	w->started = false;
	if (!*redir && cl->argc < MAX_ARGS)
		cl->glob[cl->argc] = w->glob;
	w->glob = false;
	if (*redir) {
		char **slot = *redir == 2 ? &cl->redir_err : &cl->redir_out;

		free(*slot);
		*slot = s;
		*redir = 0;
		return;
	}
	if (cl->argc >= MAX_ARGS) {
		set_error(cl, "too many arguments");
		free(s);
		return;
	}
	cl->argv[cl->argc++] = s;
	cl->argv[cl->argc] = NULL;
}

int vs_parse_cmdline(const char *line, struct vs_cmdline *cl)
{
	struct word w = { .started = false };
	const char *p = line;
	int redir = 0;		/* 1: next word is the stdout file, 2: stderr */

	memset(cl, 0, sizeof(*cl));
	cl->argv = calloc(MAX_ARGS + 1, sizeof(char *));
	cl->glob = calloc(MAX_ARGS + 1, sizeof(bool));
	if (!cl->argv || !cl->glob)
		return -1;
	sb_init(&w.sb);
	while (*p && !cl->error) {
		char c = *p;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			push_word(cl, &w, &redir);
			p++;
			continue;
		}
		if (c == '#' && !w.started)
			break;			/* comment to end of line */
		if (c == '\'') {
			const char *q = strchr(p + 1, '\'');

			if (!q) {
				set_error(cl, "unexpected EOF while looking for matching `''");
				break;
			}
			sb_write(&w.sb, p + 1, (size_t)(q - p - 1));
			w.started = true;
			p = q + 1;
			continue;
		}
		if (c == '"') {
			p++;
			w.started = true;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1] &&
				    strchr("\"\\$`", p[1])) {
					sb_write(&w.sb, p + 1, 1);
					p += 2;
					continue;
				}
				if (*p == '$' || *p == '`') {
					set_error(cl, "variables and command substitution are not supported");
					break;
				}
				sb_write(&w.sb, p, 1);
				p++;
			}
			if (cl->error)
				break;
			if (*p != '"') {
				set_error(cl, "unexpected EOF while looking for matching `\"'");
				break;
			}
			p++;
			continue;
		}
		if (c == '\\') {
			if (p[1]) {
				sb_write(&w.sb, p + 1, 1);
				w.started = true;
				p += 2;
			} else {
				p++;
			}
			continue;
		}
		if (c == '|' || c == ';' || c == '<' || c == '(' || c == ')') {
			set_error(cl, "pipes, lists and subshells are not supported (one command per line)");
			break;
		}
		if (c == '$' || c == '`') {
			set_error(cl, "variables and command substitution are not supported");
			break;
		}
		if (c == '&') {
			const char *q = p + 1;

			if (*q == '&') {
				set_error(cl, "'&&' is not supported (one command per line)");
				break;
			}
			while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
				q++;
			if (*q && *q != '#') {
				set_error(cl, "'&' is only allowed at the end of a line");
				break;
			}
			push_word(cl, &w, &redir);
			cl->background = true;
			break;
		}
		if (c == '>' || (c == '2' && p[1] == '>' && !w.started)) {
			push_word(cl, &w, &redir);
			if (redir) {
				set_error(cl, "syntax error near unexpected token `>'");
				break;
			}
			if (c == '2') {
				redir = 2;
				p += 2;
			} else {
				redir = 1;
				p++;
				if (*p == '>') {
					cl->redir_append = true;
					p++;
				}
			}
			if (*p == '&' || *p == '>') {
				set_error(cl, "this redirection is not supported");
				break;
			}
			continue;
		}
		if (c == '*' || c == '?' || c == '[')
			w.glob = true;
		sb_write(&w.sb, p, 1);
		w.started = true;
		p++;
	}
	if (!cl->error)
		push_word(cl, &w, &redir);
	sb_free(&w.sb);
	if (!cl->error && redir)
		set_error(cl, "syntax error near unexpected token `newline'");
	if (!cl->error && cl->argc == 0 &&
	    (cl->background || cl->redir_out || cl->redir_err))
		set_error(cl, "syntax error: missing command");
	return cl->error ? -1 : 0;
}

void vs_cmdline_free(struct vs_cmdline *cl)
{
	int i;

	if (cl->argv) {
		for (i = 0; i < cl->argc; i++)
			free(cl->argv[i]);
		free(cl->argv);
	}
	free(cl->glob);
	free(cl->redir_out);
	free(cl->redir_err);
	free(cl->error);
	memset(cl, 0, sizeof(*cl));
}

/* @line without leading blanks and trailing blanks/newline, malloc()ed. */
char *vs_trim(const char *line)
{
	const char *b = line, *e;
	char *s;

	while (*b == ' ' || *b == '\t')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		e--;
	s = malloc((size_t)(e - b) + 1);
	if (!s)
		abort();
	memcpy(s, b, (size_t)(e - b));
	s[e - b] = '\0';
	return s;
}
