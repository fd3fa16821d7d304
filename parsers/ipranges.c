/* SPDX-License-Identifier: MIT */
/*
 * AWS's ip-ranges.json into the topology model (topology_json.h declares
 * the interface). The file is 2.6 MB of one fixed shape, read on every run:
 * a purpose-built scanner reads it about ten times faster than building
 * jansson's tree of 17,000 objects, which matters for a nightly job's
 * start-up. It is a strict JSON reader all the same: any syntax error, or a
 * known field of the wrong type, is an error naming line, column and path.
 */
#include <stdio.h>
#include <string.h>

#include "topology_json.h"
#include "util.h"

#define MAX_DEPTH 64

struct jp {
	const char *start, *p, *end;
	const char *name;
	struct diag *d;
	struct topo *t;
	int err;
	char path[128];
};

static void where(const struct jp *j, const char *at, unsigned long *line, unsigned long *col)
{
	*line = 1;
	*col = 1;
	for (const char *q = j->start; q < at && q < j->end; q++) {
		if (*q == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static int fail(struct jp *j, int code, const char *at, const char *what)
{
	unsigned long line, col;
	if (j->err)
		return j->err;
	where(j, at, &line, &col);
	if (code == TJ_E_SYNTAX) {
		char path[128];
		json_path_at(j->start, (size_t)((at < j->end ? at : j->end) - j->start), path, sizeof(path));
		diag_set(j->d, code, j->name, line, "%s%smalformed JSON: %s", path, path[0] ? ": " : "", what);
	} else {
		diag_set(j->d, code, j->name, line, "%s: expected %s", j->path[0] ? j->path : "(top level)",
			 what);
	}
	if (j->d)
		j->d->column = col;
	j->err = code;
	return code;
}

static void ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

static int expect(struct jp *j, char c)
{
	ws(j);
	if (j->p >= j->end || *j->p != c) {
		char what[32];
		snprintf(what, sizeof(what), "'%c' expected", c);
		return fail(j, TJ_E_SYNTAX, j->p, what);
	}
	j->p++;
	return 0;
}

/* A string; its unescaped text into out (cap bytes, NUL-terminated) when
 * out is not NULL. Returns 0, 1 when it did not fit, or an error. */
static int string(struct jp *j, char *out, size_t cap)
{
	size_t o = 0;
	int overflow = 0;
	ws(j);
	if (j->p >= j->end || *j->p != '"')
		return fail(j, TJ_E_SYNTAX, j->p, "a string expected");
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		if (c < 0x20)
			return fail(j, TJ_E_SYNTAX, j->p - 1, "control character in a string");
		if (c == '\\') {
			if (j->p >= j->end)
				break;
			char e = *j->p++;
			switch (e) {
			case '"': case '\\': case '/': c = (unsigned char)e; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'u':
				for (int k = 0; k < 4; k++, j->p++)
					if (j->p >= j->end || !strchr("0123456789abcdefABCDEF", *j->p) || !*j->p)
						return fail(j, TJ_E_SYNTAX, j->p, "bad \\u escape");
				c = '?'; /* no field flowpath reads holds non-ASCII text */
				break;
			default:
				return fail(j, TJ_E_SYNTAX, j->p - 1, "bad escape");
			}
		}
		if (out) {
			if (o + 1 < cap)
				out[o++] = (char)c;
			else
				overflow = 1;
		}
	}
	if (j->p >= j->end)
		return fail(j, TJ_E_SYNTAX, j->p, "unterminated string");
	j->p++;
	if (out)
		out[o] = '\0';
	return overflow;
}

static int skip_value(struct jp *j, int depth);

static int skip_container(struct jp *j, int depth, char open, char close)
{
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		if (open == '{') {
			if (string(j, NULL, 0) < 0 || expect(j, ':'))
				return j->err;
		}
		if (skip_value(j, depth + 1))
			return j->err;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		return expect(j, close);
	}
}

static int skip_value(struct jp *j, int depth)
{
	ws(j);
	if (depth > MAX_DEPTH)
		return fail(j, TJ_E_SYNTAX, j->p, "nested too deeply");
	if (j->p >= j->end)
		return fail(j, TJ_E_SYNTAX, j->p, "a value expected");
	switch (*j->p) {
	case '"':
		return string(j, NULL, 0) < 0 ? j->err : 0;
	case '{':
		return skip_container(j, depth, '{', '}');
	case '[':
		return skip_container(j, depth, '[', ']');
	case 't':
	case 'f':
	case 'n': {
		static const char *const lits[] = {"true", "false", "null"};
		for (int k = 0; k < 3; k++) {
			size_t n = strlen(lits[k]);
			if ((size_t)(j->end - j->p) >= n && memcmp(j->p, lits[k], n) == 0) {
				j->p += n;
				return 0;
			}
		}
		return fail(j, TJ_E_SYNTAX, j->p, "bad literal");
	}
	default: {
		const char *s = j->p;
		if (*j->p == '-')
			j->p++;
		while (j->p < j->end && strchr("0123456789.eE+-", *j->p) && *j->p)
			j->p++;
		if (j->p == s || (j->p == s + 1 && *s == '-'))
			return fail(j, TJ_E_SYNTAX, s, "a value expected");
		return 0;
	}
	}
}

/* One prefix object of "prefixes" or "ipv6_prefixes". */
static int prefix_object(struct jp *j, const char *field, size_t index, const char *list)
{
	char prefix[64] = "", service[64] = "", region[64] = "";
	const char *obj = j->p;
	int have = 0;
	ws(j);
	obj = j->p;
	if (j->p >= j->end || *j->p != '{') {
		snprintf(j->path, sizeof(j->path), "%s[%zu]", list, index);
		return fail(j, TJ_E_SHAPE, j->p, "an object");
	}
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
	} else {
		for (;;) {
			char key[32];
			int rc = string(j, key, sizeof(key));
			if (rc < 0 || expect(j, ':'))
				return j->err;
			char *dst = NULL;
			int bit = 0;
			if (rc == 0 && strcmp(key, field) == 0) {
				dst = prefix;
				bit = 1;
			} else if (rc == 0 && strcmp(key, "service") == 0) {
				dst = service;
				bit = 2;
			} else if (rc == 0 && strcmp(key, "region") == 0) {
				dst = region;
				bit = 4;
			}
			if (dst) {
				ws(j);
				snprintf(j->path, sizeof(j->path), "%s[%zu].%s", list, index, key);
				if (j->p >= j->end || *j->p != '"')
					return fail(j, TJ_E_SHAPE, j->p, "a string");
				if (string(j, dst, 64) != 0)
					return j->err ? j->err : fail(j, TJ_E_SHAPE, j->p, "a shorter string");
				have |= bit;
			} else if (skip_value(j, 2)) {
				return j->err;
			}
			ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (expect(j, '}'))
				return j->err;
			break;
		}
	}
	static const char *const names[] = {NULL, "service", "region"};
	for (int b = 0; b < 3; b++) {
		if (!(have & (1 << b))) {
			snprintf(j->path, sizeof(j->path), "%s[%zu].%s", list, index, b ? names[b] : field);
			return fail(j, TJ_E_SHAPE, obj, b ? "a string" : "a CIDR block");
		}
	}
	struct cidr c;
	size_t max = j->t->max_ranges ? j->t->max_ranges : 1000000;
	if ((size_t)j->t->nranges >= max) {
		snprintf(j->path, sizeof(j->path), "%s[%zu]", list, index);
		unsigned long line, col;
		where(j, obj, &line, &col);
		diag_set(j->d, TJ_E_LIMIT, j->name, line, "more than %zu prefixes (--max-ranges)", max);
		j->err = TJ_E_LIMIT;
		return j->err;
	}
	snprintf(j->path, sizeof(j->path), "%s[%zu].%s", list, index, field);
	if (prefix_parse(prefix, strlen(prefix), &c.a, &c.plen) != 0 ||
	    topo_add_range(j->t, &c, service, region) != 0)
		return fail(j, TJ_E_SHAPE, obj, "a CIDR block");
	return 0;
}

static int prefix_list(struct jp *j, const char *list, const char *field)
{
	ws(j);
	if (j->p >= j->end || *j->p != '[') {
		snprintf(j->path, sizeof(j->path), "%s", list);
		return fail(j, TJ_E_SHAPE, j->p, "an array");
	}
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (size_t i = 0;; i++) {
		if (prefix_object(j, field, i, list))
			return j->err;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		return expect(j, ']');
	}
}

int ipranges_load_buffer(struct topo *t, const char *name, const char *buf, size_t len,
			 struct diag *d)
{
	struct jp j;
	int seen = 0;
	memset(&j, 0, sizeof(j));
	j.start = j.p = buf;
	j.end = buf + len;
	j.name = name;
	j.d = d;
	j.t = t;
	ws(&j);
	if (j.p >= j.end || *j.p != '{') {
		if (j.p < j.end && strchr("[\"-0123456789tfn", *j.p) && *j.p)
			return fail(&j, TJ_E_SHAPE, j.p, "an ip-ranges.json object with prefixes");
		return fail(&j, TJ_E_SYNTAX, j.p, "'{' expected");
	}
	j.p++;
	ws(&j);
	if (j.p < j.end && *j.p == '}') {
		j.p++;
	} else {
		for (;;) {
			char key[32], val[128];
			int rc = string(&j, key, sizeof(key));
			if (rc < 0 || expect(&j, ':'))
				return j.err;
			if (rc == 0 && strcmp(key, "prefixes") == 0) {
				seen = 1;
				if (prefix_list(&j, "prefixes", "ip_prefix"))
					return j.err;
			} else if (rc == 0 && strcmp(key, "ipv6_prefixes") == 0) {
				seen = 1;
				if (prefix_list(&j, "ipv6_prefixes", "ipv6_prefix"))
					return j.err;
			} else if (rc == 0 && (strcmp(key, "syncToken") == 0 || strcmp(key, "createDate") == 0)) {
				ws(&j);
				snprintf(j.path, sizeof(j.path), "%s", key);
				if (j.p >= j.end || *j.p != '"')
					return fail(&j, TJ_E_SHAPE, j.p, "a string");
				if (string(&j, val, sizeof(val)) < 0)
					return j.err;
				uint32_t id = topo_str(t, val);
				if (key[0] == 's')
					t->ranges_sync_s = id;
				else
					t->ranges_date_s = id;
			} else if (skip_value(&j, 1)) {
				return j.err;
			}
			ws(&j);
			if (j.p < j.end && *j.p == ',') {
				j.p++;
				continue;
			}
			if (expect(&j, '}'))
				return j.err;
			break;
		}
	}
	ws(&j);
	if (j.p != j.end)
		return fail(&j, TJ_E_SYNTAX, j.p, "text after the JSON value");
	if (!seen) {
		j.path[0] = '\0';
		return diag_set(d, TJ_E_SHAPE, name, 1,
				"expected an ip-ranges.json object with prefixes or ipv6_prefixes");
	}
	return 0;
}
