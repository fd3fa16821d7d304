/* SPDX-License-Identifier: MIT */
/*
 * VPC Flow Log text records: the field table, the layout of a file (from its
 * header line, from --fields, or the default v2 format) and the line parser.
 *
 * Parsers here never see a FILE: they take a byte range and fill a struct.
 * String values in a struct fl_record are views into the caller's line
 * buffer and are valid only until that buffer changes (the next line).
 * Nothing here allocates per record.
 */
#ifndef FLOWPATH_FLOWLOG_H
#define FLOWPATH_FLOWLOG_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The latest start or end accepted: 9999-12-31T23:59:59Z, the last time
 * ISO 8601's four-digit years can write (and far from INT64_MAX, which
 * the analysis keeps for "no --until") */
#define FL_TIME_MAX INT64_C(253402300799)

/* X(enum suffix, AWS name, first version, kind, max value for numbers) */
#define FL_FIELD_LIST(X)                                                  \
	X(VERSION, "version", 2, FK_UINT, UINT32_MAX)                     \
	X(ACCOUNT_ID, "account-id", 2, FK_STR, 0)                         \
	X(INTERFACE_ID, "interface-id", 2, FK_STR, 0)                     \
	X(SRCADDR, "srcaddr", 2, FK_ADDR, 0)                              \
	X(DSTADDR, "dstaddr", 2, FK_ADDR, 0)                              \
	X(SRCPORT, "srcport", 2, FK_UINT, 65535)                          \
	X(DSTPORT, "dstport", 2, FK_UINT, 65535)                          \
	X(PROTOCOL, "protocol", 2, FK_UINT, 255)                          \
	X(PACKETS, "packets", 2, FK_UINT, UINT64_MAX)                     \
	X(BYTES, "bytes", 2, FK_UINT, UINT64_MAX)                         \
	X(START, "start", 2, FK_UINT, FL_TIME_MAX)                        \
	X(END, "end", 2, FK_UINT, FL_TIME_MAX)                            \
	X(ACTION, "action", 2, FK_ENUM, 0)                                \
	X(LOG_STATUS, "log-status", 2, FK_ENUM, 0)                        \
	X(VPC_ID, "vpc-id", 3, FK_STR, 0)                                 \
	X(SUBNET_ID, "subnet-id", 3, FK_STR, 0)                           \
	X(INSTANCE_ID, "instance-id", 3, FK_STR, 0)                       \
	X(TCP_FLAGS, "tcp-flags", 3, FK_UINT, 65535)                      \
	X(TYPE, "type", 3, FK_ENUM, 0)                                    \
	X(PKT_SRCADDR, "pkt-srcaddr", 3, FK_ADDR, 0)                      \
	X(PKT_DSTADDR, "pkt-dstaddr", 3, FK_ADDR, 0)                      \
	X(REGION, "region", 4, FK_STR, 0)                                 \
	X(AZ_ID, "az-id", 4, FK_STR, 0)                                   \
	X(SUBLOCATION_TYPE, "sublocation-type", 4, FK_ENUM, 0)            \
	X(SUBLOCATION_ID, "sublocation-id", 4, FK_STR, 0)                 \
	X(PKT_SRC_AWS_SERVICE, "pkt-src-aws-service", 5, FK_STR, 0)       \
	X(PKT_DST_AWS_SERVICE, "pkt-dst-aws-service", 5, FK_STR, 0)       \
	X(FLOW_DIRECTION, "flow-direction", 5, FK_ENUM, 0)                \
	X(TRAFFIC_PATH, "traffic-path", 5, FK_UINT, 255)                  \
	X(ECS_CLUSTER_ARN, "ecs-cluster-arn", 7, FK_STR, 0)               \
	X(ECS_CLUSTER_NAME, "ecs-cluster-name", 7, FK_STR, 0)             \
	X(ECS_CONTAINER_INSTANCE_ARN, "ecs-container-instance-arn", 7, FK_STR, 0) \
	X(ECS_CONTAINER_INSTANCE_ID, "ecs-container-instance-id", 7, FK_STR, 0) \
	X(ECS_CONTAINER_ID, "ecs-container-id", 7, FK_STR, 0)             \
	X(ECS_SECOND_CONTAINER_ID, "ecs-second-container-id", 7, FK_STR, 0) \
	X(ECS_SERVICE_NAME, "ecs-service-name", 7, FK_STR, 0)             \
	X(ECS_TASK_DEFINITION_ARN, "ecs-task-definition-arn", 7, FK_STR, 0) \
	X(ECS_TASK_ARN, "ecs-task-arn", 7, FK_STR, 0)                     \
	X(ECS_TASK_ID, "ecs-task-id", 7, FK_STR, 0)                       \
	X(REJECT_REASON, "reject-reason", 8, FK_STR, 0)                   \
	X(RESOURCE_ID, "resource-id", 9, FK_STR, 0)                       \
	X(ENCRYPTION_STATUS, "encryption-status", 10, FK_UINT, 255)

enum fl_kind { FK_UINT, FK_STR, FK_ADDR, FK_ENUM };

#define FL_ENUM_ENTRY(e, name, ver, kind, max) FL_##e,
enum fl_field { FL_FIELD_LIST(FL_ENUM_ENTRY) FL_NFIELDS };
#undef FL_ENUM_ENTRY

/* A layout column that is not a field we know: kept, never an error. */
#define FL_IGNORED (-1)
/* Most columns a layout may have (known and ignored together). */
#define FL_MAX_COLUMNS 96
/* Longest column name kept for an ignored column. */
#define FL_MAX_NAME 64

struct fl_field_info {
	const char *name;     /* AWS's hyphenated name */
	int version;          /* flow log version that introduced it */
	enum fl_kind kind;
	uint64_t max;         /* largest value of an FK_UINT field */
};

/* The field table, indexed by enum fl_field. */
extern const struct fl_field_info fl_fields[FL_NFIELDS];

/* Values of the enumerated fields (0 never appears: absent is "not present"). */
enum fl_action { FL_ACCEPT = 1, FL_REJECT };
enum fl_log_status { FL_OK = 1, FL_NODATA, FL_SKIPDATA };
enum fl_type { FL_IPV4 = 1, FL_IPV6, FL_EFA };
enum fl_direction { FL_INGRESS = 1, FL_EGRESS };
enum fl_sublocation { FL_WAVELENGTH = 1, FL_OUTPOST, FL_LOCALZONE };

/* Text of an enumerated value, or NULL for one out of range. */
const char *fl_enum_name(enum fl_field f, uint64_t v);

/* An address: family 4 (bytes 0-3 used) or 6 (all 16 bytes). */
struct fl_addr {
	uint8_t family;
	uint8_t b[16];
};

struct fl_str {
	const char *p;
	uint32_t len;
};

/* Why a line was not a record. Stable numbers: reports name them. */
enum fl_error {
	FL_E_NONE = 0,
	FL_E_FIELD_COUNT,   /* "wrong field count" */
	FL_E_NUMBER,        /* "bad number" */
	FL_E_RANGE,         /* "number out of range" */
	FL_E_ADDRESS,       /* "bad address" */
	FL_E_ENUM,          /* "bad enum value" */
	FL_E_TOO_LONG,      /* "line too long" */
	FL_E_CONTROL,       /* "control character" (NUL or other binary) */
	FL_E_HEADER,        /* "bad header" (a header naming a field twice) */
	FL_E_WRAPPER,       /* "bad JSON wrapper" */
	FL_E_FOREIGN,       /* "transit gateway flow log record": not a VPC flow log's */
	FL_NERRORS
};

/* Short, stable text for a reason ("bad number"); "unknown" out of range. */
const char *fl_strerror(int reason);
/* The same as a snake_case key for machine reports ("bad_number"). */
const char *fl_error_key(int reason);

struct fl_layout {
	int ncols;
	int16_t col[FL_MAX_COLUMNS];         /* enum fl_field, or FL_IGNORED */
	int16_t pos[FL_NFIELDS];             /* column of a field, -1 if absent */
	char ignored[FL_MAX_COLUMNS][FL_MAX_NAME]; /* names of ignored columns */
	uint64_t fields;                     /* bit per known field in the layout */
	/* the known columns of each kind (enum fl_kind), in column order;
	 * addresses in slot order (fl_addr_slot) */
	uint8_t nkind[4];
	uint8_t kind_col[4][FL_MAX_COLUMNS];
	/* the field and largest value of each FK_UINT column, in the order
	 * of kind_col[FK_UINT]: copies of col[] and fl_fields[].max, laid out
	 * for the vector parser's loads of four columns at once */
	uint8_t num_field[FL_MAX_COLUMNS];
	uint64_t num_max[FL_MAX_COLUMNS];
	/* the ignored columns, in column order */
	uint8_t nignored;
	uint8_t ignored_col[FL_MAX_COLUMNS];
	/* the layout names a field of another log (any name starting with
	 * tgw- or packets-lost-, or resource-type: a transit gateway flow log,
	 * which AWS delivers under the same S3 prefix); scan_opts.vpc_only
	 * turns its records away (FL_E_FOREIGN) */
	uint8_t foreign;
	/* version 2's default format, from fl_layout_default (no header, no
	 * --fields): a wrong field count then hints at --fields */
	uint8_t is_default;
	/* set by the scanner when a header was refused (a field named twice,
	 * too many columns): the lines under it are malformed (FL_E_HEADER)
	 * until the next header, not read under the layout before it */
	uint8_t refused;
};

/* The default (version 2) layout. */
void fl_layout_default(struct fl_layout *lay);

/*
 * Build a layout from a format given by the user: field names separated by
 * spaces, tabs or commas, each as AWS spells it ("account-id"), in AWS's
 * console spelling ("${account-id}") or with underscores ("account_id").
 * Returns 0, or -1 with a message in err (size errlen) for an empty format,
 * too many columns, a name that is not a field-name token, or a field named
 * twice. Unknown names that look like field names become ignored columns.
 */
int fl_layout_from_spec(struct fl_layout *lay, const char *spec, size_t len,
			char *err, size_t errlen);

/* fl_is_header past its first byte; call fl_is_header. */
int fl_header_words(const char *line, size_t len);

/*
 * Nonzero when a line is a header line: every word looks like a field
 * name, the first has no digit, and one at least is a field name we
 * know (a newer version's field may come first); or every word is
 * ${name}, as AWS's format string writes them, and one names a field we
 * know. Such a line sets the layout of the lines that follow it. Names
 * start with a lowercase letter, so this first test, inline, turns most
 * data lines away without a call (it runs on every line).
 */
static inline int fl_is_header(const char *line, size_t len)
{
	return len > 0 && ((line[0] >= 'a' && line[0] <= 'z') || line[0] == '$') &&
	       fl_header_words(line, len);
}

/*
 * Build a layout from a header line (see fl_is_header). Returns 0, or
 * -FL_E_HEADER for a field named twice or too many columns.
 */
int fl_layout_from_header(struct fl_layout *lay, const char *line, size_t len);
/* Why fl_layout_from_header refused a line, as text in why (size n). */
void fl_header_error(const char *line, size_t len, char *why, size_t n);

struct fl_record {
	uint64_t present;               /* bit (1 << field): field has a value */
	struct fl_str text[FL_NFIELDS]; /* the raw text of each present field */
	uint64_t num[FL_NFIELDS];       /* FK_UINT values and FK_ENUM codes */
	struct fl_addr addr[4];         /* srcaddr, dstaddr, pkt-srcaddr, pkt-dstaddr */
	int ncols;                      /* columns in the line (= layout's) */
	/* the text of each ignored column ("-" included) and, after a bad
	 * value, of column err_col; other entries are not kept up to date
	 * (a known column's text is text[f]) */
	struct fl_str col[FL_MAX_COLUMNS];
	int err_col;                    /* column of the error, -1 if none */
};

static inline int fl_has(const struct fl_record *r, enum fl_field f)
{
	return (int)((r->present >> f) & 1u);
}

/* The address slot of an FK_ADDR field (0..3), or -1. */
int fl_addr_slot(enum fl_field f);

static inline const struct fl_addr *fl_addr(const struct fl_record *r, enum fl_field f)
{
	return &r->addr[fl_addr_slot(f)];
}

/* Same family and address (4 bytes for IPv4, 16 otherwise); no call. */
static inline int fl_addr_eq(const struct fl_addr *a, const struct fl_addr *b)
{
	uint64_t x0, x1, y0, y1;
	if (a->family != b->family)
		return 0;
	if (a->family == 4) {
		uint32_t x, y;
		memcpy(&x, a->b, 4);
		memcpy(&y, b->b, 4);
		return x == y;
	}
	memcpy(&x0, a->b, 8);
	memcpy(&x1, a->b + 8, 8);
	memcpy(&y0, b->b, 8);
	memcpy(&y1, b->b + 8, 8);
	return ((x0 ^ y0) | (x1 ^ y1)) == 0;
}

/*
 * Parse one line (without its newline; a trailing CR and trailing blanks
 * are allowed) with a layout. Fields are separated by runs of spaces or
 * tabs. Returns 0 and fills rec, or -reason (enum fl_error) with
 * rec->err_col naming the offending column when there is one.
 */
int fl_parse_line(const struct fl_layout *lay, const char *line, size_t len,
		  struct fl_record *rec);

/*
 * Which implementation fl_parse_line runs. FL_SIMD_AUTO (what a process
 * starts with) picks the vector tokenizer when the CPU has AVX-512 (BW, VL,
 * VBMI, VBMI2) and the portable one otherwise; FL_SIMD_OFF forces the
 * portable one. Both give identical results for every line (tests and the
 * fuzz target compare them). Returns the level now in force. Call it
 * before starting threads that parse.
 */
enum { FL_SIMD_AUTO = -1, FL_SIMD_OFF = 0, FL_SIMD_AVX512 = 1 };
int fl_simd_select(int want);

/*
 * Offsets of the newlines in p[0, n) (n < 4 GiB), in order, into pos: at
 * most cap of them. Returns how many were stored; cap means there may be
 * more after pos[cap - 1].
 */
size_t fl_newlines(const char *p, size_t n, uint32_t *pos, size_t cap);

/*
 * A line that is a JSON object with a "message" string (CloudWatch Logs
 * subscriptions, Firehose): copy the unescaped message into buf (size cap)
 * and return its length; -FL_E_WRAPPER if the object has no usable message
 * or it does not fit. Only call it on lines that start with '{'.
 */
long fl_unwrap_json(const char *line, size_t len, char *buf, size_t cap);

/*
 * The length of the event time a CloudWatch Logs export to S3 puts before
 * each message, with the one space after it ("2026-11-26T00:00:05.000Z "):
 * four digits, '-', two, '-', two, 'T', two, ':', two, ':', two, an
 * optional '.' and 1 to 9 digits, 'Z', ' '. 0 when the line does not start
 * with one.
 */
size_t fl_export_stamp(const char *line, size_t len);

/* Format an address as text into buf (at least 46 bytes); returns buf. */
char *fl_addr_format(const struct fl_addr *a, char *buf, size_t len);

/* Parse an IPv4 or IPv6 address; 0 on success, -1 otherwise. */
int fl_addr_parse(const char *s, size_t len, struct fl_addr *out);

#endif
