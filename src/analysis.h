/* SPDX-License-Identifier: MIT */
/*
 * Everything one analysis accumulates: the core aggregate, the timeline
 * (hour x vantage x path), the talkers (workloads by path and service), the
 * input accounting (totals and per input) and the traffic-path
 * disagreements. Analyses merge by value, so workers, partial aggregates
 * and cluster shards all end in the same state as one run.
 */
#ifndef FLOWPATH_ANALYSIS_H
#define FLOWPATH_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "flowlog.h"
#include "ktab.h"
#include "scan.h"
#include "topo.h"

/* Default limits (options --max-talkers and --max-rows): past them, new
 * keys go to one overflow row (docs/reports.md). */
#define ANALYSIS_TALKERS_MAX 200000
#define ANALYSIS_ROWS_MAX 1000000

/* (interface, flow log) pairs kept for the two-flow-logs check; past it,
 * the check sees only those kept */
#define ANALYSIS_ENI_LOGS_MAX 200000

/* Unknown field names kept for the run's note. */
#define ANALYSIS_UNKNOWN_MAX 8

/* input_row.skipped of a path that could not be listed (RUNNER_UNLISTED):
 * an input error, its row's status error */
#define INPUT_UNLISTED 4

struct input_row {
	char *path;
	struct scan_stats st;
	char error[256]; /* "" when read cleanly; why, when skipped */
	int skipped;     /* not opened (RUNNER_SKIP_*, INPUT_UNLISTED); error says why */
	/* flows of it counted without an end time (no window places them),
	 * when known: read by this run, or from a partial of version 6 */
	uint64_t untimed;
	int untimed_known;
};

/* ktab integer columns of the timeline and talkers */
enum { TL_VANTAGE, TL_PATH, TL_DIRECTION, TL_ACTION };
/* ktab string columns of the talkers (TK_NSTR of them: a partial's
 * talker rows hold these) */
enum { TK_ACCOUNT, TK_VPC, TK_INTERFACE, TK_ADDRESS, TK_SERVICE, TK_INSTANCE, TK_NSTR };
/* ktab string columns of the NAT gateways' talkers (NT_NSTR of them); the
 * integers are those of the talkers */
enum { NT_NAT, NT_ACCOUNT, NT_VPC, NT_WORKLOAD_VPC, NT_SUBNET, NT_ADDRESS, NT_INTERFACE, NT_INSTANCE,
       NT_SERVICE, NT_SERVICE_REGION, NT_NSTR };

struct analysis {
	struct agg *core;
	struct ktab *timeline; /* s[0] = hour ("2026-11-25T13:00:00Z") */
	struct ktab *talkers;
	/* the workloads behind each NAT gateway, from its ENI's vpc side */
	struct ktab *nat_talkers;
	struct scan_stats stats;
	struct input_row *inputs;
	size_t ninputs;
	struct strpool *unlisted; /* paths of its INPUT_UNLISTED rows (NULL: none) */
	uint64_t input_errors;
	struct ktab *tp;       /* traffic-path checks: s[0] vpc; i[0] agrees */
	int64_t since, until;  /* the window given, INT64_MIN/INT64_MAX if none */
	int window_seen;       /* since/until were set by a run or a partial */
	uint64_t outside_window; /* flows dropped by --since/--until */
	uint64_t outside_window_bytes; /* and their bytes */
	/* flows whose layout has no bytes column (a header's typo): counted
	 * with 0 bytes, which the run warns about (counted by the runner,
	 * which sees the layout) */
	uint64_t flows_without_bytes;
	/* the first names of columns that no known field has, from the
	 * layouts of the records (analysis_note_layout) */
	char unknown_fields[ANALYSIS_UNKNOWN_MAX][FL_MAX_NAME];
	int nunknown_fields;
	int unknown_more; /* more names than those kept */
	int layout_without_eni; /* records came under a layout without interface-id */
	/* flows counted whose interface-id the topology does not have, and
	 * the least such id (a note when NetworkInterfaces is given) */
	uint64_t flows_unlisted;
	char unlisted_first[64];
	/* public NAT gateways' internet-side bytes with private addresses
	 * outside every VPC of the model, without pkt-* fields (a VPC the
	 * model lacks?), and the least such NAT gateway */
	uint64_t nat_private_bytes;
	char nat_private_first[64];
	/* transit gateway attachment rows without a remote VPC read from a
	 * partial of version 4 or older, which wrote an unknown peer so too
	 * (merge warns: they count both directions) */
	uint64_t legacy_tgw_rows;
	/* a workload's transit gateway or peering ingress rows from a VPC
	 * of the model, read from a partial of version 5 or older, which had
	 * no side endpoint-eni (merge warns: an interface endpoint's
	 * downloads among them count in no total) */
	uint64_t legacy_ingress_rows;
	/* a workload's nat-internet rows read from a partial of version 6
	 * or older, which classified NAT64 flows by their IPv6 addresses
	 * (merge warns when the topology has NAT64 routes) */
	uint64_t legacy_nat_rows;
	/* read from a partial older than version 8, which held no NAT
	 * gateway talkers */
	int without_nat_talkers;
	/* the decision memo (a cache, never merged) and the traffic-path
	 * checks summed per core row, which analysis_merge folds into the
	 * destination's tp: an analysis fed records is read after a merge */
	void *memo;
	/* fill the timeline (WANT_TIMELINE), the talkers (WANT_TALKERS) and
	 * the NAT gateways' talkers (WANT_NAT_TALKERS) for the reports or
	 * partials that need them; 0: records cost only the core aggregate */
	int want_secondary;
	size_t max_rows, max_talkers; /* as set by analysis_set_limits */
	/* the flow logs (ids from the S3 file names) each interface's
	 * records came in: s[0] interface-id, s[1] flow log id, i[0] action
	 * (enum fl_action, 0 absent). An interface
	 * in two flow logs has its flows delivered (and counted) twice: the
	 * run warns (docs/behaviour.md) */
	struct ktab *eni_logs;
	char source[64];    /* the flow log of the records being added; "" unknown */
	char source_region[32]; /* its region (from the same S3 name); "" unknown */
	uint32_t source_no; /* its number in the memo key; 0 unknown */
};

enum { WANT_TIMELINE = 1, WANT_TALKERS = 2, WANT_NAT_TALKERS = 4, WANT_ALL = 7 };

struct analysis *analysis_new(void);
/* Set the row limits of the core aggregate and the talkers (0: default). */
void analysis_set_limits(struct analysis *a, size_t max_rows, size_t max_talkers);
void analysis_free(struct analysis *a); /* NULL ok */

/* Classify and count one flow record (NODATA/SKIPDATA are ignored).
 * Returns 1 when it was counted (a flow inside the window), else 0. */
int analysis_add_record(struct analysis *a, const struct topo *t, const struct fl_record *rec);

/* The flow log id ("fl-...", from the S3 file name; NULL or "" when the
 * name does not give one) of the records added from now on, and its
 * region (from the same name; ignored without an id): records without a
 * region field are taken to be of it (classify_in_region). */
void analysis_set_source(struct analysis *a, const char *flow_log, const char *region);

/* Keep the names of lay's ignored columns (unknown fields) for the note
 * at the end of the run; call when the records' layout changes. */
void analysis_note_layout(struct analysis *a, const struct fl_layout *lay);

/* Record one input's accounting (a copy of path is kept). */
void analysis_add_input(struct analysis *a, const char *path, const struct scan_stats *st,
			const char *error, int skipped);

/* Widen the window to hold [since, until) (INT64_MIN/INT64_MAX: none). */
void analysis_union_window(struct analysis *a, int64_t since, int64_t until);

/* Add src into dst (inputs are appended; call in input order). */
void analysis_merge(struct analysis *dst, const struct analysis *src);

/*
 * The accounting identities, checked at the end of every run: for the
 * totals and every input, lines = headers + blank + flows + NODATA +
 * SKIPDATA + malformed and text bytes = the sum of their categories; and
 * the flows (records and bytes) = the core aggregate's rows + the flows
 * outside the window. Returns 0, or -1 with the broken identity in why.
 */
int analysis_check(const struct analysis *a, char *why, size_t len);

/* The projection window: --since/--until when given, else first start to
 * last end of the flows (0 seconds long when they all start and end in
 * one second). Returns 1, or 0 when there is none (no flow with start and
 * end counted, and no --since/--until giving both ends: then 0 to 0). */
int analysis_window(const struct analysis *a, int64_t *start, int64_t *end);

#endif
