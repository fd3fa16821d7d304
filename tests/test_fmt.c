/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of value formatting (src/fmt.c): CSV quoting, TSV escaping,
 * JSON strings (checked by parsing them back with jansson), ISO 8601 times
 * both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "fmt.h"
#include "table.h"

typedef void (*writer)(FILE *f, const char *p, size_t len);

/* The writer's output for p[0..len) as a malloc'd string. */
static char *out(writer w, const char *p, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	w(f, p, len);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void check(writer w, const char *in, const char *want)
{
	char *got = out(w, in, strlen(in));
	assert_string_equal(got, want);
	free(got);
}

static void test_csv(void **state)
{
	(void)state;
	check(fmt_csv_field, "", "");
	check(fmt_csv_field, "plain text", "plain text");
	check(fmt_csv_field, "a,b", "\"a,b\"");
	check(fmt_csv_field, "say \"hi\"", "\"say \"\"hi\"\"\"");
	check(fmt_csv_field, "two\nlines", "\"two\nlines\"");
	check(fmt_csv_field, "cr\r", "\"cr\r\"");
	check(fmt_csv_field, "tab\tok", "tab\tok");
	/* a length inside a longer string */
	char *got = out(fmt_csv_field, "ab,cd", 2);
	assert_string_equal(got, "ab");
	free(got);
}

static void test_tsv(void **state)
{
	(void)state;
	check(fmt_tsv_field, "plain", "plain");
	check(fmt_tsv_field, "a\tb", "a\\tb");
	check(fmt_tsv_field, "a\nb\r", "a\\nb\\r");
	check(fmt_tsv_field, "back\\slash", "back\\\\slash");
	check(fmt_tsv_field, "\t\t", "\\t\\t");
	check(fmt_tsv_field, "a,\"b\"", "a,\"b\"");
}

/* HTML text: markup characters as references, so that a file name or
 * an id cannot open a tag or end an attribute; control characters as
 * fmt_visible shows them; newline and tab (a <pre> block's) kept. */
static void test_html(void **state)
{
	(void)state;
	check(fmt_html_text, "plain", "plain");
	check(fmt_html_text, "<script>a&b</script>", "&lt;script&gt;a&amp;b&lt;/script&gt;");
	check(fmt_html_text, "say \"hi\" 'x'", "say &quot;hi&quot; &#39;x&#39;");
	check(fmt_html_text, "a\nb\tc", "a\nb\tc");
	check(fmt_html_text, "esc\x1b[0m\r\x7f", "esc\\x1b[0m\\x0d\\x7f");
	check(fmt_html_text, "caf\xc3\xa9", "caf\xc3\xa9");
	/* a table of each: cells escaped, numbers marked, rows closed */
	static const struct table_col col[] = {{"name", COL_STR}, {"bytes", COL_U64}};
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	struct table *t = table_new(f, FMT_HTML, col, 2);
	table_cstr(t, "a<b\tc\n");
	table_u64(t, 42);
	table_end_row(t);
	table_str(t, "", 0);
	table_u64(t, 0);
	table_end_row(t);
	assert_int_equal(table_finish(t), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, "<table>\n<thead><tr><th>name</th><th class=\"n\">bytes</th></tr></thead>\n"
				 "<tbody>\n<tr><td>a&lt;b\\tc\\n</td><td class=\"n\">42</td></tr>\n"
				 "<tr><td></td><td class=\"n\">0</td></tr>\n</tbody>\n</table>\n");
	free(buf);
}

static void test_json(void **state)
{
	(void)state;
	check(fmt_json_string, "", "\"\"");
	check(fmt_json_string, "eni-1", "\"eni-1\"");
	check(fmt_json_string, "q\"b\\", "\"q\\\"b\\\\\"");
	check(fmt_json_string, "\n\r\t", "\"\\n\\r\\t\"");
	check(fmt_json_string, "\x01\x1f", "\"\\u0001\\u001f\"");
	/* every byte 1..127 and some UTF-8 round-trips through a JSON parser */
	char all[160];
	size_t n = 0;
	for (int c = 1; c < 128; c++)
		all[n++] = (char)c;
	memcpy(all + n, "\xc3\xb6\xe2\x82\xac", 5);
	n += 5;
	char *s = out(fmt_json_string, all, n);
	json_error_t err;
	json_t *j = json_loads(s, JSON_DECODE_ANY, &err);
	if (!j)
		fail_msg("not JSON: %s: %s", s, err.text);
	assert_true(json_is_string(j));
	assert_int_equal(json_string_length(j), n);
	assert_memory_equal(json_string_value(j), all, n);
	json_decref(j);
	free(s);
	/* a NUL inside the range is escaped too */
	s = out(fmt_json_string, "a\0b", 3);
	assert_string_equal(s, "\"a\\u0000b\"");
	free(s);
	/* bytes that are not well-formed UTF-8 become U+FFFD, one each:
	 * a stray byte, an overlong form, a surrogate, past U+10FFFF, a
	 * sequence cut short; well-formed 2-, 3- and 4-byte ones stay */
	static const struct {
		const char *in, *want;
	} u8[] = {
		{"a\xff" "b", "\"a\\ufffdb\""},
		{"\xc0\x80", "\"\\ufffd\\ufffd\""},
		{"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""},
		{"\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""},
		{"x\xe2\x82", "\"x\\ufffd\\ufffd\""},
		{"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""},
		/* C1 controls (U+0080, U+0085, U+009F) and U+2028/U+2029
		 * escaped: line ends to JavaScript and Python's splitlines;
		 * U+00A0 and U+2027, their neighbours, stay */
		{"a\xc2\x80\xc2\x85\xc2\x9f" "b", "\"a\\u0080\\u0085\\u009fb\""},
		{"\xe2\x80\xa8x\xe2\x80\xa9", "\"\\u2028x\\u2029\""},
		{"\xc2\xa0\xe2\x80\xa7", "\"\xc2\xa0\xe2\x80\xa7\""},
	};
	for (size_t i = 0; i < sizeof(u8) / sizeof(u8[0]); i++) {
		s = out(fmt_json_string, u8[i].in, strlen(u8[i].in));
		assert_string_equal(s, u8[i].want);
		free(s);
	}
}

/* For terminals: control characters visible, other bytes as they are,
 * cut short (never mid-escape) when the buffer is full. */
static void test_visible(void **state)
{
	(void)state;
	char buf[64];
	static const char in[] = "a\tb\nc\rd\x1b[31me\x7f\x01\xc3\xa9\\";
	assert_string_equal(fmt_visible(in, sizeof(in) - 1, buf, sizeof(buf)),
			    "a\\tb\\nc\\rd\\x1b[31me\\x7f\\x01\xc3\xa9\\");
	/* an embedded NUL is a control character too */
	assert_string_equal(fmt_visible("x\0y", 3, buf, sizeof(buf)), "x\\x00y");
	assert_string_equal(fmt_visible("abc\x1b", 4, buf, 6), "abc");
	assert_string_equal(fmt_visible("abc\x1b", 4, buf, 8), "abc\\x1b");
	assert_string_equal(fmt_visible("", 0, buf, 1), "");
	/* a byte that starts no UTF-8 sequence, a cut one, an overlong one:
	 * \xHH, so that the text stays UTF-8; a whole sequence is kept, or
	 * left out whole when it does not fit */
	assert_string_equal(fmt_visible("a\xff" "b", 3, buf, sizeof(buf)), "a\\xffb");
	assert_string_equal(fmt_visible("a\xc3", 2, buf, sizeof(buf)), "a\\xc3");
	assert_string_equal(fmt_visible("\xc0\xaf", 2, buf, sizeof(buf)), "\\xc0\\xaf");
	assert_string_equal(fmt_visible("ab\xe2\x82\xac", 5, buf, 5), "ab");
	assert_string_equal(fmt_visible("ab\xe2\x82\xac", 5, buf, 6), "ab\xe2\x82\xac");
	/* a C1 control character (NEL) as its two bytes; U+00A0 kept */
	assert_string_equal(fmt_visible("a\xc2\x85" "b\xc2\xa0", 6, buf, sizeof(buf)), "a\\xc2\\x85b\xc2\xa0");
	assert_int_equal(fmt_width("d\xc3\xa9j\xc3\xa0 \xe2\x82\xac"), 6);
}

/* HTML text is UTF-8: a whole sequence kept, a stray byte as \xHH. */
static void test_html_utf8(void **state)
{
	(void)state;
	check(fmt_html_text, "SQ\xe9S caf\xc3\xa9", "SQ\\xe9S caf\xc3\xa9");
	check(fmt_html_text, "x\xc2\x9fy", "x\\xc2\\x9fy");
}

/* The table pads by columns: a UTF-8 name lines up with ASCII ones. */
static void test_table_utf8(void **state)
{
	(void)state;
	static const struct table_col col[] = {{"name", COL_STR}, {"n", COL_U64}};
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	struct table *t = table_new(f, FMT_TABLE, col, 2);
	table_cstr(t, "caf\xc3\xa9");
	table_u64(t, 1);
	table_end_row(t);
	table_cstr(t, "cafes");
	table_u64(t, 22);
	table_end_row(t);
	assert_int_equal(table_finish(t), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, "name   n\ncaf\xc3\xa9    1\ncafes  22\n");
	free(buf);
}

static void test_time(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *s;
	} cases[] = {
		{0, "1970-01-01T00:00:00Z"},
		/* from the Elastic expected output for the v2 samples */
		{1418530070, "2014-12-14T04:07:50Z"},
		{1431280876, "2015-05-10T18:01:16Z"},
		{164000066, "1975-03-14T03:34:26Z"},
		{951782400, "2000-02-29T00:00:00Z"},
		{4102444799, "2099-12-31T23:59:59Z"},
		{-86400, "1969-12-31T00:00:00Z"},
	};
	char buf[32];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t back;
		assert_string_equal(fmt_time(cases[i].t, buf, sizeof(buf)), cases[i].s);
		assert_int_equal(fmt_parse_time(cases[i].s, &back), 0);
		assert_int_equal(back, cases[i].t);
	}
	int64_t t;
	assert_int_equal(fmt_parse_time("2014-12-14", &t), 0);
	assert_int_equal(t, 1418515200);
	assert_int_equal(fmt_parse_time("2014-12-14T04:07", &t), 0);
	assert_int_equal(t, 1418530020);
	assert_int_equal(fmt_parse_time("2014-12-14 04:07:50", &t), 0);
	assert_int_equal(t, 1418530070);
	assert_int_equal(fmt_parse_time("2014-12-14T04:07:50+00:00", &t), 0);
	assert_int_equal(t, 1418530070);
	assert_int_equal(fmt_parse_time("2024-02-29", &t), 0);
	/* fractions of a second (date +%FT%T.%3NZ, the AWS CLI) are dropped */
	assert_int_equal(fmt_parse_time("2014-12-14T04:07:50.999Z", &t), 0);
	assert_int_equal(t, 1418530070);
	assert_int_equal(fmt_parse_time("2014-12-14T04:07:50.000000+00:00", &t), 0);
	assert_int_equal(t, 1418530070);
	static const char *bad[] = {"",
				    "2014",
				    "2014-12-1",
				    "2014-13-01",
				    "2014-00-10",
				    "2014-12-32",
				    "2023-02-29",
				    "1900-02-29",
				    "2014-04-31",
				    "2014-12-14T24:00",
				    "2014-12-14T04:60",
				    "2014-12-14T04:07:61",
				    "2014-12-14T04",
				    "2014-12-14T04:07:50+01:00",
				    "2014-12-14T04:07:50.Z",
				    "2014-12-14T04:07.5Z",
				    "2014-12-14T04:07:50.5x",
				    "2014-12-14Zjunk",
				    "x014-12-14"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (fmt_parse_time(bad[i], &t) != -1)
			fail_msg("'%s' accepted", bad[i]);
}

/* Real numbers in the machine formats: six decimals at most, trailing
 * zeros dropped, never an exponent (awk and spreadsheets read them). */
static void test_real(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
	    {0.0000123, "0.000012"}, {0.0514614, "0.051461"}, {1234567.5, "1234567.5"},
	    {2.0, "2"},		     {0, "0"},		      {-0.0000001, "0"},
	    {1e300 * 10, "1"},	     {0.1, "0.1"},
	};
	(void)state;
	static const struct table_col col[] = {{"x", COL_REAL}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *buf = NULL;
		size_t n = 0;
		FILE *f = open_memstream(&buf, &n);
		assert_non_null(f);
		struct table *t = table_new(f, FMT_CSV, col, 1);
		table_real(t, cases[i].v);
		table_end_row(t);
		assert_int_equal(table_finish(t), 0);
		assert_int_equal(fclose(f), 0);
		char want[400];
		snprintf(want, sizeof(want), "x\n%s\n", cases[i].want);
		if (i == 6) /* 1e301: 302 digits, no exponent */
			assert_true(strlen(buf) == 2 + 302 + 1 && buf[2] == '1' && !strchr(buf, 'e'));
		else
			assert_string_equal(buf, want);
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_visible),
		cmocka_unit_test(test_table_utf8),
		cmocka_unit_test(test_html_utf8),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_real),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
