/* SPDX-License-Identifier: MIT */
/* Input expansion; see walk.h. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

struct dev_ino {
	dev_t dev;
	ino_t ino;
};

void walk_list_init(struct walk_list *l)
{
	memset(l, 0, sizeof(*l));
}

void walk_list_fini(struct walk_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

void walk_list_skip(struct walk_list *l, uint64_t dev, uint64_t ino)
{
	if (l->nskip < 2)
		l->skip[l->nskip++] = (struct walk_skip){dev, ino};
}

static int skipped(const struct walk_list *l, const struct stat *st)
{
	for (int i = 0; i < l->nskip; i++)
		if (l->skip[i].dev == (uint64_t)st->st_dev && l->skip[i].ino == (uint64_t)st->st_ino)
			return 1;
	return 0;
}

void walk_list_add(struct walk_list *l, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->paths = xrealloc(l->paths, l->cap * sizeof(*l->paths));
	}
	l->paths[l->n++] = xstrdup(path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int report(walk_diag_fn on_diag, void *ctx, int code, const char *path, const char *what)
{
	struct diag d;
	diag_set(&d, code, path, 0, "%s", what);
	if (on_diag)
		on_diag(ctx, &d);
	return 1;
}

/* Walk dir; stack holds the directories above it (loop detection). */
static int walk_dir(struct walk_list *l, const char *dir, struct dev_ino *stack, int depth,
		    walk_diag_fn on_diag, void *ctx)
{
	DIR *dp = opendir(dir);
	int problems = 0;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!dp)
		return report(on_diag, ctx, WALK_E_MISSING, dir, strerror(errno));
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);

	size_t dlen = strlen(dir);
	int slash = dlen > 0 && dir[dlen - 1] == '/';
	for (size_t i = 0; i < n; i++) {
		size_t len = dlen + 1 + strlen(names[i]) + 1;
		char *path = xmalloc(len);
		snprintf(path, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
		struct stat st;
		if (stat(path, &st) != 0) {
			problems += report(on_diag, ctx, WALK_E_MISSING, path, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			int loop = 0;
			for (int k = 0; k < depth; k++)
				if (stack[k].dev == st.st_dev && stack[k].ino == st.st_ino)
					loop = 1;
			if (loop) {
				/* its folder is walked where it is: nothing lost */
				report(on_diag, ctx, WALK_E_LOOP, path,
				       "directory loop (a symbolic link to a folder above it), left out: "
				       "its files are read there");
			} else if (depth >= 255) {
				problems += report(on_diag, ctx, WALK_E_DEEP, path,
						   "folders nested more than 255 deep: not read");
			} else {
				stack[depth].dev = st.st_dev;
				stack[depth].ino = st.st_ino;
				problems += walk_dir(l, path, stack, depth + 1, on_diag, ctx);
			}
		} else if (S_ISREG(st.st_mode)) {
			if (!skipped(l, &st))
				walk_list_add(l, path);
		} else {
			problems += report(on_diag, ctx, WALK_E_TYPE, path,
					   "not a regular file or directory");
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return problems;
}

int walk_add(struct walk_list *l, const char *arg, walk_diag_fn on_diag, void *ctx)
{
	struct stat st;
	if (strcmp(arg, "-") == 0) {
		walk_list_add(l, arg);
		return 0;
	}
	if (stat(arg, &st) != 0)
		return report(on_diag, ctx, WALK_E_MISSING, arg, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		struct dev_ino stack[256];
		stack[0].dev = st.st_dev;
		stack[0].ino = st.st_ino;
		return walk_dir(l, arg, stack, 1, on_diag, ctx);
	}
	/* a named FIFO or character device is read as a stream, as given */
	walk_list_add(l, arg);
	return 0;
}
