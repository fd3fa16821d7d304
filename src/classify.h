/* SPDX-License-Identifier: MIT */
/*
 * The classifier: one flow record and the topology in, the record's row of
 * the core aggregate out (shared/spec/paths.md sections 2 to 5). With a
 * trace it also writes the decision step by step (`flowpath explain`).
 *
 * String results are views valid until the next call (they point into the
 * topology or into the record's line).
 */
#ifndef FLOWPATH_CLASSIFY_H
#define FLOWPATH_CLASSIFY_H

#include <stdint.h>

#include "flowlog.h"
#include "strpool.h"
#include "topo.h"

enum vantage { VANTAGE_WORKLOAD, VANTAGE_NAT, VANTAGE_IFACE_EP, VANTAGE_TGW, NVANTAGES };
/* SIDE_ENDPOINT_ENI: a workload's transit gateway or peering row whose
 * remote address is an interface endpoint's ENI in another VPC, which
 * logs in the interface-endpoint vantage (row_in_totals). SIDE_NAT64: a
 * workload's NAT row whose remote address is in 64:ff9b::/96, its
 * service that of the IPv4 address it embeds. */
enum side { SIDE_NONE, SIDE_INTERNET, SIDE_VPC, SIDE_ENDPOINT_ENI, SIDE_NAT64, NSIDES };
enum direction { DIR_EGRESS, DIR_INGRESS, DIR_UNKNOWN, NDIRS };

enum path {
	PATH_LOCAL,
	PATH_INTERFACE_ENDPOINT,
	PATH_GATEWAY_ENDPOINT,
	PATH_APPLIANCE,
	PATH_NAT_AWS,
	PATH_NAT_INTERNET,
	PATH_NAT_UNATTRIBUTED,
	PATH_IGW_AWS,
	PATH_IGW_INTERNET,
	PATH_PEERING,
	PATH_TGW,
	PATH_VPN_DX,
	PATH_OTHER_GW,
	PATH_UNROUTABLE,
	PATH_UNKNOWN,
	NPATHS
};

enum reason {
	REASON_NONE,
	REASON_AMBIGUOUS_SUBNET,
	REASON_NO_SUBNET,
	REASON_NO_ROUTE_TABLE,
	REASON_NO_ROUTE,
	REASON_BLACKHOLE,
	REASON_PEERING_NOT_TRANSITIVE,
	REASON_NOT_NAT_TRAFFIC,
	REASON_NO_ADDRESS,
	REASON_ROW_LIMIT, /* the aggregate's row limit was reached (agg.h) */
	REASON_FORWARDED, /* on a Gateway Load Balancer (endpoint) ENI */
	NREASONS
};

const char *vantage_name(int v);
const char *side_name(int s);
const char *direction_name(int d);
const char *path_name(int p);
/* Paths totalled from egress records only (paths.md 7), and whether a row
 * of path and direction enters totals; unknown-direction rows of those
 * paths are shown apart (docs/reports.md). */
int path_counts_egress_only(int path);
int path_in_totals(int path, int direction);
/* remote_vpc of a remote address that several VPCs of the topology hold
 * (overlapping CIDRs) and nothing narrows to one: in the model, so a
 * workload logs the flow's other end (row_in_totals), but of no one VPC. */
#define REMOTE_VPC_AMBIGUOUS "(ambiguous)"
/* remote_vpc of a transit gateway attachment ENI's record whose peer is
 * the ENI's own address (no pkt-* fields): the far side is unknown, not
 * outside the model, so the totals count its egress only. */
#define REMOTE_VPC_UNKNOWN "(unknown)"

/* The totals rule for a core row: path_in_totals, and an appliance path
 * whose remote is in a VPC of the model (remote_vpc set: inspection
 * between two logged workloads, seen at both ends like local) counts
 * from egress records only too; a transit gateway path to outside every
 * VPC of the model, and a transit gateway or peering path to an interface
 * endpoint's ENI (side SIDE_ENDPOINT_ENI), count both directions. */
int row_in_totals(int path, int direction, int remote_in_model, int side);
/* Rows that no total, timeline or talker counts, whatever their path:
 * the NAT gateway's vpc side (its internet side's bytes again), a Gateway
 * Load Balancer's forwarded flows (their own ENIs' bytes again) and a
 * NAT gateway ENI's records that hold neither of its addresses (NAT64's
 * IPv6 leg, the IPv4 leg's bytes again). docs/reports.md. */
int row_outside_totals(int side, int reason);
/* Whether reason is one of those of row_outside_totals, which a row-limit
 * row keeps. */
int reason_outside_totals(int reason);
const char *reason_name(int r);

struct sv {
	const char *p;
	uint32_t len;
};

struct cls_result {
	enum vantage vantage;
	enum side side;
	enum direction direction;
	int action; /* enum fl_action, 0 when absent */
	enum path path;
	enum reason reason;
	struct sv account, region, vpc, subnet, az, service, service_region, via, remote_vpc,
		remote_region;
	int traffic_path_checked; /* the record had traffic-path to compare */
	int traffic_path_agrees;
	/* a public NAT gateway's internet side, without pkt-* fields, with a
	 * private remote address outside every VPC of the model: a workload
	 * of a VPC the model lacks, whose bytes then count twice? */
	int private_outside;
};

/* Steps of a decision, for explain. */
struct cls_trace {
	char step[48][240];
	int n;
};

/*
 * Classify one flow (log-status OK). Never fails: what cannot be decided is
 * path unknown with a reason. tr may be NULL.
 */
void classify(const struct topo *t, const struct fl_record *r, struct cls_result *out,
	      struct cls_trace *tr);

/*
 * The same for a record of a flow log whose region is known from outside
 * the record (the S3 file name; NULL or "" when not): a record without a
 * region field is taken to be of that region.
 */
void classify_in_region(const struct topo *t, const struct fl_record *r, const char *region,
			struct cls_result *out, struct cls_trace *tr);

#endif
