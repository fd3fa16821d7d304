/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of input expansion (src/walk.c): directories walked
 * recursively in byte order, symbolic links followed, loops and other
 * problems reported while the walk goes on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"
#include "walk.h"

struct probs {
	int n;
	int codes[16];
	char files[16][1024];
};

static void on_diag(void *ctx, const struct diag *d)
{
	struct probs *p = ctx;
	if (p->n < 16) {
		p->codes[p->n] = d->code;
		snprintf(p->files[p->n], sizeof(p->files[0]), "%s", d->file);
	}
	p->n++;
}

static void mk(const char *rel, int is_dir)
{
	char *p = tl_path(tl_dir, rel);
	if (is_dir)
		assert_int_equal(mkdir(p, 0700), 0);
	else
		tl_write_file(p, "x\n", 2);
	free(p);
}

static void test_sorted_recursive(void **state)
{
	(void)state;
	/* created out of order; byte order puts upper case first */
	mk("c.log", 0);
	mk("b", 1);
	mk("b/x", 1);
	mk("b/x/y.log.gz", 0);
	mk("a", 1);
	mk("a/z.log", 0);
	mk("a/b.log", 0);
	mk("a.log", 0);
	mk("A.log", 0);
	mk("empty", 1);
	const char *want[] = {"A.log", "a/b.log", "a/z.log", "a.log", "b/x/y.log.gz", "c.log"};
	struct walk_list l;
	struct probs p = {0};
	walk_list_init(&l);
	assert_int_equal(walk_add(&l, tl_dir, on_diag, &p), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(l.n, 6);
	for (size_t i = 0; i < 6; i++) {
		char *w = tl_path(tl_dir, want[i]);
		assert_string_equal(l.paths[i], w);
		free(w);
	}
	/* a trailing slash does not double; files and "-" are taken as given */
	char slash[1100];
	snprintf(slash, sizeof(slash), "%s/", tl_dir);
	char *c = tl_path(tl_dir, "c.log");
	assert_int_equal(walk_add(&l, slash, on_diag, &p), 0);
	assert_int_equal(walk_add(&l, "-", on_diag, &p), 0);
	assert_int_equal(walk_add(&l, c, on_diag, &p), 0);
	assert_int_equal(l.n, 14);
	char *w = tl_path(tl_dir, "A.log");
	assert_string_equal(l.paths[6], w);
	assert_string_equal(l.paths[12], "-");
	assert_string_equal(l.paths[13], c);
	free(w);
	free(c);
	walk_list_fini(&l);
	assert_int_equal(l.n, 0);
}

static void test_problems(void **state)
{
	(void)state;
	char *sub = tl_path(tl_dir, "loop");
	assert_int_equal(mkdir(sub, 0700), 0);
	char *inner = tl_path(sub, "in");
	assert_int_equal(mkdir(inner, 0700), 0);
	char *f = tl_path(inner, "f.log");
	tl_write_file(f, "x\n", 2);
	/* loop/in/up -> .. (loop itself), loop/in/self -> . */
	char *up = tl_path(inner, "up");
	char *self = tl_path(inner, "self");
	assert_int_equal(symlink("..", up), 0);
	assert_int_equal(symlink(".", self), 0);
	/* a dangling link, a fifo, and a link to a file (followed) */
	char *dangling = tl_path(sub, "dangling.log");
	char *fifo = tl_path(sub, "fifo");
	char *flink = tl_path(sub, "link.log");
	assert_int_equal(symlink("nowhere", dangling), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink("in/f.log", flink), 0);

	struct walk_list l;
	struct probs p = {0};
	walk_list_init(&l);
	/* the loops are named, but not counted: their folders are walked
	 * where they are, nothing is lost */
	assert_int_equal(walk_add(&l, sub, on_diag, &p), 2);
	assert_int_equal(p.n, 4);
	/* sorted: dangling.log, fifo, in/f.log, in/self, in/up, link.log */
	assert_int_equal(p.codes[0], WALK_E_MISSING);
	assert_string_equal(p.files[0], dangling);
	assert_int_equal(p.codes[1], WALK_E_TYPE);
	assert_string_equal(p.files[1], fifo);
	assert_int_equal(p.codes[2], WALK_E_LOOP);
	assert_string_equal(p.files[2], self);
	assert_int_equal(p.codes[3], WALK_E_LOOP);
	assert_string_equal(p.files[3], up);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.paths[0], f);
	assert_string_equal(l.paths[1], flink);

	char *missing = tl_path(tl_dir, "no-such-file");
	assert_int_equal(walk_add(&l, missing, on_diag, &p), 1);
	assert_int_equal(p.codes[4], WALK_E_MISSING);
	assert_int_equal(l.n, 2);
	/* with no callback the count still comes back */
	assert_int_equal(walk_add(&l, missing, NULL, NULL), 1);
	walk_list_fini(&l);
	free(missing);
	free(sub);
	free(inner);
	free(f);
	free(up);
	free(self);
	free(dangling);
	free(fifo);
	free(flink);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sorted_recursive, tl_dir_setup, tl_dir_teardown),
		cmocka_unit_test_setup_teardown(test_problems, tl_dir_setup, tl_dir_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
