/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the input reader (src/input.c): plain text and gzip told
 * apart by content, concatenated members, truncation at many offsets, CRC
 * and length errors, a non-gzip .gz, empty and header-only files, stdin
 * through a pipe; each with and without the reader thread, with small and
 * default chunks, and with every gzip backend this build has.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "input.h"
#include "testlib.h"

struct config {
	enum input_backend backend;
	int threaded;
	size_t chunk;
};

static struct config configs[12];
static int nconfigs;

struct result {
	int rc;
	char *text;
	size_t len;
	struct diag d;
	uint64_t bytes_read, members;
	int is_gzip;
	int calls;
};

static struct input_opts opts_of(const struct config *c)
{
	struct input_opts o;
	memset(&o, 0, sizeof(o));
	o.backend = c->backend;
	o.threaded = c->threaded;
	o.chunk_size = c->chunk;
	o.nchunks = 3;
	return o;
}

static const char *config_name(const struct config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s chunk %zu",
		 c->backend == INPUT_BACKEND_ZLIB ? "zlib" : "isal",
		 c->threaded ? "threaded" : "inline", c->chunk);
	return buf;
}

/* Read a whole input; the text delivered before any error is kept. */
static void read_all(const char *path, const struct config *c, struct result *r)
{
	struct input_opts o = opts_of(c);
	struct input *in;
	memset(r, 0, sizeof(*r));
	diag_clear(&r->d);
	r->rc = input_open(&in, path, &o, &r->d);
	if (r->rc < 0) {
		assert_null(in);
		return;
	}
	size_t cap = 1024;
	r->text = malloc(cap);
	const char *p;
	size_t n;
	while ((r->rc = input_next(in, &p, &n, &r->d)) > 0) {
		assert_true(n > 0);
		assert_true(n <= (c->chunk ? c->chunk : 4u << 20));
		while (r->len + n + 1 > cap) {
			cap *= 2;
			r->text = realloc(r->text, cap);
		}
		memcpy(r->text + r->len, p, n);
		r->len += n;
		r->calls++;
	}
	r->text[r->len] = '\0';
	/* the end or the error sticks */
	struct diag d2;
	diag_clear(&d2);
	assert_int_equal(input_next(in, &p, &n, &d2), r->rc);
	if (r->rc < 0)
		assert_int_equal(d2.code, r->rc);
	r->bytes_read = input_bytes_read(in);
	r->members = input_members(in);
	r->is_gzip = input_is_gzip(in);
	input_free(in);
}

static char *make_text(size_t lines, size_t *len)
{
	size_t cap = lines * 160 + 1, n = 0;
	char *t = malloc(cap);
	for (size_t i = 0; i < lines; i++)
		n += (size_t)snprintf(t + n, cap - n,
				      "2 123456789010 eni-%017zx 10.%zu.%zu.%zu 172.31.16.21 %zu 443 6 %zu %zu "
				      "1418530010 1418530070 %s OK\n",
				      i, i % 256, (i / 7) % 256, (i * 13) % 256, 1024 + i % 60000, i % 97 + 1,
				      i * 1499 % 100000, i % 5 ? "ACCEPT" : "REJECT");
	*len = n;
	return t;
}

static void test_plain_and_gzip(void **state)
{
	(void)state;
	size_t len;
	char *text = make_text(2000, &len);
	char *plain = tl_path(tl_dir, "plain.log");
	char *gz = tl_path(tl_dir, "a.log.gz");
	char *gz_noext = tl_path(tl_dir, "gzip-by-content.log");
	tl_write_file(plain, text, len);
	size_t gzlen = tl_write_gzip(gz, text, len);
	tl_write_gzip(gz_noext, text, len);
	for (int i = 0; i < nconfigs; i++) {
		char name[64];
		struct result r;
		config_name(&configs[i], name, sizeof(name));
		read_all(plain, &configs[i], &r);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.len, len);
		assert_memory_equal(r.text, text, len);
		assert_false(r.is_gzip);
		assert_int_equal(r.bytes_read, len);
		assert_int_equal(r.members, 0);
		free(r.text);

		const char *gzs[] = {gz, gz_noext};
		for (int k = 0; k < 2; k++) {
			read_all(gzs[k], &configs[i], &r);
			assert_int_equal(r.rc, 0);
			assert_int_equal(r.len, len);
			assert_memory_equal(r.text, text, len);
			assert_true(r.is_gzip);
			assert_int_equal(r.bytes_read, gzlen);
			assert_int_equal(r.members, 1);
			if (configs[i].chunk)
				assert_true(r.calls >= (int)(len / configs[i].chunk));
			free(r.text);
		}
	}
	free(text);
	free(plain);
	free(gz);
	free(gz_noext);
}

static void test_multi_member(void **state)
{
	(void)state;
	const char *parts[] = {"version srcaddr\n", "", "2 10.0.0.1\n2 10.0.0.2\n", "2 10.0.0.3"};
	unsigned char *all = NULL;
	size_t alllen = 0;
	char want[256] = "";
	for (size_t i = 0; i < 4; i++) {
		unsigned char *g;
		size_t n = tl_gzip(parts[i], strlen(parts[i]), &g);
		all = realloc(all, alllen + n);
		memcpy(all + alllen, g, n);
		alllen += n;
		free(g);
		strcat(want, parts[i]);
	}
	char *path = tl_path(tl_dir, "multi.gz");
	tl_write_file(path, all, alllen);
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		read_all(path, &configs[i], &r);
		assert_int_equal(r.rc, 0);
		assert_string_equal(r.text, want);
		assert_int_equal(r.members, 4);
		assert_int_equal(r.bytes_read, alllen);
		free(r.text);
	}
	/* garbage after the last member is its own error, after all the text */
	unsigned char *tail = malloc(alllen + 3);
	memcpy(tail, all, alllen);
	memcpy(tail + alllen, "xyz", 3);
	tl_write_file(path, tail, alllen + 3);
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		read_all(path, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_TRAILING);
		assert_string_equal(r.text, want);
		assert_non_null(strstr(r.d.file, "multi.gz"));
		free(r.text);
	}
	/* zero padding after the last member (more than a read buffer) is
	 * read and ignored, as GNU gzip does; zeros and then anything else
	 * are trailing garbage */
	size_t pad = 300000;
	unsigned char *padded = calloc(alllen + pad + 1, 1);
	memcpy(padded, all, alllen);
	tl_write_file(path, padded, alllen + pad);
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		read_all(path, &configs[i], &r);
		assert_int_equal(r.rc, 0);
		assert_string_equal(r.text, want);
		assert_int_equal(r.bytes_read, alllen + pad);
		free(r.text);
	}
	padded[alllen + pad] = 'x';
	tl_write_file(path, padded, alllen + pad + 1);
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		read_all(path, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_TRAILING);
		assert_string_equal(r.text, want);
		free(r.text);
	}
	free(padded);
	free(tail);
	free(all);
	free(path);
}

static void test_truncated(void **state)
{
	(void)state;
	size_t len;
	char *text = make_text(3000, &len);
	unsigned char *gz;
	size_t gzlen = tl_gzip(text, len, &gz);
	char *path = tl_path(tl_dir, "trunc.log.gz");
	/* in the header, in the deflate data, in the trailer */
	size_t cuts[] = {2, 5, 10, 11, 40, gzlen / 3, gzlen / 2, gzlen - 9, gzlen - 8, gzlen - 5,
			 gzlen - 4, gzlen - 1};
	for (size_t k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
		tl_write_file(path, gz, cuts[k]);
		for (int i = 0; i < nconfigs; i++) {
			struct result r;
			char name[64];
			read_all(path, &configs[i], &r);
			if (r.rc != INPUT_E_TRUNCATED)
				fail_msg("cut at %zu of %zu (%s): rc %d (%s)", cuts[k], gzlen,
					 config_name(&configs[i], name, sizeof(name)), r.rc, r.d.msg);
			assert_int_equal(r.d.code, INPUT_E_TRUNCATED);
			assert_string_equal(r.d.file, path);
			assert_non_null(strstr(r.d.msg, "truncated gzip"));
			/* what came out is a prefix of the text */
			assert_true(r.len <= len);
			assert_memory_equal(r.text, text, r.len);
			if (cuts[k] >= gzlen - 8)
				assert_int_equal(r.len, len); /* only the trailer is missing */
			free(r.text);
		}
	}
	/* a truncated second member names the member */
	unsigned char *two = malloc(gzlen * 2);
	memcpy(two, gz, gzlen);
	memcpy(two + gzlen, gz, gzlen);
	tl_write_file(path, two, gzlen + gzlen / 2);
	struct result r;
	read_all(path, &configs[0], &r);
	assert_int_equal(r.rc, INPUT_E_TRUNCATED);
	assert_non_null(strstr(r.d.msg, "member 2"));
	assert_true(r.len >= len);
	free(r.text);
	free(two);
	free(gz);
	free(text);
	free(path);
}

static void test_crc_error(void **state)
{
	(void)state;
	size_t len;
	char *text = make_text(500, &len);
	unsigned char *gz;
	size_t gzlen = tl_gzip(text, len, &gz);
	char *path = tl_path(tl_dir, "crc.log.gz");
	/* the CRC32, then the length (ISIZE) */
	size_t at[] = {gzlen - 8, gzlen - 5, gzlen - 4, gzlen - 1};
	for (size_t k = 0; k < 4; k++) {
		gz[at[k]] ^= 0x5a;
		tl_write_file(path, gz, gzlen);
		gz[at[k]] ^= 0x5a;
		for (int i = 0; i < nconfigs; i++) {
			struct result r;
			char name[64];
			read_all(path, &configs[i], &r);
			if (r.rc != INPUT_E_CRC)
				fail_msg("byte %zu of %zu (%s): rc %d (%s)", at[k], gzlen,
					 config_name(&configs[i], name, sizeof(name)), r.rc, r.d.msg);
			assert_string_equal(r.d.file, path);
			assert_non_null(strstr(r.d.msg, "CRC"));
			assert_true(r.len <= len);
			assert_memory_equal(r.text, text, r.len);
			free(r.text);
		}
	}
	/* damaged deflate data: corrupt, CRC or truncated, never success */
	for (size_t pos = 12; pos < gzlen - 8; pos += gzlen / 7) {
		gz[pos] ^= 0xff;
		tl_write_file(path, gz, gzlen);
		gz[pos] ^= 0xff;
		for (int i = 0; i < nconfigs; i++) {
			struct result r;
			read_all(path, &configs[i], &r);
			assert_true(r.rc == INPUT_E_CORRUPT || r.rc == INPUT_E_CRC ||
				    r.rc == INPUT_E_TRUNCATED || r.rc == INPUT_E_TRAILING);
			free(r.text);
		}
	}
	/* a bad compression method in the header */
	gz[2] = 7;
	tl_write_file(path, gz, gzlen);
	struct result r;
	read_all(path, &configs[0], &r);
	assert_int_equal(r.rc, INPUT_E_CORRUPT);
	free(r.text);
	free(gz);
	free(text);
	free(path);
}

static void test_not_gzip_empty_dir(void **state)
{
	(void)state;
	const char *t = "2 123 eni-1 1.2.3.4 1.2.3.4 1 2 6 1 1 1 2 ACCEPT OK\n";
	char *notgz = tl_path(tl_dir, "text.log.gz");
	char *empty = tl_path(tl_dir, "empty.log");
	char *emptygz = tl_path(tl_dir, "empty.log.gz");
	char *one = tl_path(tl_dir, "one-byte.gz");
	char *missing = tl_path(tl_dir, "missing.log");
	tl_write_file(notgz, t, strlen(t));
	tl_write_file(empty, "", 0);
	tl_write_file(emptygz, "", 0);
	tl_write_file(one, "\x1f", 1);
	/* a flow log delivered in Parquet (AWS's other file format) */
	char *parquet = tl_path(tl_dir, "flows.log.parquet");
	char *short2 = tl_path(tl_dir, "short.log");
	tl_write_file(parquet, "PAR1\x15\x04PAR1", 10);
	tl_write_file(short2, "PA", 2);
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		read_all(parquet, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_FORMAT);
		assert_non_null(strstr(r.d.msg, "a Parquet file"));
		assert_int_equal(r.len, 0);
		free(r.text);
		read_all(short2, &configs[i], &r); /* shorter than the magic: text */
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.len, 2);
		free(r.text);
		read_all(notgz, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_NOT_GZIP);
		assert_string_equal(r.d.file, notgz);
		assert_non_null(strstr(r.d.msg, "not gzip"));
		assert_int_equal(r.len, 0);
		free(r.text);
		read_all(empty, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_EMPTY);
		free(r.text);
		read_all(emptygz, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_EMPTY);
		free(r.text);
		read_all(one, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_NOT_GZIP);
		free(r.text);
		read_all(tl_dir, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_ISDIR);
		read_all(missing, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_OPEN);
		assert_string_equal(r.d.file, missing);
	}
	assert_string_equal(input_strerror(INPUT_E_TRUNCATED), "truncated gzip");
	assert_string_equal(input_strerror(INPUT_E_CRC), "gzip CRC error");
	assert_string_equal(input_strerror(INPUT_E_NOT_GZIP), "not gzip");
	assert_string_equal(input_strerror(12345), "input error");
	input_free(NULL);
	free(notgz);
	free(empty);
	free(emptygz);
	free(one);
	free(missing);
	free(parquet);
	free(short2);
}

static void test_header_only(void **state)
{
	(void)state;
	const char *h = "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
			"packets bytes start end action log-status\n";
	char *path = tl_path(tl_dir, "header-only.log.gz");
	tl_write_gzip(path, h, strlen(h));
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		read_all(path, &configs[i], &r);
		assert_int_equal(r.rc, 0);
		assert_string_equal(r.text, h);
		free(r.text);
	}
	free(path);
}

/* Standard input through a pipe fed by a child process. */
static void read_stdin(const void *data, size_t n, const struct config *c, struct result *r)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		const char *p = data;
		while (n > 0) {
			ssize_t w = write(fds[1], p, n);
			if (w <= 0)
				_exit(1);
			p += w;
			n -= (size_t)w;
		}
		_exit(0);
	}
	close(fds[1]);
	int saved = dup(STDIN_FILENO);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	read_all("-", c, r);
	dup2(saved, STDIN_FILENO);
	close(saved);
	int st;
	waitpid(pid, &st, 0);
}

static void test_stdin(void **state)
{
	(void)state;
	size_t len;
	char *text = make_text(1500, &len); /* larger than a pipe buffer */
	unsigned char *gz;
	size_t gzlen = tl_gzip(text, len, &gz);
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		read_stdin(text, len, &configs[i], &r);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.len, len);
		assert_memory_equal(r.text, text, len);
		free(r.text);
		read_stdin(gz, gzlen, &configs[i], &r);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.len, len);
		assert_memory_equal(r.text, text, len);
		assert_true(r.is_gzip);
		free(r.text);
		read_stdin(gz, gzlen / 2, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_TRUNCATED);
		assert_string_equal(r.d.file, "<stdin>");
		free(r.text);
	}
	free(gz);
	free(text);
}

/* The reader thread stopped early: input_free with chunks still queued. */
static void test_free_early(void **state)
{
	(void)state;
	size_t len;
	char *text = make_text(5000, &len);
	char *path = tl_path(tl_dir, "early.gz");
	tl_write_gzip(path, text, len);
	for (int i = 0; i < nconfigs; i++) {
		struct input_opts o = opts_of(&configs[i]);
		struct input *in;
		struct diag d;
		const char *p;
		size_t n;
		assert_int_equal(input_open(&in, path, &o, &d), 0);
		assert_int_equal(input_next(in, &p, &n, &d), 1);
		assert_memory_equal(p, text, n);
		input_free(in);
	}
	free(path);
	free(text);
}

static void test_backends(void **state)
{
	(void)state;
	assert_true(input_have_backend(INPUT_BACKEND_ZLIB));
	assert_true(input_have_backend(INPUT_BACKEND_DEFAULT));
#ifdef FLOWPATH_HAVE_ISAL
	assert_true(input_have_backend(INPUT_BACKEND_ISAL));
	assert_string_equal(input_default_backend(), "isal");
#else
	assert_false(input_have_backend(INPUT_BACKEND_ISAL));
	assert_string_equal(input_default_backend(), "zlib");
#endif
}

/* Archives and other compressors are one input error naming the format,
 * by their first bytes (zip, zstd, bzip2, xz, 7-Zip), or by the first
 * text (a tar archive, plain or gzipped; gzip inside gzip), never lines of
 * binary garbage. */
static void test_other_formats(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t len;
		const char *says;
	} magic[] = {
		{"PK\3\4\x14\0\0\0", 8, "a zip archive"},
		{"\x28\xb5\x2f\xfd\x24\x05", 6, "zstd data"},
		{"BZh91AY&SY", 10, "bzip2 data"},
		{"\xfd" "7zXZ\0\0\x04", 8, "xz data"},
		{"7z\xbc\xaf\x27\x1c\0\x04", 8, "a 7-Zip archive"},
	};
	char *path = tl_path(tl_dir, "other.bin");
	for (size_t k = 0; k < sizeof(magic) / sizeof(magic[0]); k++) {
		tl_write_file(path, magic[k].bytes, magic[k].len);
		for (int i = 0; i < nconfigs; i++) {
			struct result r;
			read_all(path, &configs[i], &r);
			assert_int_equal(r.rc, INPUT_E_FORMAT);
			assert_non_null(strstr(r.d.msg, magic[k].says));
			assert_int_equal(r.len, 0);
			free(r.text);
		}
	}
	/* a tar archive: "ustar" at 257 of its first block */
	char tar[1024];
	memset(tar, 0, sizeof(tar));
	memcpy(tar, "a.log", 5);
	memcpy(tar + 257, "ustar", 5);
	memcpy(tar + 512, "version srcaddr\n2 1.2.3.4\n", 26);
	char *gz = tl_path(tl_dir, "day.tar.gz");
	tl_write_file(path, tar, sizeof(tar));
	tl_write_gzip(gz, tar, sizeof(tar));
	/* compressed twice */
	const char *t = "2 123 eni-1 1.2.3.4 1.2.3.4 1 2 6 1 1 1 2 ACCEPT OK\n";
	unsigned char *once;
	size_t n1 = tl_gzip(t, strlen(t), &once);
	char *twice = tl_path(tl_dir, "twice.log.gz");
	tl_write_gzip(twice, once, n1);
	/* a Parquet file, gzipped */
	char *pq = tl_path(tl_dir, "x.parquet.gz");
	tl_write_gzip(pq, "PAR1\x15\x04\x15\x10PAR1", 12);
	for (int i = 0; i < nconfigs; i++) {
		struct result r;
		/* the first text must hold the tar header: not with 97-byte chunks */
		if (configs[i].chunk == 0 || configs[i].chunk >= 512) {
			read_all(path, &configs[i], &r);
			assert_int_equal(r.rc, INPUT_E_FORMAT);
			assert_non_null(strstr(r.d.msg, "a tar archive"));
			free(r.text);
			read_all(gz, &configs[i], &r);
			assert_int_equal(r.rc, INPUT_E_FORMAT);
			assert_non_null(strstr(r.d.msg, "a tar archive"));
			assert_int_equal(r.len, 0);
			free(r.text);
		}
		read_all(twice, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_FORMAT);
		assert_non_null(strstr(r.d.msg, "gzip data inside the gzip"));
		assert_int_equal(r.len, 0);
		free(r.text);
		read_all(pq, &configs[i], &r);
		assert_int_equal(r.rc, INPUT_E_FORMAT);
		assert_non_null(strstr(r.d.msg, "a Parquet file"));
		assert_int_equal(r.len, 0);
		free(r.text);
	}
	free(pq);
	free(once);
	free(twice);
	free(gz);
	free(path);
}

static int setup(void **state)
{
	static const enum input_backend backends[] = {INPUT_BACKEND_ZLIB, INPUT_BACKEND_ISAL};
	static const size_t chunks[] = {0, 4096, 97};
	tl_dir_setup(state);
	for (int b = 0; b < 2; b++) {
		if (!input_have_backend(backends[b]))
			continue;
		for (int t = 0; t < 2; t++)
			for (int c = 0; c < 3; c++)
				configs[nconfigs++] = (struct config){backends[b], t, chunks[c]};
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backends),
		cmocka_unit_test(test_plain_and_gzip),
		cmocka_unit_test(test_multi_member),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_crc_error),
		cmocka_unit_test(test_not_gzip_empty_dir),
		cmocka_unit_test(test_other_formats),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_free_early),
	};
	return cmocka_run_group_tests(tests, setup, tl_dir_teardown);
}
