/* SPDX-License-Identifier: MIT */
/* S3 key time spans; see s3name.h. */
#include "s3name.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fmt.h"

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* "_20261125T1305Z_" or "_20261125T1305Z." in the file name. */
static int from_file_name(const char *base, int64_t *start)
{
	for (const char *p = strchr(base, '_'); p; p = strchr(p + 1, '_')) {
		const char *q = p + 1;
		if (strlen(q) >= 15 && digits(q, 8) && q[8] == 'T' && digits(q + 9, 4) && q[13] == 'Z' &&
		    (q[14] == '_' || q[14] == '.')) {
			char iso[32];
			snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2sT%.2s:%.2sZ", q, q + 4, q + 6, q + 9, q + 11);
			if (fmt_parse_time(iso, start) == 0)
				return 1;
		}
	}
	return 0;
}

/* The value of a path component: "2026" or "year=2026" with key "year". */
static int component(const char *c, size_t len, const char *key, int ndig, int *v)
{
	size_t kl = key ? strlen(key) : 0;
	if (key) {
		if (len != kl + 1 + (size_t)ndig || strncmp(c, key, kl) != 0 || c[kl] != '=')
			return 0;
		c += kl + 1;
		len -= kl + 1;
	}
	if (len != (size_t)ndig || !digits(c, ndig))
		return 0;
	*v = 0;
	for (int i = 0; i < ndig; i++)
		*v = *v * 10 + (c[i] - '0');
	return 1;
}

/* The file name of path, without its folders. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Is p[0, n) the service name of VPC flow logs (in any case)? */
static int is_vpcflowlogs(const char *p, size_t n)
{
	return n == 11 && strncasecmp(p, "vpcflowlogs", 11) == 0;
}

/* Do the folders before comp[i] (the year) end as AWS's own layout for
 * flow logs: AWSLogs/{account}/vpcflowlogs/{region}/, or with Hive
 * prefixes .../aws-account-id={account}/aws-service=vpcflowlogs/
 * aws-region={region}/ before year=? */
static int aws_layout(const char *const *comp, const size_t *clen, int i, int hive)
{
	static const char acc[] = "aws-account-id=", svc[] = "aws-service=vpcflowlogs", reg[] = "aws-region=";
	if (hive)
		return i >= 3 && clen[i - 3] > sizeof(acc) - 1 && strncmp(comp[i - 3], acc, sizeof(acc) - 1) == 0 &&
		       clen[i - 2] == sizeof(svc) - 1 && strncmp(comp[i - 2], svc, sizeof(svc) - 1) == 0 &&
		       clen[i - 1] > sizeof(reg) - 1 && strncmp(comp[i - 1], reg, sizeof(reg) - 1) == 0;
	return i >= 4 && clen[i - 4] == 7 && strncmp(comp[i - 4], "AWSLogs", 7) == 0 && clen[i - 3] == 12 &&
	       strspn(comp[i - 3], "0123456789") >= 12 && clen[i - 2] == 11 &&
	       strncmp(comp[i - 2], "vpcflowlogs", 11) == 0 && clen[i - 1] > 0;
}

/* yyyy/mm/dd[/HH] or year=/month=/day=[/hour=] among the folders; *aws
 * is set when the folders before them are AWS's own layout for flow
 * logs (aws_layout), whose dates are UTC. */
static int from_folders(const char *path, int64_t *start, int64_t *end, int *aws)
{
	const char *comp[64];
	size_t clen[64];
	int n = 0;
	const char *slash = strrchr(path, '/');
	for (const char *p = path; p < slash && n < 64;) {
		const char *e = strchr(p, '/');
		if (!e || e > slash)
			e = slash;
		comp[n] = p;
		clen[n++] = (size_t)(e - p);
		p = e + 1;
	}
	for (int hive = 0; hive < 2; hive++) {
		const char *keys[4] = {"year", "month", "day", "hour"};
		for (int i = n - 3; i >= 0; i--) {
			int y, m, d, h;
			if (!component(comp[i], clen[i], hive ? keys[0] : NULL, 4, &y) ||
			    !component(comp[i + 1], clen[i + 1], hive ? keys[1] : NULL, 2, &m) ||
			    !component(comp[i + 2], clen[i + 2], hive ? keys[2] : NULL, 2, &d))
				continue;
			char iso[32];
			snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
			if (fmt_parse_time(iso, start) != 0)
				continue;
			*end = *start + 86400;
			*aws = aws_layout(comp, clen, i, hive);
			if (i + 3 < n && component(comp[i + 3], clen[i + 3], hive ? keys[3] : NULL, 2, &h) &&
			    h < 24) {
				*start += h * 3600;
				*end = *start + 3600;
			}
			return 1;
		}
	}
	return 0;
}

int s3name_span(const char *path, int64_t *start, int64_t *end)
{
	const char *base = base_name(path);
	/* a file is skipped only when none of its records can fall in the
	 * window asked for. AWS publishes every 5 minutes what the minutes
	 * before recorded: a record's end is at most its file's time, and
	 * before it by up to an aggregation interval (10 minutes) and a
	 * delivery (about 10, best effort), so 30 minutes back; 10 minutes
	 * forward, for names given by a window's start */
	if (from_file_name(base, start)) {
		*end = *start + S3NAME_AHEAD;
		*start -= S3NAME_BEHIND;
		return 1;
	}
	int aws;
	if (from_folders(path, start, end, &aws)) {
		/* other folders' dates (Kinesis Data Firehose's, say) may be
		 * in a time zone of UTC-12 to UTC+14 */
		*start -= S3NAME_BEHIND + (aws ? 0 : S3NAME_ZONES);
		*end += S3NAME_AHEAD + (aws ? 0 : S3NAME_ZONES);
		return 2;
	}
	return 0;
}

/* Just after "_vpcflowlogs_" (in any case, as is_vpcflowlogs) in base,
 * or NULL. */
static const char *after_service(const char *base)
{
	for (const char *p = strchr(base, '_'); p; p = strchr(p + 1, '_'))
		if (is_vpcflowlogs(p + 1, strcspn(p + 1, "_")) && p[12] == '_')
			return p + 13;
	return NULL;
}

int s3name_region(const char *path, char *buf, size_t len)
{
	const char *base = base_name(path);
	const char *p = after_service(base);
	if (!p)
		return 0;
	const char *e = strchr(p, '_');
	size_t n = e ? (size_t)(e - p) : 0;
	/* a region's shape: words of lowercase letters, then a number,
	 * joined by '-' ("us-east-1", "us-gov-west-1", "eusc-de-east-1"):
	 * not another word a renamed file may hold there */
	size_t i = strspn(p, "abcdefghijklmnopqrstuvwxyz");
	int words = 0;
	if (i < 2 || n >= len)
		return 0;
	while (i < n && p[i] == '-') {
		size_t w = strspn(p + i + 1, "abcdefghijklmnopqrstuvwxyz");
		if (!w)
			break;
		i += 1 + w;
		words++;
	}
	if (!words || i >= n || p[i] != '-' || strspn(p + i + 1, "0123456789") != n - i - 1 || n - i - 1 == 0)
		return 0;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 1;
}

int s3name_flow_log(const char *path, char *buf, size_t len)
{
	char region[64];
	const char *base = base_name(path);
	if (!s3name_region(base, region, sizeof(region)))
		return 0;
	const char *p = after_service(base) + strlen(region) + 1;
	const char *e = strchr(p, '_');
	size_t n = e ? (size_t)(e - p) : 0;
	/* "fl-" and lowercase hex ("fl-0123456789abcdef0") */
	if (n < 4 || n >= len || strncmp(p, "fl-", 3) != 0 ||
	    strspn(p + 3, "0123456789abcdef") < n - 3)
		return 0;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 1;
}

const char *s3name_object(const char *path, char *buf, size_t len)
{
	char region[64];
	const char *base = base_name(path);
	size_t n = strlen(base), fields = 1;
	for (size_t i = 0; i < n; i++)
		fields += base[i] == '_';
	if (fields < 6 || !s3name_region(base, region, sizeof(region)))
		return NULL;
	if (n > 3 && strcmp(base + n - 3, ".gz") == 0)
		n -= 3;
	if (n >= len)
		return NULL;
	memcpy(buf, base, n);
	buf[n] = '\0';
	return buf;
}

int s3name_other_service(const char *path, char *buf, size_t len)
{
	const char *base = base_name(path);
	size_t n = strlen(base);
	/* the objects AWS services write to test a bucket: the log delivery's,
	 * Elastic Load Balancing's and AWS Config's */
	static const char *const probes[] = {"aws-logs-write-test", "ELBAccessLogTestFile",
					     "ConfigWritabilityCheckFile"};
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		if (strcmp(base, probes[i]) == 0) {
			snprintf(buf, len, "%s", base);
			return 1;
		}
	if (n >= 9 && strcmp(base + n - 9, "_$folder$") == 0) {
		snprintf(buf, len, "%s", "the S3 console's $folder$ marker");
		return 1;
	}
	/* {account}_{service}_: twelve digits, a word */
	if (n > 13 && strspn(base, "0123456789") == 12 && base[12] == '_') {
		const char *svc = base + 13, *e = strchr(svc, '_');
		size_t sn = e ? (size_t)(e - svc) : 0;
		if (sn > 0 && strspn(svc, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") >= sn &&
		    !is_vpcflowlogs(svc, sn)) {
			snprintf(buf, len, "%.*s", (int)sn, svc);
			return 1;
		}
	}
	/* Hive-compatible prefixes: .../aws-service=NAME/... */
	const char *h = strstr(path, "/aws-service=");
	const char *v = h ? h + 13 : strncmp(path, "aws-service=", 12) == 0 ? path + 12 : NULL;
	if (v) {
		const char *e = strchr(v, '/');
		size_t vn = e ? (size_t)(e - v) : strlen(v);
		if (e && !is_vpcflowlogs(v, vn)) {
			snprintf(buf, len, "%.*s", (int)vn, v);
			return 1;
		}
	}
	return 0;
}
