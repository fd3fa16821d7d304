/* SPDX-License-Identifier: MIT */
/*
 * Loading the topology model from the JSON the AWS CLI prints
 * (`aws ec2 describe-vpcs`, `describe-subnets`, ...: shared/spec/paths.md
 * section 1) and AWS's ip-ranges.json. A file may hold one command's output
 * or several top-level keys merged into one object; unknown keys and fields
 * are ignored. Errors name the file, line, column and JSON path.
 */
#ifndef FLOWPATH_TOPOLOGY_JSON_H
#define FLOWPATH_TOPOLOGY_JSON_H

#include <stddef.h>

#include "diag.h"
#include "topo.h"

enum topo_json_error {
	TJ_E_OPEN = -30,  /* cannot read the file */
	TJ_E_SYNTAX = -31, /* malformed JSON */
	TJ_E_SHAPE = -32, /* a known key or field with the wrong shape */
	TJ_E_EMPTY = -33, /* a directory without .json files, or no known key */
	TJ_E_LIMIT = -34, /* larger than t->max_file_bytes or t->max_ranges */
};

/*
 * Load a topology file, or every *.json file below a directory (sorted),
 * into t (before topo_finish). Returns 0, or an enum topo_json_error with d
 * filled (d->line / d->column set where known; the message holds the JSON
 * path). Objects loaded before an error stay in t.
 */
int topo_load_path(struct topo *t, const char *path, struct diag *d);

/* The same over a buffer in memory; name is used in messages. */
int topo_load_buffer(struct topo *t, const char *name, const char *buf, size_t len,
		     struct diag *d);

/* Load AWS's ip-ranges.json (prefixes and ipv6_prefixes) into t. */
int ipranges_load_path(struct topo *t, const char *path, struct diag *d);
int ipranges_load_buffer(struct topo *t, const char *name, const char *buf, size_t len,
			 struct diag *d);

/*
 * Where the value at a JSON path ("RouteTables[3].Routes[0]") starts in a
 * JSON text: 0 with 1-based *line and *column, -1 when not found.
 */
int json_locate(const char *text, size_t len, const char *path, unsigned long *line,
		unsigned long *column);

/*
 * The JSON path of what text[0..pos) was reading when it stopped (a
 * syntax error at pos, or the end of a cut file), "RouteTables[1].Routes",
 * into out: "" at the top level. Containers deeper than 32 are left out.
 */
void json_path_at(const char *text, size_t pos, char *out, size_t cap);

#endif
