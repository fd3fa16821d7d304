/* SPDX-License-Identifier: MIT */
/*
 * Expanding INPUT arguments into the list of files to read: files and "-"
 * as given, directories walked recursively in sorted (byte) order, symbolic
 * links to directories followed once (loops detected).
 */
#ifndef FLOWPATH_WALK_H
#define FLOWPATH_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum walk_error {
	WALK_E_MISSING = -20, /* the path does not exist or cannot be read */
	WALK_E_LOOP = -21,    /* a directory symlink loop: a warning, its files are read */
	WALK_E_TYPE = -22,    /* neither a file nor a directory (socket, ...) */
	WALK_E_DEEP = -23,    /* folders nested deeper than 255 levels */
};

struct walk_list {
	char **paths;
	size_t n, cap;
	/* regular files a directory walk leaves out (device, inode) */
	struct walk_skip {
		uint64_t dev, ino;
	} skip[2];
	int nskip;
};

/* Called for each path that cannot be listed, and for each directory
 * loop (code WALK_E_LOOP, a warning: nothing is lost, as the folder is
 * walked where the loop leads); the walk goes on. */
typedef void (*walk_diag_fn)(void *ctx, const struct diag *d);

void walk_list_init(struct walk_list *l);
void walk_list_fini(struct walk_list *l);
/* Directory walks leave out the regular file (dev, ino): the run's own
 * output and its temporary file. At most two; more are ignored. */
void walk_list_skip(struct walk_list *l, uint64_t dev, uint64_t ino);
/* Append a copy of path. */
void walk_list_add(struct walk_list *l, const char *path);

/*
 * Add the files below one INPUT argument to l. Returns the number of
 * problems reported through on_diag, loops left out (0 when all was
 * listed).
 */
int walk_add(struct walk_list *l, const char *arg, walk_diag_fn on_diag, void *ctx);

#endif
