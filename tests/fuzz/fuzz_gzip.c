/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the input reader: the input after its first byte is
 * written to a file named fuzz.gz or fuzz.log (bit 0 of the first byte;
 * the other bits pick a chunk size of 256 B to 32 KiB so that chunks end
 * inside lines and gzip members) and read with scan_file, with and without the reader
 * thread, with every gzip backend this build has. Checks the accounting
 * identities of each scan, that the thread changes nothing, that the
 * backends agree on success and on the records of a good file, and what
 * plain text must give (all of it, or the named error).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "scan.h"
#include "scan_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char path_gz[128], path_log[128];

static void cleanup(void)
{
	unlink(path_gz);
	unlink(path_log);
	rmdir(dir);
}

static void setup(void)
{
	if (dir[0])
		return;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/flowpath-fuzz-XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		abort();
	snprintf(path_gz, sizeof(path_gz), "%s/fuzz.gz", dir);
	snprintf(path_log, sizeof(path_log), "%s/fuzz.log", dir);
	atexit(cleanup);
}

struct run {
	int rc;
	int code;
	uint64_t records;
	struct scan_stats st;
};

static void scan(const char *path, enum input_backend b, int threaded, size_t chunk,
		 struct run *r)
{
	struct scan_opts o;
	struct diag d;
	memset(&o, 0, sizeof(o));
	o.max_line = 128;
	o.input.backend = b;
	o.input.threaded = threaded;
	o.input.chunk_size = chunk;
	o.input.nchunks = 2;
	diag_clear(&d);
	memset(r, 0, sizeof(*r));
	scan_stats_init(&r->st);
	r->rc = scan_file(path, &o, count_record, check_diag, &r->records, &r->st, &d);
	r->code = d.code;
	const struct scan_stats *st = &r->st;
	if (r->rc > 0 || r->rc == SCAN_E_ABORTED)
		abort();
	if (r->rc < 0 && (d.code != r->rc || strcmp(d.file, path) != 0 ||
			  memchr(d.msg, '\0', sizeof(d.msg)) == NULL || d.msg[0] == '\0' ||
			  r->rc < INPUT_E_FORMAT))
		abort();
	if (r->rc == 0 && d.code != 0)
		abort();
	check_identities(st, r->records);
	if (st->files != 1 || st->files_failed != (r->rc < 0))
		abort();
	/* a clean input leaves nothing truncated, nor does trailing garbage
	 * (it comes after a member that ended cleanly) */
	if ((r->rc == 0 || r->rc == INPUT_E_TRAILING) && st->truncated_bytes != 0)
		abort();
}

/* Does the file start like another format (an archive or compressor
 * input.c refuses by its first bytes)? Written out here, apart from
 * input.c's table, as the model. */
static int other_magic(const uint8_t *p, size_t n)
{
	static const struct {
		const char *m;
		size_t n;
	} magic[] = {{"PAR1", 4}, {"PK\3\4", 4}, {"\x28\xb5\x2f\xfd", 4},
		     {"BZh", 3},  {"\xfd" "7zXZ", 5}, {"7z\xbc\xaf\x27\x1c", 6}};
	for (size_t i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
		if (n >= magic[i].n && memcmp(p, magic[i].m, magic[i].n) == 0)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	setup();
	const char *path = (data[0] & 1) ? path_gz : path_log;
	size_t chunk = (size_t)256 << ((data[0] >> 1) % 8);
	data++;
	size--;
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();

	int gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
	static const enum input_backend backends[] = {INPUT_BACKEND_ZLIB, INPUT_BACKEND_ISAL};
	struct run first, r[2];
	int have_first = 0;
	for (int k = 0; k < 2; k++) {
		if (!input_have_backend(backends[k]))
			continue;
		scan(path, backends[k], 0, chunk, &r[0]);
		scan(path, backends[k], 1, chunk, &r[1]);
		/* the reader thread changes nothing */
		if (r[0].rc != r[1].rc || r[0].code != r[1].code || r[0].records != r[1].records ||
		    memcmp(&r[0].st, &r[1].st, sizeof(r[0].st)) != 0)
			abort();
		if (size == 0 && r[0].rc != INPUT_E_EMPTY)
			abort();
		/* another format by its first bytes; a tar header ("ustar" at
		 * 257) is found when the first chunk holds it */
		int other = other_magic(data, size);
		int tar = size >= 262 && memcmp(data + 257, "ustar", 5) == 0;
		if (size > 0 && !gzip && other && r[0].rc != INPUT_E_FORMAT)
			abort();
		if (size > 0 && !gzip && !other && !tar) {
			if (path == path_gz && r[0].rc != INPUT_E_NOT_GZIP)
				abort();
			if (path == path_log &&
			    (r[0].rc != 0 || r[0].st.bytes_text != size || r[0].st.bytes_read != size))
				abort();
		}
		if (gzip && r[0].rc == 0 && r[0].st.bytes_read != size)
			abort();
		if (!have_first) {
			first = r[0];
			have_first = 1;
			continue;
		}
		/* the backends agree on success, and on what a good file holds */
		if ((first.rc == 0) != (r[0].rc == 0))
			abort();
		if (first.rc == 0 &&
		    (first.records != r[0].records || memcmp(&first.st, &r[0].st, sizeof(first.st)) != 0))
			abort();
	}
	return 0;
}
