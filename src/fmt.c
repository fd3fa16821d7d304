/* SPDX-License-Identifier: MIT */
/* Value formatting; see fmt.h. */
#include "fmt.h"

#include <csv.h>
#include <string.h>
#include <time.h>

void fmt_csv_field(FILE *f, const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		if (c == ',' || c == '"' || c == '\r' || c == '\n') {
			csv_fwrite(f, p, len);
			return;
		}
	}
	fwrite(p, 1, len, f);
}

void fmt_tsv_field(FILE *f, const char *p, size_t len)
{
	size_t s = 0;
	for (size_t i = 0; i < len; i++) {
		const char *esc = NULL;
		switch (p[i]) {
		case '\t':
			esc = "\\t";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\\':
			esc = "\\\\";
			break;
		default:
			continue;
		}
		fwrite(p + s, 1, i - s, f);
		fputs(esc, f);
		s = i + 1;
	}
	fwrite(p + s, 1, len - s, f);
}

/* The length of the well-formed UTF-8 sequence at p[0..n) (n >= 1, p[0]
 * >= 0x80), or 0: no overlong forms, surrogates or code points past
 * U+10FFFF (RFC 3629). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	size_t k;
	unsigned char lo = 0x80, hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (n < k || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < k; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return k;
}

/* A C1 control character (U+0080-U+009F): shown as the control
 * characters below U+0020 are, byte by byte. */
static int is_c1(const unsigned char *p, size_t k)
{
	return k == 2 && p[0] == 0xc2 && p[1] < 0xa0;
}

/* The text's length at p as utf8_len, but 0 for a C1 control, which
 * tables, pages and messages then show as \xHH. */
static size_t text_len(const unsigned char *p, size_t n)
{
	size_t k = utf8_len(p, n);
	return is_c1(p, k) ? 0 : k;
}

void fmt_json_string(FILE *f, const char *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t s = 0;
	putc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x80) {
			/* JSON text is UTF-8 (RFC 8259): a byte that starts no
			 * well-formed sequence becomes U+FFFD */
			const unsigned char *u = (const unsigned char *)p + i;
			size_t k = utf8_len(u, len - i);
			/* C1 controls and U+2028/U+2029 escaped: valid raw, but
			 * line ends to JavaScript and to many line splitters */
			int sep = k == 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9);
			if (k && !sep && !is_c1(u, k)) {
				i += k - 1;
				continue;
			}
			fwrite(p + s, 1, i - s, f);
			if (sep)
				fputs(u[2] == 0xa8 ? "\\u2028" : "\\u2029", f);
			else if (k)
				fprintf(f, "\\u00%c%c", hex[u[1] >> 4], hex[u[1] & 15]);
			else
				fputs("\\ufffd", f);
			k = k ? k : 1;
			s = i + k;
			i += k - 1;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		fwrite(p + s, 1, i - s, f);
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			fprintf(f, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
		}
		s = i + 1;
	}
	fwrite(p + s, 1, len - s, f);
	putc('"', f);
}

char *fmt_time(int64_t t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (!gmtime_r(&tt, &tm) || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t);
	return buf;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's
 * days_from_civil. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return 0;
}

int fmt_parse_time(const char *s, int64_t *out)
{
	unsigned y, mo, d, h = 0, mi = 0, se = 0;
	size_t n = strlen(s);
	static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (n < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d))
		return -1;
	const char *p = s + 10;
	if (*p == 'T' || *p == ' ') {
		if (digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi))
			return -1;
		p += 6;
		if (*p == ':') {
			if (digits(p + 1, 2, &se))
				return -1;
			p += 3;
			/* a fraction (the AWS CLI's and date's milliseconds):
			 * flow log times are whole seconds, so it is dropped */
			if (*p == '.' && p[1] >= '0' && p[1] <= '9')
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
		}
	}
	if (*p == 'Z')
		p++;
	else if (strcmp(p, "+00:00") == 0)
		p += 6;
	if (*p != '\0')
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 60)
		return -1;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

void fmt_html_text(FILE *f, const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '&') {
			fputs("&amp;", f);
		} else if (c == '<') {
			fputs("&lt;", f);
		} else if (c == '>') {
			fputs("&gt;", f);
		} else if (c == '"') {
			fputs("&quot;", f);
		} else if (c == '\'') {
			fputs("&#39;", f);
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			fprintf(f, "\\x%02x", c);
		} else if (c >= 0x80) {
			/* the page is UTF-8: a byte that starts no sequence as \xHH */
			size_t k = text_len((const unsigned char *)p + i, len - i);
			if (!k) {
				fprintf(f, "\\x%02x", c);
			} else {
				fwrite(p + i, 1, k, f);
				i += k - 1;
			}
		} else {
			putc(c, f);
		}
	}
}

char *fmt_visible(const char *p, size_t len, char *buf, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		char esc[5];
		size_t n = 1;
		esc[0] = (char)c;
		if (c == '\t' || c == '\n' || c == '\r') {
			esc[0] = '\\';
			esc[1] = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
			n = 2;
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(esc, sizeof(esc), "\\x%02x", c);
			n = 4;
		} else if (c >= 0x80) {
			/* a well-formed UTF-8 sequence whole; a byte that starts
			 * none as \xHH, so that the text stays UTF-8 */
			size_t k = text_len((const unsigned char *)p + i, len - i);
			if (!k) {
				snprintf(esc, sizeof(esc), "\\x%02x", c);
				n = 4;
			} else {
				if (o + k >= cap)
					break;
				memcpy(buf + o, p + i, k);
				o += k;
				i += k - 1;
				continue;
			}
		}
		if (o + n >= cap)
			break;
		memcpy(buf + o, esc, n);
		o += n;
	}
	buf[o] = '\0';
	return buf;
}

size_t fmt_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}
