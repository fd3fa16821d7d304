/* SPDX-License-Identifier: MIT */
/*
 * Input reader; see input.h. A producer step fills one chunk of text from
 * the file (copying plain text, inflating gzip); with a reader thread the
 * step runs ahead into a ring of chunks, else input_next runs it inline.
 */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#ifdef FLOWPATH_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "util.h"

/* 1 MiB chunks parse as fast as 4 MiB ones (bench/README.md) at a quarter
 * of the memory */
#define DEFAULT_CHUNK (1u << 20)
#define DEFAULT_NCHUNKS 4
#define IBUF_SIZE (1u << 20)

enum dec_result { DEC_NEED_INPUT, DEC_OUT_FULL, DEC_MEMBER_END, DEC_CRC, DEC_CORRUPT };

struct decoder {
	enum input_backend backend;
	int z_ready;
	z_stream z;
#ifdef FLOWPATH_HAVE_ISAL
	struct inflate_state isal;
#endif
};

struct slot {
	char *buf;
	size_t len;
	int status; /* 1: more may follow; 0: end after this data; <0: error */
	struct diag diag;
};

struct input {
	char *path;
	int fd;
	struct input_opts o;

	/* producer state */
	uint8_t *ibuf;
	size_t ipos, ilen;
	int eof;
	_Atomic int mode; /* 0 unknown, 1 text, 2 gzip */
	int in_member;
	int finished;
	int text_checked; /* produce_into looked at the first text */
	_Atomic uint64_t bytes_read, members;
	struct decoder dec;

	/* the ring */
	struct slot *slots;
	int nslots, head, count, cur;
	int have_thread, stop;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t can_fill, can_take;

	/* consumer state */
	int done_status; /* terminal status once reached, 1 before */
	struct diag done_diag;
};

const char *input_default_backend(void)
{
#ifdef FLOWPATH_HAVE_ISAL
	return "isal";
#else
	return "zlib";
#endif
}

int input_have_backend(enum input_backend b)
{
	switch (b) {
	case INPUT_BACKEND_DEFAULT:
	case INPUT_BACKEND_ZLIB:
		return 1;
	case INPUT_BACKEND_ISAL:
#ifdef FLOWPATH_HAVE_ISAL
		return 1;
#else
		return 0;
#endif
	}
	return 0;
}

const char *input_strerror(int code)
{
	switch (code) {
	case INPUT_E_OPEN:
		return "cannot open";
	case INPUT_E_READ:
		return "read error";
	case INPUT_E_TRUNCATED:
		return "truncated gzip";
	case INPUT_E_CRC:
		return "gzip CRC error";
	case INPUT_E_NOT_GZIP:
		return "not gzip";
	case INPUT_E_CORRUPT:
		return "corrupt gzip";
	case INPUT_E_TRAILING:
		return "trailing garbage after gzip data";
	case INPUT_E_EMPTY:
		return "empty input";
	case INPUT_E_ISDIR:
		return "is a directory";
	case INPUT_E_THREAD:
		return "cannot start reader thread";
	case INPUT_E_FORMAT:
		return "not a text file";
	default:
		return "input error";
	}
}

#ifdef FLOWPATH_HAVE_ISAL
static int use_isal(const struct input *in)
{
	return in->dec.backend != INPUT_BACKEND_ZLIB;
}
#endif

static void dec_start(struct input *in)
{
	struct decoder *d = &in->dec;
#ifdef FLOWPATH_HAVE_ISAL
	if (use_isal(in)) {
		isal_inflate_init(&d->isal);
		d->isal.crc_flag = ISAL_GZIP;
		return;
	}
#endif
	if (d->z_ready) {
		inflateReset(&d->z);
		return;
	}
	memset(&d->z, 0, sizeof(d->z));
	if (inflateInit2(&d->z, 15 + 16) != Z_OK) {
		/* zlib fails here only when out of memory */
		xmalloc(SIZE_MAX);
	}
	d->z_ready = 1;
}

/* Inflate from in->ibuf into out; advances in->ipos and *olen. */
static enum dec_result dec_run(struct input *in, char *out, size_t ocap, size_t *olen)
{
	struct decoder *d = &in->dec;
	size_t avail_in = in->ilen - in->ipos;
	size_t avail_out = ocap - *olen;
#ifdef FLOWPATH_HAVE_ISAL
	if (use_isal(in)) {
		d->isal.next_in = in->ibuf + in->ipos;
		d->isal.avail_in = (uint32_t)avail_in;
		d->isal.next_out = (uint8_t *)out + *olen;
		d->isal.avail_out = (uint32_t)avail_out;
		int rc = isal_inflate(&d->isal);
		in->ipos += avail_in - d->isal.avail_in;
		*olen += avail_out - d->isal.avail_out;
		if (rc == ISAL_INCORRECT_CHECKSUM)
			return DEC_CRC;
		if (rc < 0)
			return DEC_CORRUPT;
		if (d->isal.block_state == ISAL_BLOCK_FINISH)
			return DEC_MEMBER_END;
		if (d->isal.avail_out == 0)
			return DEC_OUT_FULL;
		return DEC_NEED_INPUT;
	}
#endif
	d->z.next_in = in->ibuf + in->ipos;
	d->z.avail_in = (uInt)avail_in;
	d->z.next_out = (Bytef *)out + *olen;
	d->z.avail_out = (uInt)avail_out;
	int rc = inflate(&d->z, Z_NO_FLUSH);
	in->ipos += avail_in - d->z.avail_in;
	*olen += avail_out - d->z.avail_out;
	switch (rc) {
	case Z_STREAM_END:
		return DEC_MEMBER_END;
	case Z_OK:
	case Z_BUF_ERROR:
		if (d->z.avail_out == 0)
			return DEC_OUT_FULL;
		return DEC_NEED_INPUT;
	case Z_DATA_ERROR:
		if (d->z.msg && (strstr(d->z.msg, "incorrect data check") ||
				 strstr(d->z.msg, "incorrect length check")))
			return DEC_CRC;
		return DEC_CORRUPT;
	default:
		return DEC_CORRUPT;
	}
}

static void dec_fini(struct input *in)
{
	if (in->dec.z_ready)
		inflateEnd(&in->dec.z);
	in->dec.z_ready = 0;
}

/* Read more compressed or plain bytes into ibuf, keeping unread ones.
 * Returns 0 (possibly setting eof) or INPUT_E_READ. */
static int refill(struct input *in, struct diag *d)
{
	if (in->ipos > 0) {
		memmove(in->ibuf, in->ibuf + in->ipos, in->ilen - in->ipos);
		in->ilen -= in->ipos;
		in->ipos = 0;
	}
	while (in->ilen < IBUF_SIZE && !in->eof) {
		ssize_t r = read(in->fd, in->ibuf + in->ilen, IBUF_SIZE - in->ilen);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return diag_set(d, INPUT_E_READ, in->path, 0, "read error: %s",
					strerror(errno));
		}
		if (r == 0) {
			in->eof = 1;
			break;
		}
		in->ilen += (size_t)r;
		in->bytes_read += (uint64_t)r;
		break;
	}
	return 0;
}

int input_gz_name(const char *path)
{
	size_t n = strlen(path);
	return n >= 3 && strcmp(path + n - 3, ".gz") == 0;
}

static int gz_error(struct input *in, struct diag *d, int code)
{
	char detail[64] = "";
	if (in->members > 1)
		snprintf(detail, sizeof(detail), " (in gzip member %llu)",
			 (unsigned long long)in->members);
	return diag_set(d, code, in->path, 0, "%s%s", input_strerror(code), detail);
}

/* Ensure at least want unread bytes in ibuf unless at end of file. */
static int want_bytes(struct input *in, size_t want, struct diag *d)
{
	while (in->ilen - in->ipos < want && !in->eof) {
		int rc = refill(in, d);
		if (rc)
			return rc;
	}
	return 0;
}

/* After the last gzip member: are the bytes left all zero (padding, as
 * tape and some copy tools leave; GNU gzip ignores it)? Reads them to the
 * end. 1 yes, 0 no, or an error. */
static int only_zeros_left(struct input *in, struct diag *d)
{
	for (;;) {
		for (; in->ipos < in->ilen; in->ipos++)
			if (in->ibuf[in->ipos] != 0)
				return 0;
		if (in->eof)
			return 1;
		int rc = refill(in, d);
		if (rc)
			return rc;
	}
}

#define PARQUET_WHAT                                                                      \
	"a Parquet file: flowpath reads flow logs in text format (the flow log's file format " \
	"setting), plain or gzipped"

/* Archives and compressors other than gzip, by their first bytes: read
 * as text they would be lines of binary garbage. */
static const struct {
	const char *magic;
	size_t len;
	const char *what;
} other_formats[] = {
	{"PAR1", 4, PARQUET_WHAT},
	{"PK\3\4", 4, "a zip archive: unpack it first (flowpath reads plain or gzipped text)"},
	{"\x28\xb5\x2f\xfd", 4, "zstd data: decompress it first (flowpath reads plain or gzipped text)"},
	{"BZh", 3, "bzip2 data: decompress it first (flowpath reads plain or gzipped text)"},
	{"\xfd" "7zXZ", 5, "xz data: decompress it first (flowpath reads plain or gzipped text)"},
	{"7z\xbc\xaf\x27\x1c", 6, "a 7-Zip archive: unpack it first (flowpath reads plain or gzipped text)"},
};

static int produce_raw(struct input *in, char *buf, size_t cap, size_t *len, struct diag *d);

/* Fill buf (cap bytes) with the next text; *len says how much, also when
 * an error ends it early. Returns 1 (more may follow), 0 (end) or an error.
 * The first text is checked once for what is no flow log text: a tar
 * archive ("ustar" at 257), gzip data inside the gzip, or a gzipped
 * Parquet file. */
static int produce_into(struct input *in, char *buf, size_t cap, size_t *len, struct diag *d)
{
	int rc = produce_raw(in, buf, cap, len, d);
	if (in->text_checked || *len == 0)
		return rc;
	in->text_checked = 1;
	const char *what = NULL;
	if (*len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b)
		what = "gzip data inside the gzip (compressed twice): decompress it once first";
	else if (*len >= 262 && memcmp(buf + 257, "ustar", 5) == 0)
		what = "a tar archive: unpack it first (flowpath reads plain or gzipped text)";
	else if (*len >= 4 && memcmp(buf, "PAR1", 4) == 0)
		what = PARQUET_WHAT;
	if (!what)
		return rc;
	*len = 0;
	in->finished = 1;
	return diag_set(d, INPUT_E_FORMAT, in->path, 0, "%s", what);
}

static int produce_raw(struct input *in, char *buf, size_t cap, size_t *len, struct diag *d)
{
	int rc;

	*len = 0;
	diag_clear(d);
	if (in->finished)
		return 0;
	if (in->mode == 0) {
		if ((rc = want_bytes(in, 6, d)) != 0)
			return rc;
		if (in->ilen == 0)
			return diag_set(d, INPUT_E_EMPTY, in->path, 0, "empty input");
		for (size_t i = 0; i < sizeof(other_formats) / sizeof(other_formats[0]); i++)
			if (in->ilen >= other_formats[i].len &&
			    memcmp(in->ibuf, other_formats[i].magic, other_formats[i].len) == 0)
				return diag_set(d, INPUT_E_FORMAT, in->path, 0, "%s", other_formats[i].what);
		if (in->ilen >= 2 && in->ibuf[0] == 0x1f && in->ibuf[1] == 0x8b) {
			in->mode = 2;
		} else if (input_gz_name(in->path)) {
			return diag_set(d, INPUT_E_NOT_GZIP, in->path, 0,
					"not gzip: the name ends in .gz but the data has no gzip header");
		} else {
			in->mode = 1;
		}
	}
	while (*len < cap) {
		if (in->mode == 1) {
			if (in->ipos == in->ilen) {
				in->ipos = in->ilen = 0;
				if (in->eof)
					break;
				if ((rc = refill(in, d)) != 0)
					return rc;
				continue;
			}
			size_t n = in->ilen - in->ipos;
			if (n > cap - *len)
				n = cap - *len;
			memcpy(buf + *len, in->ibuf + in->ipos, n);
			in->ipos += n;
			*len += n;
			continue;
		}
		if (!in->in_member) {
			if ((rc = want_bytes(in, 2, d)) != 0)
				return rc;
			size_t avail = in->ilen - in->ipos;
			if (avail == 0)
				break;
			if (in->members > 0 && in->ibuf[in->ipos] == 0) {
				rc = only_zeros_left(in, d);
				if (rc < 0)
					return rc;
				if (rc == 1)
					break;
				return gz_error(in, d, INPUT_E_TRAILING);
			}
			if (avail < 2 || in->ibuf[in->ipos] != 0x1f || in->ibuf[in->ipos + 1] != 0x8b)
				return gz_error(in, d, INPUT_E_TRAILING);
			/* RFC 1952 wants reserved flag bits refused; zlib does, ISA-L
			 * does not, so check here for both */
			if ((rc = want_bytes(in, 4, d)) != 0)
				return rc;
			if (in->ilen - in->ipos >= 4 && (in->ibuf[in->ipos + 3] & 0xe0))
				return gz_error(in, d, INPUT_E_CORRUPT);
			dec_start(in);
			in->in_member = 1;
			in->members++;
		}
		if (in->ipos == in->ilen && !in->eof) {
			if ((rc = refill(in, d)) != 0)
				return rc;
		}
		size_t ipos0 = in->ipos, len0 = *len;
		switch (dec_run(in, buf, cap, len)) {
		case DEC_MEMBER_END:
			in->in_member = 0;
			break;
		case DEC_OUT_FULL:
			break;
		case DEC_NEED_INPUT:
			if (in->eof) {
				/* no more bytes will come: stuck means cut short */
				if (in->ipos == ipos0 && *len == len0)
					return gz_error(in, d, INPUT_E_TRUNCATED);
				break;
			}
			if ((rc = refill(in, d)) != 0)
				return rc;
			break;
		case DEC_CRC:
			return gz_error(in, d, INPUT_E_CRC);
		case DEC_CORRUPT:
			return gz_error(in, d, INPUT_E_CORRUPT);
		}
	}
	if (*len == cap)
		return 1;
	in->finished = 1;
	return 0;
}

static int produce(struct input *in, struct slot *s)
{
	return produce_into(in, s->buf, in->o.chunk_size, &s->len, &s->diag);
}

static void *reader_main(void *arg)
{
	struct input *in = arg;
	int status = 1;
	while (status > 0) {
		pthread_mutex_lock(&in->mu);
		while (in->count == in->nslots && !in->stop)
			pthread_cond_wait(&in->can_fill, &in->mu);
		if (in->stop) {
			pthread_mutex_unlock(&in->mu);
			break;
		}
		struct slot *s = &in->slots[(in->head + in->count) % in->nslots];
		pthread_mutex_unlock(&in->mu);

		status = produce(in, s);
		s->status = status;

		pthread_mutex_lock(&in->mu);
		in->count++;
		pthread_cond_signal(&in->can_take);
		pthread_mutex_unlock(&in->mu);
	}
	return NULL;
}

int input_open(struct input **out, const char *path, const struct input_opts *o,
	       struct diag *d)
{
	int fd;
	struct stat st;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return diag_set(d, INPUT_E_OPEN, path, 0, "cannot open: %s", strerror(errno));
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return diag_set(d, INPUT_E_ISDIR, path, 0, "is a directory");
		}
#ifdef POSIX_FADV_SEQUENTIAL
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	}

	struct input *in = xcalloc(1, sizeof(*in));
	in->path = xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	in->fd = fd;
	in->o = *o;
	if (in->o.chunk_size == 0)
		in->o.chunk_size = DEFAULT_CHUNK;
	if (in->o.nchunks < 2)
		in->o.nchunks = DEFAULT_NCHUNKS;
	in->dec.backend = o->backend;
	in->ibuf = xmalloc(IBUF_SIZE);
	in->nslots = in->o.threaded ? in->o.nchunks : 1;
	in->slots = xcalloc((size_t)in->nslots, sizeof(*in->slots));
	for (int i = 0; i < in->nslots; i++)
		in->slots[i].buf = xmalloc(in->o.chunk_size);
	in->cur = -1;
	in->done_status = 1;
	if (in->o.threaded) {
		pthread_mutex_init(&in->mu, NULL);
		pthread_cond_init(&in->can_fill, NULL);
		pthread_cond_init(&in->can_take, NULL);
		if (pthread_create(&in->thread, NULL, reader_main, in) != 0) {
			diag_set(d, INPUT_E_THREAD, path, 0, "cannot start reader thread");
			in->o.threaded = 0;
			input_free(in);
			return INPUT_E_THREAD;
		}
		in->have_thread = 1;
	}
	*out = in;
	return 0;
}

int input_next(struct input *in, const char **p, size_t *n, struct diag *d)
{
	struct slot *s;

	if (in->done_status <= 0) {
		if (d && in->done_status < 0)
			*d = in->done_diag;
		return in->done_status;
	}
	if (!in->have_thread) {
		s = &in->slots[0];
		s->status = produce(in, s);
	} else {
		pthread_mutex_lock(&in->mu);
		if (in->cur >= 0) {
			in->head = (in->head + 1) % in->nslots;
			in->count--;
			in->cur = -1;
			pthread_cond_signal(&in->can_fill);
		}
		while (in->count == 0)
			pthread_cond_wait(&in->can_take, &in->mu);
		in->cur = in->head;
		s = &in->slots[in->cur];
		pthread_mutex_unlock(&in->mu);
	}
	if (s->status <= 0) {
		in->done_status = s->status;
		in->done_diag = s->diag;
	}
	if (s->len > 0) {
		*p = s->buf;
		*n = s->len;
		return 1;
	}
	return input_next(in, p, n, d);
}

int input_read(struct input *in, char *buf, size_t cap, size_t *n, struct diag *d)
{
	struct diag tmp;
	*n = 0;
	if (in->have_thread || cap == 0)
		return diag_set(d, INPUT_E_READ, in->path, 0, "input_read needs an unthreaded input");
	if (in->done_status <= 0) {
		if (d && in->done_status < 0)
			*d = in->done_diag;
		return in->done_status;
	}
	int rc = produce_into(in, buf, cap, n, &tmp);
	if (rc <= 0) {
		in->done_status = rc;
		in->done_diag = tmp;
		if (d && rc < 0)
			*d = tmp;
	}
	return rc;
}

uint64_t input_bytes_read(const struct input *in)
{
	return in->bytes_read;
}

int input_is_gzip(const struct input *in)
{
	return in->mode == 2;
}

uint64_t input_members(const struct input *in)
{
	return in->members;
}

void input_free(struct input *in)
{
	if (!in)
		return;
	if (in->have_thread) {
		pthread_mutex_lock(&in->mu);
		in->stop = 1;
		pthread_cond_signal(&in->can_fill);
		pthread_mutex_unlock(&in->mu);
		pthread_join(in->thread, NULL);
	}
	if (in->o.threaded || in->have_thread) {
		pthread_mutex_destroy(&in->mu);
		pthread_cond_destroy(&in->can_fill);
		pthread_cond_destroy(&in->can_take);
	}
	dec_fini(in);
	if (in->fd != STDIN_FILENO && in->fd >= 0)
		close(in->fd);
	for (int i = 0; i < in->nslots; i++)
		free(in->slots[i].buf);
	free(in->slots);
	free(in->ibuf);
	free(in->path);
	free(in);
}
