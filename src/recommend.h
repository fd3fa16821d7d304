/* SPDX-License-Identifier: MIT */
/*
 * Recommendations (shared/spec/reports.md): the core aggregate, the
 * topology and the prices in; priced actions out, each with the bytes it
 * rests on, the window, the monthly projection and a plain-English reason.
 * The rules and their arithmetic are documented in docs/reports.md.
 */
#ifndef FLOWPATH_RECOMMEND_H
#define FLOWPATH_RECOMMEND_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "prices.h"
#include "topo.h"

struct rec_row {
	char vpc[64];
	char region[32];
	char action[40];
	char service[64];
	char target[4096]; /* a list that would not fit ends in ",[...]" */
	uint64_t observed_bytes;
	int64_t window_seconds;
	double monthly_gb;
	double current_usd;
	double new_usd;
	double savings_usd;
	const char *confidence; /* "high", or "low" for windows under an hour */
	char reason[4096]; /* a reason that would not fit ends in " [...]" */
	char cost_source[40];   /* "nat-gateway-eni", "workload" or "" */
	char account[32];       /* the VPC's owner (who makes the change); "" unknown */
};

struct recs {
	struct rec_row *rows;
	size_t n, cap;
};

/* Per NAT gateway: which records its money rests on (paths.md 5). */
struct nat_cost {
	char nat[64];
	char vpc[64];
	char region[32];
	uint64_t eni_bytes;      /* its own ENI's internet-side records */
	uint64_t workload_bytes; /* workload vantage nat-* records */
	/* with from_eni: workload bytes of the services (or internet traffic)
	 * its ENI records show none of, counted with eni_bytes */
	uint64_t workload_only_bytes;
	int from_eni;            /* eni_bytes were used */
	/* without from_eni: workload bytes of subnets whose traffic another
	 * NAT gateway's ENI records show (its vpc side), counted there and
	 * not here (the route tables changed since the topology?) */
	uint64_t moved_bytes;
	/* with from_eni: workload bytes moved to it so (in eni_bytes) */
	uint64_t moved_in;
	/* its vpc side's bytes from workloads in other VPCs (centralized
	 * egress): in eni_bytes, never in this VPC's workload records */
	uint64_t other_vpc_bytes;
	/* and from workloads in its own VPC's subnets */
	uint64_t own_vpc_bytes;
	int gone;                /* deleted or failed in the topology: no hours */
	int idle;                /* in the topology, in no record */
	double monthly_gb, processing_usd, hourly_usd;
};

struct nat_costs {
	struct nat_cost *v;
	size_t n;
	uint32_t *ix; /* by NAT gateway id: index + 1, 0 empty (private) */
	size_t nix;
};

struct rec_input {
	const struct agg *agg;
	const struct topo *topo; /* may be NULL */
	const struct prices *prices;
	int64_t window_start, window_end; /* seconds; end > start */
};

/* Compute the recommendations, sorted by monthly saving (largest first),
 * then vpc, action, service and target. out is initialised here. */
void recommend(const struct rec_input *in, struct recs *out, struct nat_costs *nats);
void recs_free(struct recs *r);
void nat_costs_free(struct nat_costs *n);

/* Monthly GB of bytes observed over window seconds. */
double monthly_gb(uint64_t bytes, int64_t window_seconds);

#endif
