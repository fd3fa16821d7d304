/* SPDX-License-Identifier: MIT */
/* Parallel analysis of a file list; see runner.h. */
#include "runner.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "s3name.h"
#include "strpool.h"
#include "util.h"
#include "walk.h"

static void list_add(struct runner_list *l, const char *path, int named)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->f = xrealloc(l->f, l->cap * sizeof(*l->f));
	}
	l->f[l->n].path = xstrdup(path);
	l->f[l->n].skipped = 0;
	l->f[l->n].detail = NULL;
	l->f[l->n].size = 0;
	l->f[l->n].named = named;
	l->n++;
}

struct expanding {
	struct runner_list *l;
	struct run_ui *ui;
};

/* A path that cannot be listed joins the list, not read (RUNNER_UNLISTED),
 * so that the inputs report has its row and --shard gives it to one
 * shard; it is named on stderr when the list is dealt out
 * (runner_list_build). A loop is a warning: its files are read. */
static void walk_diag(void *ctx, const struct diag *d)
{
	struct expanding *x = ctx;
	if (d->code == WALK_E_LOOP) {
		if (x->ui && x->ui->diag)
			x->ui->diag(x->ui->ctx, RUN_WARN, d);
		return;
	}
	list_add(x->l, d->file, 0);
	x->l->f[x->l->n - 1].skipped = RUNNER_UNLISTED;
	x->l->f[x->l->n - 1].detail = xstrdup(d->msg);
}

/* arg's files; named: arg is an INPUT argument, which is named when it
 * is a file (not a folder) */
static void expand(struct runner_list *l, const struct options *o, const char *arg,
		   struct run_ui *ui, int named)
{
	struct walk_list w;
	struct expanding x = {l, ui};
	run_walk_init(o, &w);
	walk_add(&w, arg, walk_diag, &x);
	for (size_t i = 0; i < w.n; i++)
		list_add(l, w.paths[i], named && strcmp(w.paths[i], arg) == 0);
	walk_list_fini(&w);
}

static int files_from(struct runner_list *l, const struct options *o, const char *src,
		      struct run_ui *ui, struct diag *d)
{
	FILE *f = strcmp(src, "-") == 0 ? stdin : fopen(src, "r");
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	struct stat st;
	if (!f || (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))) {
		int e = f ? EISDIR : errno;
		if (f)
			fclose(f);
		return diag_set(d, -1, src, 0, "cannot open the file list: %s", strerror(e));
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			text = xrealloc(text, cap + 1);
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	/* one path a line, or NUL-separated (find -print0) when the list
	 * holds a NUL: then a path may hold a line break */
	char sep = text && memchr(text, '\0', len) ? '\0' : '\n';
	for (size_t i = 0; i < len;) {
		char *p = text + i, *e = memchr(p, sep, len - i);
		size_t n = e ? (size_t)(e - p) : len - i;
		i += n + 1;
		if (sep == '\n')
			while (n > 0 && p[n - 1] == '\r')
				n--;
		p[n] = '\0';
		if (n > 0)
			expand(l, o, p, ui, 0);
	}
	if (ferror(f)) {
		/* the rest of the list is lost: an input error, like a path that
		 * cannot be listed */
		struct diag rd;
		struct expanding x = {l, ui};
		diag_set(&rd, WALK_E_MISSING, src, 0, "cannot read the file list: %s", strerror(errno));
		walk_diag(&x, &rd);
	}
	free(text);
	if (f != stdin)
		fclose(f);
	return 0;
}

struct file_id {
	dev_t dev;
	ino_t ino;
	off_t size; /* a check beside the inode, for file systems that reuse them */
	size_t at;  /* the entry's place in the list */
};

static int cmp_file_id(const void *pa, const void *pb)
{
	const struct file_id *a = pa, *b = pb;
	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	return (a->at > b->at) - (a->at < b->at);
}

/* Entries of a list dropped as repeats of earlier ones: how many, and
 * the first (in list order) with the entry it repeats, for the warning. */
struct repeats {
	unsigned char *drop; /* per entry */
	size_t *of;          /* per dropped entry: the entry read instead */
	size_t dropped, first, first_of;
	int keep;            /* copies stay, skipped (drop_marked) */
};

static void repeat_of(struct repeats *r, size_t at, size_t at_first)
{
	r->drop[at] = 1;
	r->of[at] = at_first;
	if (!r->dropped || at < r->first) {
		r->first = at;
		r->first_of = at_first;
	}
	r->dropped++;
}

/* Remove the dropped entries, keeping the order of the rest; with
 * r->keep, a copy under another name than the one read stays, skipped
 * (RUNNER_SKIP_COPY), so that the inputs report lists it. */
static void drop_marked(struct runner_list *l, struct repeats *r)
{
	/* the copies kept first, while every entry is in its place */
	for (size_t i = 0; i < l->n; i++)
		if (r->drop[i] && r->keep && strcmp(l->f[i].path, l->f[r->of[i]].path) != 0 &&
		    !l->f[i].skipped) {
			l->f[i].skipped = RUNNER_SKIP_COPY;
			l->f[i].detail = xstrdup(l->f[r->of[i]].path);
		}
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (r->drop[i] && l->f[i].skipped == RUNNER_SKIP_COPY) {
			l->f[k++] = l->f[i];
		} else if (r->drop[i]) {
			free(l->f[i].path);
		} else {
			l->f[k++] = l->f[i];
		}
	}
	l->n = k;
	free(r->drop);
	free(r->of);
}

/* A path that could not be listed, named again (two arguments, a list
 * and an argument): one entry, one input error, as one file named twice
 * is read once. */
static void drop_unlisted_repeats(struct runner_list *l)
{
	struct strpool *seen = NULL;
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->f[i].skipped == RUNNER_UNLISTED) {
			const char *p = l->f[i].path;
			if (!seen)
				seen = strpool_new();
			if (strpool_find(seen, p, strlen(p))) {
				free(l->f[i].path);
				free(l->f[i].detail);
				continue;
			}
			strpool_intern(seen, p, strlen(p));
		}
		l->f[k++] = l->f[i];
	}
	l->n = k;
	strpool_free(seen);
}

/* A regular file named more than once (by overlapping arguments, two
 * links to one directory, a path and its symlink) is read once, at its
 * first place: reading it again would count its flows twice. One
 * warning says how many were dropped and names the first. Each entry's
 * size is kept from the same stat (runner_analyze's order). */
static void drop_repeats(struct runner_list *l, struct run_ui *ui)
{
	struct file_id *id = xmalloc((l->n ? l->n : 1) * sizeof(*id));
	struct repeats r = {xcalloc(l->n ? l->n : 1, 1), xcalloc(l->n ? l->n : 1, sizeof(size_t)), 0, 0, 0, 0};
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct stat st;
		if (l->f[i].skipped == RUNNER_UNLISTED)
			continue; /* not read (drop_unlisted_repeats) */
		if (strcmp(l->f[i].path, "-") == 0) {
			/* the standard input redirected from a file also named,
			 * unread yet */
			if (fstat(0, &st) != 0 || !S_ISREG(st.st_mode) || lseek(0, 0, SEEK_CUR) != 0)
				continue;
		} else if (stat(l->f[i].path, &st) != 0) {
			continue;
		} else {
			l->f[i].size = (uint64_t)st.st_size;
		}
		if (S_ISREG(st.st_mode))
			id[n++] = (struct file_id){st.st_dev, st.st_ino, st.st_size, i};
	}
	qsort(id, n, sizeof(*id), cmp_file_id);
	for (size_t i = 1, k = 0; i < n; i++) {
		/* k: the first of i's group (sorted by place within it) */
		if (id[i].dev != id[k].dev || id[i].ino != id[k].ino || id[i].size != id[k].size)
			k = i;
		else {
			repeat_of(&r, id[i].at, id[k].at);
			/* named once is named: the kept entry is read */
			l->f[id[k].at].named |= l->f[id[i].at].named;
		}
	}
	if (r.dropped && ui && ui->diag) {
		struct diag w;
		/* the same name twice (an argument and a walk of its folder) */
		const char *of = l->f[r.first_of].path;
		int same = strcmp(l->f[r.first].path, of) == 0;
		if (r.dropped == 1)
			diag_set(&w, 0, l->f[r.first].path, 0, "%s%s, which is read once",
				 same ? "named more than once" : "the same file as ", same ? "" : of);
		else
			diag_set(&w, 0, l->f[r.first].path, 0,
				 "%s%s, which is read once; %zu repeated names skipped in all",
				 same ? "named more than once" : "the same file as ", same ? "" : of,
				 r.dropped);
		ui->diag(ui->ctx, RUN_WARN, &w);
	}
	drop_marked(l, &r);
	free(id);
}

struct object_name {
	char name[256];
	size_t at;
};

static int cmp_object_name(const void *pa, const void *pb)
{
	const struct object_name *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->at > b->at) - (a->at < b->at);
}

/* Is entry a a better copy of an object to read than entry b? A gzip
 * copy (the object as AWS wrote it) before a decompressed one, then the
 * larger (a download or a decompression cut short is smaller), then the
 * least path (whatever the order of the arguments), then the first in
 * the list. */
static int copy_better(const struct runner_list *l, size_t a, size_t b)
{
	int ga = input_gz_name(l->f[a].path), gb = input_gz_name(l->f[b].path);
	if (ga != gb)
		return ga;
	if (l->f[a].size != l->f[b].size)
		return l->f[a].size > l->f[b].size;
	int c = strcmp(l->f[a].path, l->f[b].path);
	return c ? c < 0 : a < b;
}

/* Two files with one AWS object name (s3name_object: `x.log.gz` and its
 * decompressed copy `x.log`, or one object synced into two folders) are
 * one object: read once, the best copy (copy_better), with one warning, as
 * for one file named twice (drop_repeats); another when copies of one
 * form differ in size. */
static void drop_same_objects(struct runner_list *l, struct run_ui *ui)
{
	struct object_name *on = xmalloc((l->n ? l->n : 1) * sizeof(*on));
	/* copies of an object stay in the list, skipped: a file named twice
	 * or reached through a link is one file, and is left out */
	struct repeats r = {xcalloc(l->n ? l->n : 1, 1), xcalloc(l->n ? l->n : 1, sizeof(size_t)), 0, 0, 0, 1};
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->f[i].skipped != RUNNER_UNLISTED && s3name_object(l->f[i].path, on[n].name, sizeof(on[n].name)))
			on[n++].at = i;
	qsort(on, n, sizeof(*on), cmp_object_name);
	size_t uneven = 0, uneven_at = 0;
	for (size_t k = 0, e; k < n; k = e) {
		/* the group [k, e) of one name; the copy read is the best */
		size_t best = k;
		for (e = k + 1; e < n && strcmp(on[e].name, on[k].name) == 0; e++)
			if (copy_better(l, on[e].at, on[best].at))
				best = e;
		int differ = 0;
		for (size_t i = k; i < e; i++) {
			if (i == best)
				continue;
			repeat_of(&r, on[i].at, on[best].at);
			differ |= input_gz_name(l->f[on[i].at].path) == input_gz_name(l->f[on[best].at].path) &&
				  l->f[on[i].at].size != l->f[on[best].at].size;
		}
		if (differ && !uneven++)
			uneven_at = on[best].at;
	}
	if (r.dropped && ui && ui->diag) {
		struct diag w;
		diag_set(&w, 0, l->f[r.first].path, 0,
			 "the same flow log object as %s (one AWS object name; a decompressed or second "
			 "copy?), which is read once%s",
			 l->f[r.first_of].path, r.dropped > 1 ? "; more such copies skipped" : "");
		if (r.dropped > 1)
			snprintf(w.msg + strlen(w.msg), sizeof(w.msg) - strlen(w.msg), " (%zu in all)",
				 r.dropped);
		ui->diag(ui->ctx, RUN_WARN, &w);
	}
	if (uneven && ui && ui->diag) {
		struct diag w;
		diag_set(&w, 0, l->f[uneven_at].path, 0,
			 "copies of this flow log object differ in size: the largest is read (a smaller "
			 "one may be cut short)%s",
			 uneven > 1 ? "; other objects' copies too" : "");
		ui->diag(ui->ctx, RUN_WARN, &w);
	}
	drop_marked(l, &r);
	free(on);
}

int runner_list_build(const struct options *o, struct run_ui *ui, struct runner_list *l,
		      struct diag *d)
{
	memset(l, 0, sizeof(*l));
	for (int i = 0; i < o->ninputs; i++)
		expand(l, o, o->inputs[i], ui, 1);
	if (o->files_from && files_from(l, o, o->files_from, ui, d) != 0)
		return -1;
	/* the standard input can be read once: as a list or as one input */
	int stdin_uses = o->files_from && strcmp(o->files_from, "-") == 0;
	for (size_t i = 0; i < l->n; i++)
		stdin_uses += l->f[i].skipped != RUNNER_UNLISTED && strcmp(l->f[i].path, "-") == 0;
	if (stdin_uses > 1)
		return diag_set(d, -1, "<stdin>", 0, "%s", CLI_STDIN_TWICE);
	drop_unlisted_repeats(l);
	drop_repeats(l, ui);
	drop_same_objects(l, ui);
	if (o->shard_n) {
		/* the files read are dealt out, and so are the paths that could
		 * not be listed, in their places: a file missing on one host of
		 * a cluster keeps the others' shares as they are on the hosts
		 * that have it. The copies not read go with shard 0, so that one
		 * inputs report lists each */
		size_t k = 0, c = 0;
		for (size_t i = 0; i < l->n; i++) {
			int copy = l->f[i].skipped == RUNNER_SKIP_COPY;
			if (copy ? o->shard_i == 0 : c++ % o->shard_n == o->shard_i) {
				l->f[k++] = l->f[i];
			} else {
				free(l->f[i].path);
				free(l->f[i].detail);
			}
		}
		l->n = k;
	}
	/* the paths of this run (of its shard) that could not be listed:
	 * input errors, named once */
	for (size_t i = 0; i < l->n; i++) {
		if (l->f[i].skipped != RUNNER_UNLISTED)
			continue;
		l->input_errors++;
		if (ui && ui->diag) {
			struct diag e;
			diag_set(&e, WALK_E_MISSING, l->f[i].path, 0, "%s", l->f[i].detail);
			ui->diag(ui->ctx, RUN_INPUT, &e);
		}
	}
	/* another service's object first: a wider window would not read it.
	 * Only in folders and lists: a file named as an INPUT is read */
	for (size_t i = 0; i < l->n; i++) {
		char svc[64];
		if (!l->f[i].skipped && !l->f[i].named && s3name_other_service(l->f[i].path, svc, sizeof(svc)))
			l->f[i].skipped = RUNNER_SKIP_SERVICE;
	}
	if (o->since != INT64_MIN || o->until != INT64_MAX) {
		for (size_t i = 0; i < l->n; i++) {
			int64_t s, e;
			/* a copy outside the window is skipped for that, as the
			 * file it copies is */
			if ((!l->f[i].skipped || l->f[i].skipped == RUNNER_SKIP_COPY) &&
			    s3name_span(l->f[i].path, &s, &e) && (e <= o->since || s >= o->until))
				l->f[i].skipped = RUNNER_SKIP_WINDOW;
		}
	}
	return 0;
}

/* Why a file was not read, for its inputs row (docs/reports.md); NULL
 * for one that was. */
static const char *skip_reason(const struct runner_file *f, char *buf, size_t len)
{
	char svc[64];
	switch (f->skipped) {
	case RUNNER_SKIP_WINDOW: {
		/* by its AWS file name, else by its folders */
		int64_t a, b;
		return s3name_span(f->path, &a, &b) == 2
			       ? "its folders' time is outside the run's window (--day or --since/--until)"
			       : "its name's time is outside the run's window (--day or --since/--until)";
	}
	case RUNNER_SKIP_COPY: {
		/* the row keeps 255 bytes: a long path by its end */
		const char *p = f->detail, *tail = p;
		size_t n = strlen(p);
		if (n > 180)
			for (tail = p + n - 180; ((unsigned char)*tail & 0xC0) == 0x80; tail++)
				;
		snprintf(buf, len, "the same flow log object as %s%s, which is read", tail != p ? "..." : "", tail);
		return buf;
	}
	case RUNNER_UNLISTED:
		return f->detail;
	case RUNNER_SKIP_SERVICE:
		if (!s3name_other_service(f->path, svc, sizeof(svc)))
			return "another service's object";
		snprintf(buf, len, "another service's object (%s)", svc);
		return buf;
	default:
		return NULL;
	}
}

void runner_list_free(struct runner_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->f[i].path);
		free(l->f[i].detail);
	}
	free(l->f);
	memset(l, 0, sizeof(*l));
}

/* Diagnostics (about 1.5 KiB each) that may wait for an earlier input. */
#define HOLD_MAX 4096

/* One input's outcome, kept until its turn to be reported. */
struct slot {
	struct scan_stats st;
	int rc;
	struct diag *err;   /* the input error (rc < 0), else NULL: most inputs have
			     * none, and a list may hold 100,000s of them */
	struct diag *lines; /* the first malformed-line diagnostics */
	size_t nlines;
	uint64_t more;      /* malformed lines beyond those kept */
	_Atomic uint64_t untimed; /* flows counted without an end time (two scan
				   * workers of the file add to it) */
	int done;
};

struct shared {
	const struct options *o;
	const struct topo *t;
	const struct runner_list *l;
	struct run_ui *ui;
	struct scan_opts so;
	struct slot *slots;
	size_t keep;        /* diagnostics kept per input */
	/* Inputs are taken largest first (order, from big), but diagnostics
	 * are handed over in input order: while more than HOLD_MAX of them
	 * wait for an earlier input, the next input in list order (from low)
	 * is taken instead, so that they cannot pile up. Under mu. */
	size_t *order;
	unsigned char *taken;
	size_t big, low;
	_Atomic size_t held; /* diagnostics kept and not yet handed over */
	pthread_mutex_t mu;
	size_t next_report; /* first input whose diagnostics are not out yet */
	struct runner_progress prog;
};

struct worker {
	struct shared *sh;
	struct analysis *an;
	struct analysis *an2; /* scan worker 1's, merged into an at the end */
	struct slot *cur;
	/* the layout each scan worker's records had last (scan_pos.layout_gen),
	 * to note unknown field names once per layout (analysis_note_layout) */
	uint64_t lay_gen[2];
	int lay_no_bytes[2]; /* that layout has no bytes column */
	pthread_t th;
	int started;
};

static void on_line_diag(void *ctx, const struct diag *d)
{
	struct worker *w = ctx;
	struct slot *s = w->cur;
	if (s->nlines < w->sh->keep) {
		s->lines = xrealloc(s->lines, (s->nlines + 1) * sizeof(*s->lines));
		s->lines[s->nlines++] = *d;
		atomic_fetch_add_explicit(&w->sh->held, 1, memory_order_relaxed);
	} else {
		s->more++;
	}
}

static int on_record(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	struct worker *w = ctx;
	/* the two scan workers of one file run at once: one analysis each */
	int k = pos->worker ? 1 : 0;
	struct analysis *a = k ? w->an2 : w->an;
	if (pos->layout_gen != w->lay_gen[k]) {
		w->lay_gen[k] = pos->layout_gen;
		w->lay_no_bytes[k] = !(pos->layout->fields & (UINT64_C(1) << FL_BYTES));
		analysis_note_layout(a, pos->layout);
	}
	/* a flow counted (inside the window) of a layout without bytes, or
	 * without an end time */
	if (analysis_add_record(a, w->sh->t, rec)) {
		a->flows_without_bytes += (uint64_t)w->lay_no_bytes[k];
		if (!fl_has(rec, FL_END))
			atomic_fetch_add_explicit(&w->cur->untimed, 1, memory_order_relaxed);
	}
	return 0;
}

/* Hand over the diagnostics of every finished input at the head of the
 * list, in order. Called with the lock held. */
static void report_ready(struct shared *sh)
{
	struct run_ui *ui = sh->ui;
	while (sh->next_report < sh->l->n && sh->slots[sh->next_report].done) {
		struct slot *s = &sh->slots[sh->next_report++];
		for (size_t i = 0; i < s->nlines; i++)
			if (ui && ui->diag)
				ui->diag(ui->ctx, RUN_LINE, &s->lines[i]);
		if (s->more && ui && ui->suppressed)
			ui->suppressed(ui->ctx, s->more);
		if (s->rc < 0 && ui && ui->diag)
			ui->diag(ui->ctx, RUN_INPUT, s->err);
		free(s->lines);
		s->lines = NULL;
		atomic_fetch_sub_explicit(&sh->held, s->nlines, memory_order_relaxed);
	}
}

/* The next input to read, or SIZE_MAX when all are taken. */
static size_t take_next(struct shared *sh)
{
	size_t n = sh->l->n, i = SIZE_MAX;
	pthread_mutex_lock(&sh->mu);
	if (atomic_load_explicit(&sh->held, memory_order_relaxed) > HOLD_MAX) {
		while (sh->low < n && sh->taken[sh->low])
			sh->low++;
		if (sh->low < n)
			i = sh->low;
	} else {
		while (sh->big < n && sh->taken[sh->order[sh->big]])
			sh->big++;
		if (sh->big < n)
			i = sh->order[sh->big];
	}
	if (i != SIZE_MAX)
		sh->taken[i] = 1;
	pthread_mutex_unlock(&sh->mu);
	return i;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;
	for (;;) {
		size_t i = take_next(sh);
		if (i == SIZE_MAX)
			break;
		struct slot *s = &sh->slots[i];
		scan_stats_init(&s->st);
		if (!sh->l->f[i].skipped) {
			char fl[64], reg[32];
			const char *src = s3name_flow_log(sh->l->f[i].path, fl, sizeof(fl)) ? fl : NULL;
			const char *region = s3name_region(sh->l->f[i].path, reg, sizeof(reg)) ? reg : NULL;
			analysis_set_source(w->an, src, region);
			analysis_set_source(w->an2, src, region);
			w->cur = s;
			struct diag e;
			diag_clear(&e);
			s->rc = scan_file(sh->l->f[i].path, &sh->so, on_record, on_line_diag, w, &s->st, &e);
			if (s->rc < 0) {
				s->err = xmalloc(sizeof(e));
				*s->err = e;
			}
			atomic_fetch_add(&sh->prog.records, s->st.flows + s->st.nodata + s->st.skipdata);
		}
		atomic_fetch_add(&sh->prog.files_done, 1);
		pthread_mutex_lock(&sh->mu);
		s->done = 1;
		report_ready(sh);
		pthread_mutex_unlock(&sh->mu);
	}
	return NULL;
}

struct sized {
	uint64_t size;
	size_t index;
};

static int by_size_desc(const void *a, const void *b)
{
	const struct sized *x = a, *y = b;
	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int ncores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

int runner_analyze(const struct options *o, const struct topo *t, const struct runner_list *l,
		   struct run_ui *ui, struct analysis *out)
{
	struct shared sh;
	int jobs = o->jobs > 0 ? o->jobs : ncores();
	int rc = 0;

	memset(&sh, 0, sizeof(sh));
	sh.o = o;
	sh.t = t;
	sh.l = l;
	sh.ui = ui;
	run_scan_opts(o, &sh.so);
	sh.so.progress = &sh.prog.bytes_read;
	sh.slots = xcalloc(l->n ? l->n : 1, sizeof(*sh.slots));
	sh.keep = o->max_errors < 1000 ? (size_t)o->max_errors : 1000;
	pthread_mutex_init(&sh.mu, NULL);
	sh.prog.files_total = l->n;
	/* the largest files first, so that no worker is left with a big one
	 * at the end while the others idle; reports do not depend on it */
	struct sized *sz = xcalloc(l->n ? l->n : 1, sizeof(*sz));
	for (size_t i = 0; i < l->n; i++) {
		sz[i].index = i;
		if (!l->f[i].skipped) {
			sh.prog.bytes_total += l->f[i].size;
			sz[i].size = l->f[i].size;
		}
	}
	qsort(sz, l->n, sizeof(*sz), by_size_desc);
	sh.order = xcalloc(l->n ? l->n : 1, sizeof(*sh.order));
	for (size_t i = 0; i < l->n; i++)
		sh.order[i] = sz[i].index;
	free(sz);
	sh.taken = xcalloc(l->n ? l->n : 1, 1);
	/* -j N is the number of threads that read, parse and classify. With
	 * at least as many files as threads, each worker reads its files
	 * alone (no reader thread); a worker with two threads' share (-j 2 on
	 * one file, -j 4 on two) runs two parse workers on each file. */
	int threads = jobs;
	/* (by the files read: a skipped one, a copy say, takes no worker) */
	size_t nread = 0;
	for (size_t i = 0; i < l->n; i++)
		nread += !l->f[i].skipped;
	if ((size_t)jobs > nread)
		jobs = nread ? (int)nread : 1;
	sh.so.input.threaded = 0;
	sh.so.parse_workers = threads >= 2 * jobs ? 2 : 1;
	sh.so.vpc_only = 1; /* transit gateway flow logs are not counted (docs/behaviour.md) */

	struct worker *w = xcalloc((size_t)jobs, sizeof(*w));
	int started = 0;
	for (int k = 0; k < jobs; k++) {
		w[k].sh = &sh;
		w[k].an = analysis_new();
		w[k].an->since = out->since;
		w[k].an->until = out->until;
		w[k].an->want_secondary = out->want_secondary;
		w[k].an2 = analysis_new();
		w[k].an2->since = out->since;
		w[k].an2->until = out->until;
		w[k].an2->want_secondary = out->want_secondary;
		analysis_set_limits(w[k].an, out->max_rows, out->max_talkers);
		analysis_set_limits(w[k].an2, out->max_rows, out->max_talkers);
		if (pthread_create(&w[k].th, NULL, worker_main, &w[k]) == 0) {
			w[k].started = 1;
			started++;
		}
	}
	if (started == 0) {
		/* no thread at all: do the work here */
		worker_main(&w[0]);
		rc = -1;
	} else if (started < jobs) {
		rc = -1;
	}
	if (ui && ui->progress) {
		/* look often, report a few times a second: a short run must not
		 * wait for a long sleep to end */
		struct timespec ts = {0, 20 * 1000 * 1000};
		for (int tick = 1; atomic_load(&sh.prog.files_done) < l->n; tick++) {
			nanosleep(&ts, NULL);
			if (tick % 5 == 0)
				ui->progress(ui->ctx, &sh.prog, 0);
		}
	}
	for (int k = 0; k < jobs; k++)
		if (w[k].started)
			pthread_join(w[k].th, NULL);
	if (ui && ui->progress)
		ui->progress(ui->ctx, &sh.prog, 1);
	pthread_mutex_lock(&sh.mu);
	report_ready(&sh);
	pthread_mutex_unlock(&sh.mu);

	for (int k = 0; k < jobs; k++) {
		analysis_merge(w[k].an, w[k].an2);
		analysis_free(w[k].an2);
		analysis_merge(out, w[k].an);
		analysis_free(w[k].an);
	}
	for (size_t i = 0; i < l->n; i++) {
		struct slot *s = &sh.slots[i];
		char why[640];
		if (s->rc < 0)
			out->input_errors++;
		analysis_add_input(out, l->f[i].path, &s->st,
				   s->rc < 0 ? s->err->msg : skip_reason(&l->f[i], why, sizeof(why)),
				   l->f[i].skipped);
		out->inputs[out->ninputs - 1].untimed = atomic_load(&s->untimed);
		out->inputs[out->ninputs - 1].untimed_known = 1;
		free(s->err);
	}
	free(w);
	free(sh.order);
	free(sh.taken);
	free(sh.slots);
	pthread_mutex_destroy(&sh.mu);
	return rc;
}
