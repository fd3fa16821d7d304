/* SPDX-License-Identifier: MIT */
/*
 * inflate_only: decompress a gzip file (all members) to nowhere with zlib or
 * ISA-L, with the same buffer sizes as the input reader (1 MiB in, 4 MiB
 * out). It is the "decompression alone" baseline of the benchmark: what
 * flowpath parse would cost if parsing were free. Prints the uncompressed
 * byte count and the number of members on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#ifdef FLOWPATH_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#define IN_SIZE (1u << 20)
#define OUT_SIZE (4u << 20)

struct src {
	int fd;
	unsigned char *buf;
	size_t pos, len;
	int eof;
};

/* Keep unread bytes, read more; 0 or -1. */
static int refill(struct src *s)
{
	if (s->pos) {
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->len -= s->pos;
		s->pos = 0;
	}
	while (s->len < IN_SIZE && !s->eof) {
		ssize_t r = read(s->fd, s->buf + s->len, IN_SIZE - s->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			s->eof = 1;
		s->len += (size_t)r;
		break;
	}
	return 0;
}

static int run_zlib(struct src *s, unsigned char *out, uint64_t *total, uint64_t *members)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -1;
	int in_member = 0, rc = 0;
	for (;;) {
		if (s->pos == s->len) {
			if (s->eof)
				break;
			if (refill(s) < 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (!in_member) {
			inflateReset(&z);
			in_member = 1;
			(*members)++;
		}
		z.next_in = s->buf + s->pos;
		z.avail_in = (uInt)(s->len - s->pos);
		z.next_out = out;
		z.avail_out = OUT_SIZE;
		int zr = inflate(&z, Z_NO_FLUSH);
		s->pos = s->len - z.avail_in;
		*total += OUT_SIZE - z.avail_out;
		if (zr == Z_STREAM_END) {
			in_member = 0;
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			rc = -1;
			break;
		}
	}
	if (in_member)
		rc = -1; /* truncated */
	inflateEnd(&z);
	return rc;
}

#ifdef FLOWPATH_HAVE_ISAL
static int run_isal(struct src *s, unsigned char *out, uint64_t *total, uint64_t *members)
{
	static struct inflate_state st;
	int in_member = 0;
	for (;;) {
		if (s->pos == s->len) {
			if (s->eof)
				break;
			if (refill(s) < 0)
				return -1;
			continue;
		}
		if (!in_member) {
			isal_inflate_init(&st);
			st.crc_flag = ISAL_GZIP;
			in_member = 1;
			(*members)++;
		}
		st.next_in = s->buf + s->pos;
		st.avail_in = (uint32_t)(s->len - s->pos);
		st.next_out = out;
		st.avail_out = OUT_SIZE;
		int r = isal_inflate(&st);
		s->pos = s->len - st.avail_in;
		*total += OUT_SIZE - st.avail_out;
		if (r < 0)
			return -1;
		if (st.block_state == ISAL_BLOCK_FINISH)
			in_member = 0;
		else if (st.avail_in == 0 && s->eof && st.avail_out != 0)
			return -1; /* truncated */
	}
	return in_member ? -1 : 0;
}
#endif

int main(int argc, char **argv)
{
	const char *backend = "zlib";
	int c;

	while ((c = getopt(argc, argv, "b:h")) != -1) {
		switch (c) {
		case 'b':
			backend = optarg;
			break;
		case 'h':
			fputs("Usage: inflate_only [-b zlib|isal] FILE\n", stdout);
			return 0;
		default:
			fputs("Try 'inflate_only -h'.\n", stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fputs("Usage: inflate_only [-b zlib|isal] FILE\n", stderr);
		return 2;
	}
	struct src s;
	memset(&s, 0, sizeof(s));
	s.fd = open(argv[optind], O_RDONLY);
	if (s.fd < 0) {
		fprintf(stderr, "inflate_only: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	s.buf = malloc(IN_SIZE);
	unsigned char *out = malloc(OUT_SIZE);
	if (!s.buf || !out) {
		fputs("inflate_only: out of memory\n", stderr);
		return 1;
	}
	uint64_t total = 0, members = 0;
	int rc;
	if (strcmp(backend, "zlib") == 0) {
		rc = run_zlib(&s, out, &total, &members);
#ifdef FLOWPATH_HAVE_ISAL
	} else if (strcmp(backend, "isal") == 0) {
		rc = run_isal(&s, out, &total, &members);
#endif
	} else {
		fprintf(stderr, "inflate_only: backend '%s' not available\n", backend);
		return 2;
	}
	close(s.fd);
	free(s.buf);
	free(out);
	if (rc < 0) {
		fprintf(stderr, "inflate_only: %s: corrupt or truncated gzip\n", argv[optind]);
		return 1;
	}
	printf("%" PRIu64 " bytes, %" PRIu64 " members\n", total, members);
	return 0;
}
