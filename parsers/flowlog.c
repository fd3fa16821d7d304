/* SPDX-License-Identifier: MIT */
/*
 * VPC Flow Log text parser; see flowlog.h. The hot path is fl_parse_line:
 * one pass over the line, hand-written number (8 digits a step), IPv4 and
 * IPv6 parsing, enums by length.
 */
#include "flowlog.h"

#include <arpa/inet.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FL_TABLE_ENTRY(e, n, ver, kind, mx) [FL_##e] = {n, ver, kind, mx},
const struct fl_field_info fl_fields[FL_NFIELDS] = {FL_FIELD_LIST(FL_TABLE_ENTRY)};
#undef FL_TABLE_ENTRY

/* The vector line parser needs x86-64 and a compiler that can target
 * AVX-512 for one function; FLOWPATH_NO_SIMD leaves it out. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(FLOWPATH_NO_SIMD)
#define FL_X86_SIMD 1
#include <immintrin.h>
#endif

static const char *const action_names[] = {NULL, "ACCEPT", "REJECT"};
static const char *const status_names[] = {NULL, "OK", "NODATA", "SKIPDATA"};
static const char *const type_names[] = {NULL, "IPv4", "IPv6", "EFA"};
static const char *const direction_names[] = {NULL, "ingress", "egress"};
static const char *const subloc_names[] = {NULL, "wavelength", "outpost", "localzone"};

static const char *const *enum_table(enum fl_field f, size_t *n)
{
	switch (f) {
	case FL_ACTION:
		*n = 3;
		return action_names;
	case FL_LOG_STATUS:
		*n = 4;
		return status_names;
	case FL_TYPE:
		*n = 4;
		return type_names;
	case FL_FLOW_DIRECTION:
		*n = 3;
		return direction_names;
	case FL_SUBLOCATION_TYPE:
		*n = 4;
		return subloc_names;
	default:
		*n = 0;
		return NULL;
	}
}

const char *fl_enum_name(enum fl_field f, uint64_t v)
{
	size_t n;
	const char *const *t = enum_table(f, &n);
	return t && v < n ? t[v] : NULL;
}

static const char *const error_text[FL_NERRORS] = {
	[FL_E_NONE] = "no error",
	[FL_E_FIELD_COUNT] = "wrong field count",
	[FL_E_NUMBER] = "bad number",
	[FL_E_RANGE] = "number out of range",
	[FL_E_ADDRESS] = "bad address",
	[FL_E_ENUM] = "bad enum value",
	[FL_E_TOO_LONG] = "line too long",
	[FL_E_CONTROL] = "control character",
	[FL_E_HEADER] = "bad header",
	[FL_E_WRAPPER] = "bad JSON wrapper",
	[FL_E_FOREIGN] = "transit gateway flow log record",
};

static const char *const error_key[FL_NERRORS] = {
	[FL_E_NONE] = "none",
	[FL_E_FIELD_COUNT] = "wrong_field_count",
	[FL_E_NUMBER] = "bad_number",
	[FL_E_RANGE] = "number_out_of_range",
	[FL_E_ADDRESS] = "bad_address",
	[FL_E_ENUM] = "bad_enum_value",
	[FL_E_TOO_LONG] = "line_too_long",
	[FL_E_CONTROL] = "control_character",
	[FL_E_HEADER] = "bad_header",
	[FL_E_WRAPPER] = "bad_json_wrapper",
	[FL_E_FOREIGN] = "not_vpc_flow_log",
};

const char *fl_strerror(int reason)
{
	if (reason < 0)
		reason = -reason;
	return reason < FL_NERRORS ? error_text[reason] : "unknown";
}

const char *fl_error_key(int reason)
{
	if (reason < 0)
		reason = -reason;
	return reason < FL_NERRORS ? error_key[reason] : "unknown";
}

int fl_addr_slot(enum fl_field f)
{
	switch (f) {
	case FL_SRCADDR:
		return 0;
	case FL_DSTADDR:
		return 1;
	case FL_PKT_SRCADDR:
		return 2;
	case FL_PKT_DSTADDR:
		return 3;
	default:
		return -1;
	}
}

/* Field names compare with '-' and '_' as the same character. */
static int name_eq(const char *p, size_t len, const char *name)
{
	size_t i;
	for (i = 0; i < len; i++) {
		char a = p[i], b = name[i];
		if (b == '\0')
			return 0;
		if (a == '_')
			a = '-';
		if (a != b)
			return 0;
	}
	return name[i] == '\0';
}

#define FL_LEN_ENTRY(e, n, ver, kind, mx) [FL_##e] = sizeof(n) - 1,
static const uint8_t name_len[FL_NFIELDS] = {FL_FIELD_LIST(FL_LEN_ENTRY)};
#undef FL_LEN_ENTRY

/* Lengths first: header detection runs this on the first word of many
 * data lines (v5 layouts may start with "ingress"), nearly all misses. */
static int field_by_name(const char *p, size_t len)
{
	for (int f = 0; f < FL_NFIELDS; f++)
		if (name_len[f] == len && p[0] == fl_fields[f].name[0] &&
		    name_eq(p, len, fl_fields[f].name))
			return f;
	return FL_IGNORED;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static int is_name(const char *p, size_t len)
{
	if (len == 0 || !(p[0] >= 'a' && p[0] <= 'z'))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!is_name_char(p[i]))
			return 0;
	return 1;
}

static void layout_reset(struct fl_layout *lay)
{
	lay->ncols = 0;
	lay->fields = 0;
	lay->nignored = 0;
	lay->foreign = 0;
	lay->is_default = 0;
	lay->refused = 0;
	memset(lay->nkind, 0, sizeof(lay->nkind));
	for (int f = 0; f < FL_NFIELDS; f++)
		lay->pos[f] = -1;
}

/* Append a column; 0, or -1 for a duplicate field or too many columns. */
static int layout_add(struct fl_layout *lay, const char *p, size_t len)
{
	if (lay->ncols >= FL_MAX_COLUMNS)
		return -1;
	int f = field_by_name(p, len);
	int c = lay->ncols++;
	lay->col[c] = (int16_t)f;
	if (f == FL_IGNORED) {
		size_t n = len < FL_MAX_NAME - 1 ? len : FL_MAX_NAME - 1;
		/* transit gateway flow log fields: tgw-*, packets-lost-*,
		 * resource-type */
		lay->foreign |= (len > 4 && (memcmp(p, "tgw-", 4) == 0 || memcmp(p, "tgw_", 4) == 0)) ||
				(len > 13 && (memcmp(p, "packets-lost-", 13) == 0 ||
					      memcmp(p, "packets_lost_", 13) == 0)) ||
				(len == 13 && (memcmp(p, "resource-type", 13) == 0 ||
					       memcmp(p, "resource_type", 13) == 0));
		memcpy(lay->ignored[c], p, n);
		lay->ignored[c][n] = '\0';
		lay->ignored_col[lay->nignored++] = (uint8_t)c;
		return 0;
	}
	lay->ignored[c][0] = '\0';
	if (lay->pos[f] >= 0)
		return -1;
	lay->pos[f] = (int16_t)c;
	lay->fields |= UINT64_C(1) << f;
	enum fl_kind k = fl_fields[f].kind;
	uint8_t *kc = lay->kind_col[k];
	int i = lay->nkind[k]++;
	/* addresses in slot order (srcaddr, dstaddr, pkt-srcaddr, pkt-dstaddr):
	 * the vector parser compares pkt-* with the base it may repeat */
	while (k == FK_ADDR && i > 0 &&
	       fl_addr_slot((enum fl_field)lay->col[kc[i - 1]]) > fl_addr_slot((enum fl_field)f)) {
		kc[i] = kc[i - 1];
		i--;
	}
	kc[i] = (uint8_t)c;
	if (k == FK_UINT) {
		lay->num_field[i] = (uint8_t)f;
		lay->num_max[i] = fl_fields[f].max;
	}
	return 0;
}

void fl_layout_default(struct fl_layout *lay)
{
	layout_reset(lay);
	for (int f = FL_VERSION; f <= FL_LOG_STATUS; f++)
		layout_add(lay, fl_fields[f].name, strlen(fl_fields[f].name));
	lay->is_default = 1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The length of line without its trailing CR and blanks. */
static size_t trim_end(const char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\r' || is_blank(line[len - 1])))
		len--;
	return len;
}

int fl_layout_from_spec(struct fl_layout *lay, const char *spec, size_t len,
			char *err, size_t errlen)
{
	size_t i = 0;
	layout_reset(lay);
	while (i < len) {
		while (i < len && (is_blank(spec[i]) || spec[i] == ',' || spec[i] == '\n' ||
				   spec[i] == '\r'))
			i++;
		if (i == len)
			break;
		size_t s = i;
		while (i < len && !(is_blank(spec[i]) || spec[i] == ',' || spec[i] == '\n' ||
				    spec[i] == '\r'))
			i++;
		const char *w = spec + s;
		size_t wl = i - s;
		if (wl >= 3 && w[0] == '$' && w[1] == '{' && w[wl - 1] == '}') {
			w += 2;
			wl -= 3;
		}
		if (!is_name(w, wl)) {
			snprintf(err, errlen, "'%.*s' is not a field name", (int)(i - s), spec + s);
			return -1;
		}
		if (layout_add(lay, w, wl) < 0) {
			if (lay->ncols >= FL_MAX_COLUMNS)
				snprintf(err, errlen, "more than %d fields", FL_MAX_COLUMNS);
			else
				snprintf(err, errlen, "field '%.*s' named twice", (int)wl, w);
			return -1;
		}
	}
	if (lay->ncols == 0) {
		snprintf(err, errlen, "no fields");
		return -1;
	}
	return 0;
}

/* Does the range hold a digit? */
static int has_digit(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] >= '0' && p[i] <= '9')
			return 1;
	return 0;
}

/* The next blank-separated word of line[0..len) at or after *i: its start
 * in *s and its length (0: no more words); *i moves past it. */
static size_t next_word(const char *line, size_t len, size_t *i, size_t *s)
{
	while (*i < len && is_blank(line[*i]))
		(*i)++;
	*s = *i;
	while (*i < len && !is_blank(line[*i]))
		(*i)++;
	return *i - *s;
}

/* A header word's name: ${name} as AWS's format string writes it, unwrapped. */
static int unwrap_name(const char *line, size_t *s, size_t *n)
{
	if (*n < 3 || line[*s] != '$' || line[*s + 1] != '{' || line[*s + *n - 1] != '}')
		return 0;
	*s += 2;
	*n -= 3;
	return 1;
}

int fl_header_words(const char *line, size_t len)
{
	size_t i = 0, s, n, words = 0;
	if (line[0] == '$') {
		/* ${version} ${account-id} ...: every word so */
		int known = 0;
		len = trim_end(line, len);
		for (; (n = next_word(line, len, &i, &s)) > 0; words++) {
			if (!unwrap_name(line, &s, &n) || !is_name(line + s, n))
				return 0;
			known |= field_by_name(line + s, n) != FL_IGNORED;
		}
		return words > 0 && known;
	}
	/* the first word must look like a field's name, and names have only
	 * lowercase letters and '-': most data lines fail within a few bytes,
	 * without the walks below (this runs on every line that starts with
	 * a lowercase letter, such as a region) */
	for (; i < len && !is_blank(line[i]) && line[i] != '\r'; i++)
		if (!((line[i] >= 'a' && line[i] <= 'z') || line[i] == '-'))
			return 0;
	/* a first word flowpath knows makes a header of name-like words; a
	 * first word it does not know (a newer version's field) needs every
	 * word free of digits, as field names are, so that a record starting
	 * with a word ("ingress outpost eni-0a1b...") fails at its first id,
	 * and one known name further on */
	int known = field_by_name(line, i) != FL_IGNORED;
	int strict = !known;
	len = trim_end(line, len);
	for (i = 0; (n = next_word(line, len, &i, &s)) > 0; words++)
		if (!is_name(line + s, n) || (strict && has_digit(line + s, n)))
			return 0;
	for (i = 0; !known && (n = next_word(line, len, &i, &s)) > 0;)
		known = field_by_name(line + s, n) != FL_IGNORED;
	return words > 0 && known;
}

/* A layout from a header line; on failure, why (when not NULL) says what
 * was wrong. */
static int header_layout(struct fl_layout *lay, const char *line, size_t len, char *why, size_t n)
{
	size_t i = 0, s, w;
	layout_reset(lay);
	len = trim_end(line, len);
	while ((w = next_word(line, len, &i, &s)) > 0) {
		unwrap_name(line, &s, &w);
		int full = lay->ncols >= FL_MAX_COLUMNS;
		if (layout_add(lay, line + s, w) < 0) {
			if (why && full)
				snprintf(why, n, "more than %d columns", FL_MAX_COLUMNS);
			else if (why)
				snprintf(why, n, "column %d names field '%.*s' again", lay->ncols,
					 (int)(w > 40 ? 40 : w), line + s);
			return -FL_E_HEADER;
		}
	}
	if (lay->ncols == 0 && why)
		snprintf(why, n, "no field names");
	return lay->ncols > 0 ? 0 : -FL_E_HEADER;
}

int fl_layout_from_header(struct fl_layout *lay, const char *line, size_t len)
{
	return header_layout(lay, line, len, NULL, 0);
}

void fl_header_error(const char *line, size_t len, char *why, size_t n)
{
	struct fl_layout lay;
	snprintf(why, n, "unknown");
	header_layout(&lay, line, len, why, n);
}

static int parse_ipv4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		unsigned v = 0;
		size_t start = i;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255 || i - start >= 3)
				return -1;
			i++;
		}
		if (i == start)
			return -1;
		out[part] = (uint8_t)v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return -1;
			i++;
		}
	}
	return i == len ? 0 : -1;
}

static int hexval(char c);

/* A dotted quad inside an IPv6 address, as glibc's inet_pton reads it:
 * no leading zeros, unlike the plain IPv4 form above. */
static int parse_ipv4_strict(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		unsigned v = 0;
		size_t start = i;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (i > start && v == 0)
				return -1;
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255)
				return -1;
			i++;
		}
		if (i == start)
			return -1;
		out[part] = (uint8_t)v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return -1;
			i++;
		}
	}
	return i == len ? 0 : -1;
}

/* IPv6 text to 16 bytes, accepting exactly what glibc's inet_pton(AF_INET6)
 * accepts (1 to 4 hex digits a group, one "::", a dotted quad last), without
 * its NUL-terminated copy. */
static int parse_ipv6(const char *s, size_t len, uint8_t out[16])
{
	uint8_t tmp[16];
	size_t tp = 0, colonp = SIZE_MAX, i = 0, curtok;
	unsigned val = 0, ndig = 0;

	if (len == 0)
		return -1;
	if (s[0] == ':') {
		if (len < 2 || s[1] != ':')
			return -1;
		i = 1;
	}
	curtok = i;
	while (i < len) {
		char ch = s[i++];
		int h = hexval(ch);
		if (h >= 0) {
			if (ndig == 4)
				return -1;
			val = (val << 4) | (unsigned)h;
			ndig++;
			continue;
		}
		if (ch == ':') {
			curtok = i;
			if (ndig == 0) {
				if (colonp != SIZE_MAX)
					return -1;
				colonp = tp;
				continue;
			}
			if (i == len || tp + 2 > 16)
				return -1;
			tmp[tp++] = (uint8_t)(val >> 8);
			tmp[tp++] = (uint8_t)val;
			ndig = 0;
			val = 0;
			continue;
		}
		if (ch == '.' && tp + 4 <= 16 &&
		    parse_ipv4_strict(s + curtok, len - curtok, tmp + tp) == 0) {
			tp += 4;
			ndig = 0;
			break;
		}
		return -1;
	}
	if (ndig > 0) {
		if (tp + 2 > 16)
			return -1;
		tmp[tp++] = (uint8_t)(val >> 8);
		tmp[tp++] = (uint8_t)val;
	}
	if (colonp != SIZE_MAX) {
		if (tp == 16)
			return -1;
		size_t n = tp - colonp;
		memmove(tmp + 16 - n, tmp + colonp, n);
		memset(tmp + colonp, 0, 16 - n - colonp);
		tp = 16;
	}
	if (tp != 16)
		return -1;
	memcpy(out, tmp, 16);
	return 0;
}

static inline int addr_parse(const char *s, size_t len, struct fl_addr *out)
{
	if (len <= 15 && parse_ipv4(s, len, out->b) == 0) {
		out->family = 4;
		memset(out->b + 4, 0, 12);
		return 0;
	}
	if (len == 0 || len >= 46 || !memchr(s, ':', len) || parse_ipv6(s, len, out->b) != 0)
		return -1;
	out->family = 6;
	return 0;
}

int fl_addr_parse(const char *s, size_t len, struct fl_addr *out)
{
	return addr_parse(s, len, out);
}

char *fl_addr_format(const struct fl_addr *a, char *buf, size_t len)
{
	if (a->family == 4)
		snprintf(buf, len, "%u.%u.%u.%u", a->b[0], a->b[1], a->b[2], a->b[3]);
	else if (a->family != 6 || !inet_ntop(AF_INET6, a->b, buf, (socklen_t)len))
		snprintf(buf, len, "-");
	return buf;
}

static int eq(const char *p, size_t n, const char *lit, size_t litlen)
{
	return n == litlen && memcmp(p, lit, litlen) == 0;
}

/* By field and length, then one memcmp: no table walk, no strncmp. */
static int parse_enum(enum fl_field f, const char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	switch (f) {
	case FL_ACTION:
		v = eq(p, n, "ACCEPT", 6) ? FL_ACCEPT : eq(p, n, "REJECT", 6) ? FL_REJECT : 0;
		break;
	case FL_LOG_STATUS:
		v = eq(p, n, "OK", 2)         ? FL_OK
		    : eq(p, n, "NODATA", 6)   ? FL_NODATA
		    : eq(p, n, "SKIPDATA", 8) ? FL_SKIPDATA
					      : 0;
		break;
	case FL_TYPE:
		v = eq(p, n, "IPv4", 4)   ? FL_IPV4
		    : eq(p, n, "IPv6", 4) ? FL_IPV6
		    : eq(p, n, "EFA", 3)  ? FL_EFA
					  : 0;
		break;
	case FL_FLOW_DIRECTION:
		v = eq(p, n, "ingress", 7) ? FL_INGRESS : eq(p, n, "egress", 6) ? FL_EGRESS : 0;
		break;
	case FL_SUBLOCATION_TYPE:
		v = eq(p, n, "wavelength", 10) ? FL_WAVELENGTH
		    : eq(p, n, "outpost", 7)   ? FL_OUTPOST
		    : eq(p, n, "localzone", 9) ? FL_LOCALZONE
					       : 0;
		break;
	default:
		break;
	}
	if (!v)
		return -1;
	*out = v;
	return 0;
}

/* Numbers: only digits; a value above max is a range error, anything else
 * a bad number. Up to 19 digits cannot overflow 64 bits, so they need one
 * comparison at the end instead of one per digit. */
static int parse_num_loop(const char *p, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (len <= 19) {
		unsigned bad = 0;
		for (size_t i = 0; i < len; i++) {
			unsigned d = (unsigned)(unsigned char)p[i] - '0';
			bad |= d > 9;
			v = v * 10 + d;
		}
		if (bad)
			return -FL_E_NUMBER;
		if (v > max)
			return -FL_E_RANGE;
		*out = v;
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)p[i] - '0';
		if (d > 9)
			return -FL_E_NUMBER;
		if (v > (max - d) / 10) {
			for (size_t j = i + 1; j < len; j++)
				if ((unsigned)(unsigned char)p[j] - '0' > 9)
					return -FL_E_NUMBER;
			return -FL_E_RANGE;
		}
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FL_SWAR 1
static const uint64_t ONES = UINT64_C(0x0101010101010101);

/* The n (1 to 8) ASCII digits that end at e, without a loop: the 8 bytes
 * before e are loaded (the caller makes sure they belong to the line) and
 * those before the digits masked off, so that they act as leading zeros.
 * Pairs, then quads, then the whole are combined by multiplication.
 * -1 if a byte is not a digit. */
static inline int digits8(const char *e, size_t n, uint64_t *out)
{
	uint64_t w;
	memcpy(&w, e - 8, 8);
	uint64_t keep = ~UINT64_C(0) << (8 * (8 - n));
	uint64_t high = (ONES * 0xf0) & keep, zeros = (ONES * 0x30) & keep;
	w &= keep;
	/* a byte is a digit when its high nibble is 3 and adding 6 keeps it 3 */
	if ((w & high) != zeros || ((w + ((ONES * 0x06) & keep)) & high) != zeros)
		return -1;
	w -= zeros;
	w = w * 10 + (w >> 8);
	w = (((w & UINT64_C(0x000000ff000000ff)) * (100 + (UINT64_C(1000000) << 32))) +
	     (((w >> 16) & UINT64_C(0x000000ff000000ff)) * (1 + (UINT64_C(10000) << 32)))) >>
	    32;
	*out = w;
	return 0;
}
#endif

/* Up to 16 digits take at most two 8-byte steps, loading backwards from the
 * number's end so that no byte past the line is read; a number too close
 * to the start of the line for that, or longer, takes the loop. */
static inline int parse_num(const char *line, const char *p, size_t n, uint64_t max,
			    uint64_t *out)
{
#ifdef FL_SWAR
	uint64_t v, lo;
	size_t need = n > 8 ? 16 : 8;
	if (n == 0 || n > 16 || (size_t)(p - line) + n < need)
		return parse_num_loop(p, n, max, out);
	if (n <= 8) {
		if (digits8(p + n, n, &v))
			return -FL_E_NUMBER;
	} else {
		if (digits8(p + n - 8, n - 8, &v) || digits8(p + n, 8, &lo))
			return -FL_E_NUMBER;
		v = v * 100000000u + lo;
	}
	if (v > max)
		return -FL_E_RANGE;
	*out = v;
	return 0;
#else
	(void)line;
	return parse_num_loop(p, n, max, out);
#endif
}

/* Columns (runs of non-blanks) in a byte range. */
static int count_cols(const char *p, size_t len)
{
	int n = 0;
	for (size_t i = 0; i < len; i++)
		if (!is_blank(p[i]) && (i == 0 || is_blank(p[i - 1])))
			n++;
	return n;
}

/* The first byte <= ' ' in [q, end), or end. Eight bytes at a time: a
 * byte b <= 0x20 (and < 0x80) is one where (b - 0x21) borrows into bit 7
 * while b's own bit 7 is clear. */
static const unsigned char *token_end(const unsigned char *q, const unsigned char *end)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	while (end - q >= 8) {
		uint64_t w;
		memcpy(&w, q, 8);
		uint64_t m = (w - ones * 0x21) & ~w & highs;
		if (m)
			return q + (__builtin_ctzll(m) >> 3);
		q += 8;
	}
	while (q < end && *q > ' ')
		q++;
	return q;
}

static int parse_line_portable(const struct fl_layout *lay, const char *line, size_t len,
			       struct fl_record *rec)
{
	const unsigned char *q = (const unsigned char *)line;
	const unsigned char *end;
	int c = 0, ncols = lay->ncols;

	rec->present = 0;
	rec->err_col = -1;
	rec->ncols = 0;
	end = q + len;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	while (q < end) {
		const unsigned char *s = q;
		/* a token ends at the first byte <= ' ': a separator, or a
		 * control character that makes the line malformed */
		q = token_end(q, end);
		if (q < end && *q != ' ' && *q != '\t') {
			rec->err_col = c < ncols ? c : -1;
			return -FL_E_CONTROL;
		}
		if (c >= ncols) {
			rec->ncols = c + 1;
			return -FL_E_FIELD_COUNT;
		}
		const char *p = (const char *)s;
		size_t n = (size_t)(q - s);
		rec->col[c].p = p;
		rec->col[c].len = (uint32_t)n;
		int f = lay->col[c];
		if (f >= 0 && !(n == 1 && p[0] == '-')) {
			const struct fl_field_info *fi = &fl_fields[f];
			int rc = 0;
			switch (fi->kind) {
			case FK_UINT:
				rc = parse_num(line, p, n, fi->max, &rec->num[f]);
				break;
			case FK_ENUM:
				rc = parse_enum((enum fl_field)f, p, n, &rec->num[f]) ? -FL_E_ENUM : 0;
				break;
			case FK_ADDR:
				rc = addr_parse(p, n, &rec->addr[fl_addr_slot((enum fl_field)f)])
					     ? -FL_E_ADDRESS
					     : 0;
				break;
			case FK_STR:
				break;
			}
			if (rc) {
				/* a line with the wrong number of columns says so,
				 * rather than naming whichever column failed first */
				int total = c + 1 + count_cols((const char *)q, (size_t)(end - q));
				if (total != ncols) {
					rec->ncols = total;
					return -FL_E_FIELD_COUNT;
				}
				rec->err_col = c;
				return rc;
			}
			rec->text[f].p = p;
			rec->text[f].len = (uint32_t)n;
			rec->present |= UINT64_C(1) << f;
		}
		c++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
	}
	rec->ncols = c;
	if (c != ncols)
		return -FL_E_FIELD_COUNT;
	return 0;
}

#ifdef FL_X86_SIMD
/*
 * The vector path, for lines that turn out good: 64 bytes at a time, one
 * compare gives a bit per byte above ' ' (a token byte), and a second pair
 * the blanks; token starts and ends are the edges of the first mask,
 * written out whole blocks at a time (as simdjson writes its structural
 * indexes) instead of searched for token by token. Anything unusual (a
 * control character, a wrong column count, a value that does not parse)
 * returns FL_SLOW, and the caller runs the portable parser on the line
 * from the start, so that errors, their columns and their precedence come
 * from one place. Masked loads read no byte outside the line.
 */
#define FL_SLOW 1
#define FL_VEC_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt")))

/* A mask of the first n bytes of a 64-byte block, all 64 from n = 64 on
 * (a shift by 64 is undefined). */
static inline __mmask64 first_bytes(size_t n)
{
	return n >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
}

/* The byte offsets 0 to 63. */
static const uint8_t iota64[64] = {
	0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
	22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
	44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};

/* Positions of the set bits of m, plus base, appended at out[*n]: one
 * byte compress gives them all, then each 32 of them are widened and
 * stored as a whole vector, so up to 31 entries past the last are
 * written whatever m holds (the arrays have that much slack). */
FL_VEC_TARGET static inline void flatten(uint16_t *out, int *n, uint32_t base, uint64_t m)
{
	__m512i pos = _mm512_maskz_compress_epi8(m, _mm512_loadu_si512((const void *)iota64));
	__m512i b = _mm512_set1_epi16((short)base);
	uint16_t *o = out + *n;
	int cnt = (int)_mm_popcnt_u64(m);
	__m256i lo = _mm512_castsi512_si256(pos), hi = _mm512_extracti64x4_epi64(pos, 1);
	_mm512_storeu_si512((void *)o, _mm512_add_epi16(_mm512_cvtepu8_epi16(lo), b));
	if (cnt > 32)
		_mm512_storeu_si512((void *)(o + 32), _mm512_add_epi16(_mm512_cvtepu8_epi16(hi), b));
	*n += cnt;
}

/*
 * A dotted quad as parse_ipv4 reads it (1 to 3 digits a part, leading
 * zeros allowed, each part at most 255) by table, as Wojciech Mula's
 * SIMD IPv4 parser does: the dots and the length make a key (a bit per
 * dot, and bit len), and the 81 keys that have four parts of 1 to 3
 * digits hash without collision, (key * IP4_MUL) >> 24, into a table of
 * the pshufb that moves each part's digits right-aligned into a 4-byte
 * lane. One multiply-add per step then makes the values.
 */
#define IP4_MUL 0x86e5b70du
#define IP4_HASH(key) ((uint32_t)((uint32_t)(key) * IP4_MUL) >> 24)
/* part ends (the offset after its last digit) for part lengths a, b, c, d */
#define IP4_E0(a) (a)
#define IP4_E1(a, b) (IP4_E0(a) + 1 + (b))
#define IP4_E2(a, b, c) (IP4_E1(a, b) + 1 + (c))
#define IP4_E3(a, b, c, d) (IP4_E2(a, b, c) + 1 + (d))
#define IP4_KEY(a, b, c, d)                                                                \
	((1u << IP4_E0(a)) | (1u << IP4_E1(a, b)) | (1u << IP4_E2(a, b, c)) |             \
	 (1u << IP4_E3(a, b, c, d)))
/* the 4-byte lane of a part of n digits ending at e: zeros (pshufb's top
 * bit), then the digits */
#define IP4_B(e, n, j) ((j) >= 4 - (n) ? (e) - 4 + (j) : 0x80)
#define IP4_LANE(e, n) IP4_B(e, n, 0), IP4_B(e, n, 1), IP4_B(e, n, 2), IP4_B(e, n, 3)
#define IP4_ENTRY(a, b, c, d)                                                              \
	[IP4_HASH(IP4_KEY(a, b, c, d))] = {                                                \
		{IP4_LANE(IP4_E0(a), a), IP4_LANE(IP4_E1(a, b), b),                         \
		 IP4_LANE(IP4_E2(a, b, c), c), IP4_LANE(IP4_E3(a, b, c, d), d)},           \
		IP4_KEY(a, b, c, d)},
#define IP4_D(a, b, c) IP4_ENTRY(a, b, c, 1) IP4_ENTRY(a, b, c, 2) IP4_ENTRY(a, b, c, 3)
#define IP4_C(a, b) IP4_D(a, b, 1) IP4_D(a, b, 2) IP4_D(a, b, 3)
#define IP4_A(a) IP4_C(a, 1) IP4_C(a, 2) IP4_C(a, 3)

static const struct ip4_entry {
	uint8_t shuf[16];
	uint32_t key; /* 0 (no key) in the slots no pattern hashes to */
} ip4_table[256] = {IP4_A(1) IP4_A(2) IP4_A(3)};

FL_VEC_TARGET static inline int ipv4_vec(const char *s, size_t len, uint8_t out[4])
{
	if (len < 7 || len > 15)
		return -1;
	__mmask16 in = (__mmask16)((1u << len) - 1);
	__m128i v = _mm_maskz_loadu_epi8(in, s);
	unsigned dots = _mm_mask_cmpeq_epi8_mask(in, v, _mm_set1_epi8('.'));
	unsigned key = dots | 1u << len;
	const struct ip4_entry *t = &ip4_table[IP4_HASH(key)];
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
	if (t->key != key || _mm_mask_cmpgt_epu8_mask((__mmask16)(in & ~dots), d, _mm_set1_epi8(9)))
		return -1;
	__m128i g = _mm_shuffle_epi8(d, _mm_loadu_si128((const void *)t->shuf));
	/* bytes (0, 100, 10, 1) per lane, summed into 32 bits */
	__m128i w = _mm_madd_epi16(_mm_maddubs_epi16(g, _mm_set1_epi32(0x010a6400)),
				   _mm_set1_epi32(0x00010001));
	if (_mm_cmpgt_epu32_mask(w, _mm_set1_epi32(255)))
		return -1;
	uint32_t r = (uint32_t)_mm_cvtsi128_si32(_mm_packus_epi16(_mm_packus_epi32(w, w), w));
	memcpy(out, &r, 4);
	return 0;
}

/*
 * An IPv6 address in its full form, eight groups of 1 to 4 hex digits and
 * no "::" or dotted quad (those go to parse_ipv6): the seven colons and
 * the length are the group ends, one byte compress lists them, and one
 * permute moves each group's digits, as nibbles, right-aligned into a
 * 4-byte lane; a multiply-add then makes each lane's two bytes.
 */
FL_VEC_TARGET static inline int ipv6_vec(const char *s, size_t len, uint8_t out[16])
{
	/* lane (g, j) of the permute: group g's end, repeated; and j */
	static const uint8_t rep4[64] = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
					 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7};
	static const uint8_t lane[64] = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
					 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
	if (len < 15 || len > 39)
		return -1;
	__mmask64 in = first_bytes(len);
	__m512i v = _mm512_maskz_loadu_epi8(in, s);
	uint64_t colons = _mm512_mask_cmpeq_epi8_mask(in, v, _mm512_set1_epi8(':'));
	/* seven colons, none first, last or next to another */
	if (_mm_popcnt_u64(colons) != 7 || (colons & (1 | UINT64_C(1) << (len - 1))) ||
	    (colons & colons >> 1))
		return -1;
	__m512i d = _mm512_sub_epi8(v, _mm512_set1_epi8('0'));
	__m512i l = _mm512_sub_epi8(_mm512_or_si512(v, _mm512_set1_epi8(0x20)), _mm512_set1_epi8('a'));
	__mmask64 dig = _mm512_cmple_epu8_mask(d, _mm512_set1_epi8(9));
	__mmask64 let = _mm512_cmple_epu8_mask(l, _mm512_set1_epi8(5));
	if (((dig | let | colons) & in) != in)
		return -1; /* a byte that is not a hex digit or a colon */
	__m512i nib = _mm512_mask_add_epi8(d, let, l, _mm512_set1_epi8(10));
	/* ends in bytes 0-7, starts one past the end before */
	__m512i ends = _mm512_maskz_compress_epi8(colons | UINT64_C(1) << len,
						  _mm512_loadu_si512((const void *)iota64));
	__m512i starts = _mm512_bslli_epi128(_mm512_add_epi8(ends, _mm512_set1_epi8(1)), 1);
	__m512i glen = _mm512_sub_epi8(ends, starts);
	if (_mm512_mask_cmpgt_epu8_mask(0xff, glen, _mm512_set1_epi8(4)))
		return -1;
	__m512i r4 = _mm512_loadu_si512((const void *)rep4), j = _mm512_loadu_si512((const void *)lane);
	__m512i e4 = _mm512_permutexvar_epi8(r4, ends), n4 = _mm512_permutexvar_epi8(r4, glen);
	/* lane (g, j) takes the digit at end - 4 + j when j >= 4 - length */
	__mmask64 take = _mm512_mask_cmpge_epu8_mask(0xffffffff, _mm512_add_epi8(n4, j),
						     _mm512_set1_epi8(4));
	__m512i idx = _mm512_add_epi8(_mm512_sub_epi8(e4, _mm512_set1_epi8(4)), j);
	__m512i g = _mm512_maskz_permutexvar_epi8(take, idx, nib);
	__m512i w = _mm512_maddubs_epi16(g, _mm512_set1_epi16(0x0110));
	_mm_storeu_si128((void *)out, _mm256_castsi256_si128(_mm512_cvtepi16_epi8(w)));
	return 0;
}

/* Column c of a known field: its field, text and length, with the text
 * recorded; 0 for "-" (absent). */
static inline int vec_value(const struct fl_layout *lay, struct fl_record *rec, const char *line,
			    const uint16_t *e, int c, int *f, const char **p, size_t *n)
{
	*f = lay->col[c];
	*p = line + e[2 * c];
	*n = e[2 * c + 1] - e[2 * c];
	if (*n == 1 && **p == '-')
		return 0;
	rec->text[*f].p = *p;
	rec->text[*f].len = (uint32_t)*n;
	return 1;
}

/*
 * The FK_UINT columns k to k + cnt - 1 of the layout (cnt 1 to 4) into
 * rec: each column right-aligned in its own 16-byte lane by a masked load
 * (no byte outside it is read), then multiply-adds make 2-, 4-, 8- and
 * 16-digit values. A lane that is "-" is left out (no value); a column of
 * over 16 digits sends the batch through parse_num one column at a time.
 * FL_SLOW for a byte that is not a digit or a value out of range.
 */
FL_VEC_TARGET static inline int nums_batch(const struct fl_layout *lay, struct fl_record *rec,
					   const char *line, const uint16_t *e, int k, int cnt,
					   uint64_t *present)
{
	const uint8_t *cols = lay->kind_col[FK_UINT] + k;
	__m512i x = _mm512_setzero_si512();
	__mmask64 in = 0;
	uint32_t start[4], len[4];
	for (int j = 0; j < cnt; j++) {
		uint32_t s = e[2 * cols[j]], t = e[2 * cols[j] + 1], n = t - s;
		if (n > 16)
			goto one_by_one;
		/* lane j's byte i is line[t - 16 + i]; the address may be
		 * before the line (those bytes are masked off), so it is made
		 * as an integer */
		__mmask64 m = (__mmask64)_bzhi_u32(0xffff, n) << (16 - n + 16 * j);
		uintptr_t at = (uintptr_t)line + t - 16 - 16 * (unsigned)j;
		x = _mm512_mask_loadu_epi8(x, m, (const void *)at);
		in |= m;
		start[j] = s;
		len[j] = n;
	}
	__m512i d = _mm512_maskz_sub_epi8(in, x, _mm512_set1_epi8('0'));
	__mmask64 bad = _mm512_mask_cmpgt_epu8_mask(in, d, _mm512_set1_epi8(9));
	unsigned dash = 0;
	if (bad) {
		__mmask64 dm = _mm512_mask_cmpeq_epi8_mask(in, x, _mm512_set1_epi8('-'));
		for (int j = 0; j < cnt; j++)
			if (len[j] == 1 && (dm >> (16 * j + 15) & 1))
				dash |= 1u << j;
		__mmask64 dl = _pdep_u64(dash, UINT64_C(0x0001000100010001)) * 0xffff;
		if (bad & ~dl)
			return FL_SLOW;
		d = _mm512_maskz_mov_epi8(~dl, d);
	}
	__m512i t = _mm512_maddubs_epi16(d, _mm512_set1_epi16(0x010a));
	t = _mm512_madd_epi16(t, _mm512_set1_epi32(0x00010064));
	t = _mm512_packus_epi32(t, t);
	t = _mm512_madd_epi16(t, _mm512_set1_epi32(0x00012710));
	/* each lane's first quadword: high 8 digits, then low 8 */
	t = _mm512_add_epi64(_mm512_mul_epu32(t, _mm512_set1_epi64(100000000)),
			     _mm512_srli_epi64(t, 32));
	__m256i v = _mm512_castsi512_si256(
		_mm512_permutexvar_epi64(_mm512_setr_epi64(0, 2, 4, 6, 0, 0, 0, 0), t));
	__mmask8 lanes = (__mmask8)((1u << cnt) - 1);
	if (_mm256_mask_cmpgt_epu64_mask(lanes, v,
					 _mm256_maskz_loadu_epi64(lanes, lay->num_max + k)))
		return FL_SLOW;
	uint64_t val[4];
	_mm256_storeu_si256((void *)val, v);
	for (int j = 0; j < cnt; j++) {
		if (dash >> j & 1)
			continue;
		int f = lay->num_field[k + j];
		rec->num[f] = val[j];
		rec->text[f].p = line + start[j];
		rec->text[f].len = len[j];
		*present |= UINT64_C(1) << f;
	}
	return 0;
one_by_one:
	for (int j = 0; j < cnt; j++) {
		int f;
		const char *p;
		size_t n;
		if (!vec_value(lay, rec, line, e, cols[j], &f, &p, &n))
			continue;
		if (parse_num(line, p, n, lay->num_max[k + j], &rec->num[f]))
			return FL_SLOW;
		*present |= UINT64_C(1) << f;
	}
	return 0;
}

/* The values of each enum field of up to 8 bytes, as zero-padded words,
 * indexed by code - 1 (the same names as the tables at the top; the
 * tokenizer test checks every value with both parsers). */
static const union fl_word {
	char c[8];
	uint64_t w;
} enum_words[FL_NFIELDS][3] = {
	[FL_ACTION] = {{"ACCEPT"}, {"REJECT"}},
	[FL_LOG_STATUS] = {{"OK"}, {"NODATA"}, {{'S', 'K', 'I', 'P', 'D', 'A', 'T', 'A'}}},
	[FL_TYPE] = {{"IPv4"}, {"IPv6"}, {"EFA"}},
	[FL_FLOW_DIRECTION] = {{"ingress"}, {"egress"}},
	[FL_SUBLOCATION_TYPE] = {{""}, {"outpost"}}, /* the others are longer */
};

/* An enum value of up to 8 bytes in one masked load and three compares;
 * longer ones (and the fields not in enum_words) by parse_enum. */
FL_VEC_TARGET static inline int enum_vec(enum fl_field f, const char *p, size_t n, uint64_t *out)
{
	if (n > 8)
		return parse_enum(f, p, n, out);
	uint64_t w = (uint64_t)_mm_cvtsi128_si64(_mm_maskz_loadu_epi8((__mmask16)((1u << n) - 1), p));
	const union fl_word *t = enum_words[f];
	uint64_t v = w == t[0].w ? 1 : w == t[1].w ? 2 : w == t[2].w ? 3 : 0;
	if (!v)
		return -1;
	*out = v;
	return 0;
}

/* Two tokens of up to 64 bytes are the same text: masked loads, no byte
 * outside either read. */
FL_VEC_TARGET static inline int same_text(const char *a, const char *b, size_t na, size_t nb)
{
	if (na != nb || na > 64)
		return 0;
	__mmask64 m = first_bytes(na);
	return _mm512_mask_cmpneq_epi8_mask(m, _mm512_maskz_loadu_epi8(m, a),
					    _mm512_maskz_loadu_epi8(m, b)) == 0;
}

FL_VEC_TARGET static int parse_line_vec(const struct fl_layout *lay, const char *line, size_t len,
					struct fl_record *rec)
{
	/* token edges, a start then an end for each token; slack for one
	 * block's whole-vector writes (flatten) */
	uint16_t e[2 * FL_MAX_COLUMNS + 96];
	int ne = 0, ncols = lay->ncols;
	uint64_t carry = 0; /* the previous block ended inside a token */
	const __m512i sp = _mm512_set1_epi8(' '), tab = _mm512_set1_epi8('\t');

	if (len > UINT16_MAX)
		return FL_SLOW; /* offsets are 16 bits (--max-line raised) */
	for (size_t off = 0; off < len; off += 64) {
		__mmask64 in = first_bytes(len - off);
		__m512i v = _mm512_maskz_loadu_epi8(in, line + off);
		uint64_t tok = _mm512_mask_cmpgt_epu8_mask(in, v, sp);
		uint64_t blank = _mm512_mask_cmpeq_epi8_mask(in, v, sp) |
				 _mm512_mask_cmpeq_epi8_mask(in, v, tab);
		if ((tok | blank) != in)
			return FL_SLOW; /* a control character */
		/* a bit where a token starts or ends: tokens alternate them */
		uint64_t prev = (tok << 1) | carry;
		carry = tok >> 63;
		flatten(e, &ne, (uint32_t)off, tok ^ prev);
		if (ne > 2 * ncols)
			return FL_SLOW;
	}
	if (carry)
		e[ne++] = (uint16_t)len;
	if (ne != 2 * ncols)
		return FL_SLOW;

	/* the text of the ignored columns (known ones have theirs in text[]) */
	for (int k = 0; k < lay->nignored; k++) {
		int c = lay->ignored_col[k];
		rec->col[c].p = line + e[2 * c];
		rec->col[c].len = (uint32_t)(e[2 * c + 1] - e[2 * c]);
	}
	/* then the known columns kind by kind, so that each loop runs one
	 * value parser and no branch depends on which column comes next */
	uint64_t present = 0;
	const uint8_t *cols;
	const char *p;
	size_t n;
	int f;
	cols = lay->kind_col[FK_STR];
	for (int k = 0; k < lay->nkind[FK_STR]; k++)
		if (vec_value(lay, rec, line, e, cols[k], &f, &p, &n))
			present |= UINT64_C(1) << f;
	/* numbers four at a time */
	for (int k = 0; k < lay->nkind[FK_UINT]; k += 4) {
		int cnt = lay->nkind[FK_UINT] - k < 4 ? lay->nkind[FK_UINT] - k : 4;
		if (nums_batch(lay, rec, line, e, k, cnt, &present))
			return FL_SLOW;
	}
	/* addresses in slot order: pkt-srcaddr and pkt-dstaddr, most often
	 * the same text as srcaddr and dstaddr, are then copied, not parsed */
	const char *ap[4];
	size_t an[4];
	unsigned have = 0;
	cols = lay->kind_col[FK_ADDR];
	for (int k = 0; k < lay->nkind[FK_ADDR]; k++)
		if (vec_value(lay, rec, line, e, cols[k], &f, &p, &n)) {
			int slot = fl_addr_slot((enum fl_field)f);
			if (slot < 0)
				return FL_SLOW; /* never: every FK_ADDR field has a slot */
			struct fl_addr *a = &rec->addr[slot];
			ap[slot] = p;
			an[slot] = n;
			have |= 1u << slot;
			if (slot >= 2 && (have >> (slot - 2) & 1) &&
			    same_text(p, ap[slot - 2], n, an[slot - 2])) {
				*a = rec->addr[slot - 2];
			} else if (ipv4_vec(p, n, a->b) == 0) {
				a->family = 4;
				memset(a->b + 4, 0, 12);
			} else if (ipv6_vec(p, n, a->b) == 0) {
				a->family = 6;
			} else if (addr_parse(p, n, a)) {
				return FL_SLOW;
			}
			present |= UINT64_C(1) << f;
		}
	cols = lay->kind_col[FK_ENUM];
	for (int k = 0; k < lay->nkind[FK_ENUM]; k++)
		if (vec_value(lay, rec, line, e, cols[k], &f, &p, &n)) {
			if (enum_vec((enum fl_field)f, p, n, &rec->num[f]))
				return FL_SLOW;
			present |= UINT64_C(1) << f;
		}
	rec->present = present;
	rec->err_col = -1;
	rec->ncols = ncols;
	return 0;
}

FL_VEC_TARGET static size_t newlines_vec(const char *p, size_t n, uint32_t *pos, size_t cap)
{
	const __m512i nl = _mm512_set1_epi8('\n');
	size_t k = 0;
	/* lines are longer than a block: a loop per newline, not flatten */
	for (size_t off = 0; off < n; off += 64) {
		__mmask64 in = first_bytes(n - off);
		uint64_t m = _mm512_mask_cmpeq_epi8_mask(in, _mm512_maskz_loadu_epi8(in, p + off), nl);
		for (; m; m = _blsr_u64(m)) {
			if (k == cap)
				return k;
			pos[k++] = (uint32_t)(off + _tzcnt_u64(m));
		}
	}
	return k;
}

static int vec_usable(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
	       __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi") &&
	       __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("bmi") &&
	       __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
}
#endif

/* -1 until the first call decides; then FL_SIMD_OFF or FL_SIMD_AVX512. */
static _Atomic int simd_level = -1;

int fl_simd_select(int want)
{
	int got = FL_SIMD_OFF;
#ifdef FL_X86_SIMD
	if (want != FL_SIMD_OFF && vec_usable())
		got = FL_SIMD_AVX512;
#else
	(void)want;
#endif
	atomic_store_explicit(&simd_level, got, memory_order_relaxed);
	return got;
}

size_t fl_newlines(const char *p, size_t n, uint32_t *pos, size_t cap)
{
#ifdef FL_X86_SIMD
	if (atomic_load_explicit(&simd_level, memory_order_relaxed) == FL_SIMD_AVX512)
		return newlines_vec(p, n, pos, cap);
#endif
	size_t k = 0;
	for (const char *q = p, *end = p + n; k < cap && q < end; q++) {
		q = memchr(q, '\n', (size_t)(end - q));
		if (!q)
			break;
		pos[k++] = (uint32_t)(q - p);
	}
	return k;
}

int fl_parse_line(const struct fl_layout *lay, const char *line, size_t len,
		  struct fl_record *rec)
{
	/* both parsers take the line without its trailing CR and blanks */
	len = trim_end(line, len);
#ifdef FL_X86_SIMD
	int level = atomic_load_explicit(&simd_level, memory_order_relaxed);
	if (level < 0)
		level = fl_simd_select(FL_SIMD_AUTO);
	if (level == FL_SIMD_AVX512 && parse_line_vec(lay, line, len, rec) == 0)
		return 0;
#endif
	return parse_line_portable(lay, line, len, rec);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static const char *json_ws(const char *p, const char *end)
{
	while (p < end && (is_blank(*p) || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* Past the JSON string at p (p at its '"'), or NULL. */
static const char *json_skip_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\') {
			if (end - p < 2)
				return NULL;
			p++;
		} else if (*p == '"') {
			return p + 1;
		}
	}
	return NULL;
}

/* An object member at p (at its key's '"'): the key (with its quotes) in
 * *key and *keylen, and the value's start past the ':' and blanks; NULL
 * when p holds no `"key":`. */
static const char *json_member(const char *p, const char *end, const char **key, size_t *keylen)
{
	const char *k = p;
	if (p >= end || *p != '"' || !(p = json_skip_string(p, end)))
		return NULL;
	*key = k;
	*keylen = (size_t)(p - k);
	p = json_ws(p, end);
	if (p >= end || *p != ':')
		return NULL;
	return json_ws(p + 1, end);
}

/* After a value inside a container that close ends: past a ',' and blanks
 * (*more = 1, the next value's start) or past close (*more = 0); NULL
 * when neither follows. */
static const char *json_next(const char *p, const char *end, char close, int *more)
{
	p = json_ws(p, end);
	*more = p < end && *p == ',';
	if (*more)
		return json_ws(p + 1, end);
	return p < end && *p == close ? p + 1 : NULL;
}

/* Past the JSON value at p (nested at most 64 deep), or NULL. Numbers and
 * literals are taken as a run of their characters, not checked further. */
static const char *json_skip_value(const char *p, const char *end, int depth)
{
	if (p >= end || depth > 64)
		return NULL;
	if (*p == '"')
		return json_skip_string(p, end);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		p = json_ws(p + 1, end);
		if (p < end && *p == close)
			return p + 1;
		for (int more = 1; more;) {
			const char *k;
			size_t kn;
			if (close == '}' && !(p = json_member(p, end, &k, &kn)))
				return NULL;
			if (!(p = json_skip_value(p, end, depth + 1)) || !(p = json_next(p, end, close, &more)))
				return NULL;
		}
		return p;
	}
	const char *q = p;
	while (q < end && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') || *q == '-' || *q == '+' ||
			   *q == '.' || *q == 'E'))
		q++;
	return q > p ? q : NULL;
}

/* Unescape the JSON string at p (at its '"') into buf (size cap), with
 * escaped line breaks and tabs as blanks; its length, and *after past it;
 * -1 when it is not a string or does not fit. */
static long json_message(const char *p, const char *end, char *buf, size_t cap, const char **after)
{
	if (p >= end || *p != '"')
		return -1;
	p++;
	size_t o = 0;
	while (p < end && *p != '"') {
		char ch = *p++;
		if (ch == '\\') {
			if (p >= end)
				return -1;
			char e = *p++;
			switch (e) {
			case 'n':
			case 'r':
			case 't':
				ch = ' ';
				break;
			case '"':
			case '\\':
			case '/':
				ch = e;
				break;
			case 'u': {
				int v = 0;
				if (end - p < 4)
					return -1;
				for (int j = 0; j < 4; j++) {
					int h = hexval(p[j]);
					if (h < 0)
						return -1;
					v = v * 16 + h;
				}
				p += 4;
				if (v >= 0x80)
					return -1;
				ch = (char)v;
				break;
			}
			default:
				return -1;
			}
		}
		if (o + 1 >= cap)
			return -1;
		buf[o++] = ch;
	}
	if (p >= end)
		return -1;
	buf[o] = '\0';
	*after = p + 1;
	return (long)o;
}

size_t fl_export_stamp(const char *line, size_t len)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i = 0;

	for (; shape[i]; i++) {
		if (i >= len)
			return 0;
		if (shape[i] == 'd' ? !(line[i] >= '0' && line[i] <= '9') : line[i] != shape[i])
			return 0;
	}
	if (i < len && line[i] == '.') {
		size_t d = ++i;
		while (i < len && i - d < 10 && line[i] >= '0' && line[i] <= '9')
			i++;
		if (i == d || i - d > 9)
			return 0;
	}
	if (i + 1 >= len || line[i] != 'Z' || line[i + 1] != ' ')
		return 0;
	return i + 2;
}

long fl_unwrap_json(const char *line, size_t len, char *buf, size_t cap)
{
	static const char key[] = "\"message\"";
	const char *end = line + len;
	const char *p = json_ws(line, end);
	long n = -1;

	/* one object, its members read in turn: the message is the
	 * top-level "message" string, and nothing may follow the object
	 * (Firehose writes records back to back without line breaks: a
	 * second object would be records lost) */
	if (p >= end || *p != '{')
		return -FL_E_WRAPPER;
	p = json_ws(p + 1, end);
	if (p < end && *p == '}')
		return -FL_E_WRAPPER;
	for (int more = 1; more;) {
		const char *k;
		size_t kn;
		if (!(p = json_member(p, end, &k, &kn)))
			return -FL_E_WRAPPER;
		if (n < 0 && kn == sizeof(key) - 1 && memcmp(k, key, sizeof(key) - 1) == 0) {
			n = json_message(p, end, buf, cap, &p);
			if (n < 0)
				return -FL_E_WRAPPER;
		} else if (!(p = json_skip_value(p, end, 0))) {
			return -FL_E_WRAPPER;
		}
		if (!(p = json_next(p, end, '}', &more)))
			return -FL_E_WRAPPER;
	}
	if (json_ws(p, end) != end || n < 0)
		return -FL_E_WRAPPER;
	return n;
}
