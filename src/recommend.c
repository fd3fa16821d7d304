/* SPDX-License-Identifier: MIT */
/* The recommendation rules; see recommend.h and docs/reports.md. */
#include "recommend.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* TGW pairs below this monthly processing charge are not "heavy". */
#define TGW_MIN_MONTHLY_USD 1.0

/* What a NAT gateway's own ENI records (internet side) show of one
 * service in one region (the internet: service ""), against what the
 * workloads sent through that gateway. */
struct natsvc {
	uint32_t nat, service, region; /* ids of the aggregate's strings */
	uint64_t eni, wl;
};

/* The input with the aggregate's rows in sorted order. */
struct rin {
	const struct agg *agg;
	const struct topo *topo;
	const struct prices *prices;
	int64_t window_start, window_end;
	const struct agg_row **rows;
	size_t nrows;
	struct natsvc *ns;
	size_t nns;
	uint32_t *ns_ix; /* open addressing over ns: index + 1, 0 empty */
	size_t ns_slots;
	/* per (vpc, subnet, service, service region, direction, NAT
	 * gateway), sorted: the bytes its ENI's vpc side shows from the
	 * subnet, and those the subnet's workload records send through it
	 * (which of them really went where; subnat_build) */
	struct subnat *sn;
	size_t nsn;
	/* per row (in rows' order): the bytes of a workload row through a
	 * NAT gateway costed from workload records that another gateway's
	 * ENI records show instead (nat_pass) */
	uint64_t *moved;
};

struct subnat {
	/* aggregate pool ids, and the direction as the workload sees it */
	uint32_t vpc, subnet, service, service_region, direction, nat;
	uint64_t nv, wl;
};

struct grp {
	char vpc[64], region[32], service[64], svc_region[32], nat[64], az[32], other[64], via[64];
	uint64_t bytes_nat_wl;  /* workload vantage bytes through NATs */
	uint64_t bytes_nat_eni; /* NAT ENI internet-side bytes */
	uint64_t bytes_igw;
	uint64_t bytes_igw6;    /* of which through an egress-only gateway (IPv6) */
	uint64_t bytes;         /* everything else that a rule sums */
	uint64_t bytes_in;      /* the ingress records' part of bytes */
	uint64_t bytes_other_vpcs; /* NAT vpc side from workloads in other VPCs */
	uint64_t bytes_nat_vpc;    /* NAT vpc side, any sender (pkt-* fields name the service) */
	uint64_t bytes_nat64;      /* workload records through NAT64 (side nat64) */
	uint32_t *rt;           /* route tables (topology pool ids) */
	/* what each sent through a NAT gateway: by the workload records,
	 * and by the NAT ENIs' vpc side (the shares of an endpoint's row) */
	uint64_t *rt_wl, *rt_nv;
	int nrt, rt_cap;
	uint32_t *igw_rt;   /* route tables of internet gateway senders */
	uint64_t *igw_rt_b; /* and what each sent */
	uint64_t *igw_rt_b6; /* of which through an egress-only gateway (IPv6) */
	int nigw_rt, igw_rt_cap;
	char azs[8][32];
	int nazs;
	/* what each AZ sent, by the records that cost its NAT gateway (its
	 * ENI's vpc side, else the workload records), and of that what went
	 * to a NAT gateway in the same AZ */
	uint64_t az_b[8], az_local[8];
	/* and each AZ's workload records, of which NAT64 (side nat64) */
	uint64_t az_wl[8], az_n64[8];
	uint64_t az_none; /* and what came from no known AZ */
	int flags; /* 2: some rows had no service region (assumed the VPC's);
		    * 4: the NAT ENIs showed none of it, bytes from the workloads */
};

struct grps {
	struct grp *g;
	size_t n, cap;
	uint32_t *ix; /* open addressing: group index + 1, 0 empty */
	size_t nix;   /* a power of two, at least twice n */
};

static uint64_t grp_hash(const char *vpc, const char *service, const char *a, const char *b)
{
	const char *parts[4] = {vpc, service, a, b};
	uint64_t h = 0xcbf29ce484222325ULL;
	for (int i = 0; i < 4; i++) {
		for (const char *p = parts[i]; *p; p++)
			h = (h ^ (uint8_t)*p) * 0x100000001b3ULL;
		h = (h ^ 0xff) * 0x100000001b3ULL; /* a separator */
	}
	return h;
}

static void grps_index(struct grps *gs)
{
	free(gs->ix);
	gs->nix = gs->nix ? gs->nix * 2 : 64;
	gs->ix = xcalloc(gs->nix, sizeof(*gs->ix));
	for (size_t i = 0; i < gs->n; i++) {
		const struct grp *g = &gs->g[i];
		size_t k = grp_hash(g->vpc, g->service, g->other, g->via) & (gs->nix - 1);
		while (gs->ix[k])
			k = (k + 1) & (gs->nix - 1);
		gs->ix[k] = (uint32_t)(i + 1);
	}
}

static void grps_free(struct grps *gs)
{
	for (size_t i = 0; i < gs->n; i++) {
		struct grp *g = &gs->g[i];
		free(g->rt);
		free(g->rt_wl);
		free(g->rt_nv);
		free(g->igw_rt);
		free(g->igw_rt_b);
		free(g->igw_rt_b6);
	}
	free(gs->g);
	free(gs->ix);
}

/* The group of (vpc, service, a, b), added when new: found by a hash
 * index, as an estate's aggregate may have a million rows. */
static struct grp *grp_get(struct grps *gs, const char *vpc, const char *service, const char *a,
			   const char *b)
{
	if (2 * (gs->n + 1) > gs->nix)
		grps_index(gs);
	size_t k = grp_hash(vpc, service, a, b) & (gs->nix - 1);
	for (; gs->ix[k]; k = (k + 1) & (gs->nix - 1)) {
		struct grp *g = &gs->g[gs->ix[k] - 1];
		if (strcmp(g->vpc, vpc) == 0 && strcmp(g->service, service) == 0 &&
		    strcmp(g->other, a) == 0 && strcmp(g->via, b) == 0)
			return g;
	}
	if (gs->n == gs->cap) {
		gs->cap = gs->cap ? gs->cap * 2 : 32;
		gs->g = xrealloc(gs->g, gs->cap * sizeof(*gs->g));
	}
	gs->ix[k] = (uint32_t)(gs->n + 1);
	struct grp *g = &gs->g[gs->n++];
	memset(g, 0, sizeof(*g));
	snprintf(g->vpc, sizeof(g->vpc), "%s", vpc);
	snprintf(g->service, sizeof(g->service), "%s", service);
	snprintf(g->other, sizeof(g->other), "%s", a);
	snprintf(g->via, sizeof(g->via), "%s", b);
	return g;
}

/* The place of id in a set of n ids (added when new); the set and its
 * two counter arrays grow together, the counters of a new id zero. */
static int set_place(uint32_t **set, uint64_t **a, uint64_t **b, int *n, int *cap, uint32_t id)
{
	int i = 0;
	while (i < *n && (*set)[i] != id)
		i++;
	if (i == *n) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*set = xrealloc(*set, (size_t)*cap * sizeof(**set));
			*a = xrealloc(*a, (size_t)*cap * sizeof(**a));
			*b = xrealloc(*b, (size_t)*cap * sizeof(**b));
		}
		(*set)[*n] = id;
		(*a)[*n] = (*b)[*n] = 0;
		(*n)++;
	}
	return i;
}

static void grp_add_rt(struct grp *g, uint32_t rt, uint64_t wl, uint64_t nv)
{
	int i = set_place(&g->rt, &g->rt_wl, &g->rt_nv, &g->nrt, &g->rt_cap, rt);
	g->rt_wl[i] = sat_add(g->rt_wl[i], wl);
	g->rt_nv[i] = sat_add(g->rt_nv[i], nv);
}

static void grp_add_igw_rt(struct grp *g, uint32_t rt, uint64_t bytes, int ipv6)
{
	int i = set_place(&g->igw_rt, &g->igw_rt_b, &g->igw_rt_b6, &g->nigw_rt, &g->igw_rt_cap, rt);
	g->igw_rt_b[i] = sat_add(g->igw_rt_b[i], bytes);
	if (ipv6)
		g->igw_rt_b6[i] = sat_add(g->igw_rt_b6[i], bytes);
}

/* Add az to the group's set, kept in byte order (so targets list them
 * so, whatever order the rows came in). */
static void grp_add_az(struct grp *g, const char *az, uint64_t bytes, int local, uint64_t wl, uint64_t n64)
{
	if (!az[0]) {
		g->az_none = sat_add(g->az_none, bytes);
		return;
	}
	int i = 0;
	while (i < g->nazs && strcmp(g->azs[i], az) < 0)
		i++;
	if (i == g->nazs || strcmp(g->azs[i], az) != 0) {
		if (g->nazs == 8)
			return;
		size_t n = (size_t)(g->nazs - i);
		memmove(g->azs[i + 1], g->azs[i], n * sizeof(g->azs[0]));
		memmove(&g->az_b[i + 1], &g->az_b[i], n * sizeof(g->az_b[0]));
		memmove(&g->az_local[i + 1], &g->az_local[i], n * sizeof(g->az_local[0]));
		memmove(&g->az_wl[i + 1], &g->az_wl[i], n * sizeof(g->az_wl[0]));
		memmove(&g->az_n64[i + 1], &g->az_n64[i], n * sizeof(g->az_n64[0]));
		snprintf(g->azs[i], sizeof(g->azs[0]), "%s", az);
		g->az_b[i] = g->az_local[i] = g->az_wl[i] = g->az_n64[i] = 0;
		g->nazs++;
	}
	g->az_wl[i] = sat_add(g->az_wl[i], wl);
	g->az_n64[i] = sat_add(g->az_n64[i], n64);
	g->az_b[i] = sat_add(g->az_b[i], bytes);
	if (local)
		g->az_local[i] = sat_add(g->az_local[i], bytes);
}

/* The share (0 to 1) of the group's bytes that AZ k sent to a NAT
 * gateway in the same AZ (what would cross AZs to reach a service's
 * interface in another: what goes to a NAT gateway in another AZ crosses
 * today already). */
static double az_local_share(const struct grp *g, int k)
{
	uint64_t all = g->az_none;
	for (int i = 0; i < g->nazs; i++)
		all = sat_add(all, g->az_b[i]);
	/* no record told: each AZ an even part, as if local (the dearer
	 * guess: a saving is not overstated) */
	if (!all)
		return 1.0 / (g->nazs ? g->nazs : 1);
	return (double)g->az_local[k] / (double)all;
}

double monthly_gb(uint64_t bytes, int64_t window_seconds)
{
	if (window_seconds <= 0)
		window_seconds = 1;
	return (double)bytes / GIB * (MONTH_SECONDS / (double)window_seconds);
}

static struct rec_row *new_row(struct recs *r, const struct rin *in, const char *vpc,
			       const char *region, const char *action, const char *service)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->rows = xrealloc(r->rows, r->cap * sizeof(*r->rows));
	}
	struct rec_row *x = &r->rows[r->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->vpc, sizeof(x->vpc), "%s", vpc);
	snprintf(x->region, sizeof(x->region), "%s", region);
	snprintf(x->action, sizeof(x->action), "%s", action);
	snprintf(x->service, sizeof(x->service), "%s", service);
	/* as the summary says it (0: no window, or under a second); the
	 * projection takes it as one second (monthly_gb) */
	x->window_seconds = in->window_end - in->window_start;
	if (x->window_seconds < 0)
		x->window_seconds = 0;
	x->confidence = x->window_seconds < 3600 ? "low" : "high";
	int v;
	if (in->topo && topo_find(in->topo, vpc, strlen(vpc), &v) == OBJ_VPC)
		snprintf(x->account, sizeof(x->account), "%s",
			 strpool_str(in->topo->pool, in->topo->vpcs[v].owner_s));
	return x;
}

/* A per-GB price as a reason prints it: "%.*f" with RATE(v), three
 * decimals ($0.045, $0.010), or up to six when the figure has more (a
 * negotiated $0.0468 from --pricing is not shown as $0.047). */
static int rate_decimals(double v)
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%.6f", v), d = 6;
	/* the zeros that six decimals end in, down to three */
	while (d > 3 && n > 0 && buf[n - 1] == '0')
		n--, d--;
	return d;
}
#define RATE(v) rate_decimals(v), (v)

static void reason_add(struct rec_row *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reason(struct rec_row *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A reason cut at its buffer's end says so: its last bytes become " [...]". */
static void reason_cut(struct rec_row *x, int wrote, size_t at)
{
	static const char mark[] = " [...]";
	if (wrote >= 0 && (size_t)wrote < sizeof(x->reason) - at)
		return;
	size_t end = sizeof(x->reason) - sizeof(mark);
	/* not inside a UTF-8 sequence */
	while (end > 0 && ((unsigned char)x->reason[end] & 0xC0) == 0x80)
		end--;
	memcpy(x->reason + end, mark, sizeof(mark));
}

/* Append a sentence to the row's reason (not to one cut already). */
static void reason_add(struct rec_row *x, const char *fmt, ...)
{
	size_t n = strlen(x->reason);
	if (n >= 6 && strcmp(x->reason + n - 6, " [...]") == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(x->reason + n, sizeof(x->reason) - n, fmt, ap);
	va_end(ap);
	reason_cut(x, w, n);
}

static void reason(struct rec_row *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(x->reason, sizeof(x->reason), fmt, ap);
	va_end(ap);
	reason_cut(x, w, 0);
	if (strcmp(x->confidence, "low") == 0)
		reason_add(x, "%s", " Low confidence: observed over less than an hour.");
}

/* Append to a comma-separated target list: whole items only, and a
 * list that would not fit ends in ",[...]" (room for it is kept). */
static void target_add(char *t, size_t cap, const char *s)
{
	static const char more[] = ",[...]";
	size_t n = strlen(t);
	if (n >= sizeof(more) - 2 && strcmp(t + n - (sizeof(more) - 2), more + 1) == 0)
		return;
	if (n + (n ? 1 : 0) + strlen(s) + sizeof(more) > cap) {
		/* an empty list says "[...]" alone */
		if (n + sizeof(more) <= cap)
			memcpy(t + n, n ? more : more + 1, n ? sizeof(more) : sizeof(more) - 1);
		return;
	}
	snprintf(t + n, cap - n, "%s%s", n ? "," : "", s);
}

/* The row's target as its reason names it: "(unknown)" when empty, and
 * a long list (or one cut short) as its first 8 items and how many more
 * the target column holds. */
static const char *target_text(const struct rec_row *x, char *buf, size_t cap)
{
	if (!x->target[0])
		return "(unknown)";
	size_t len = strlen(x->target);
	int cut = len >= 5 && strcmp(x->target + len - 5, "[...]") == 0;
	int items = 1;
	for (const char *p = x->target; *p; p++)
		items += *p == ',';
	items -= cut; /* the mark is no item */
	if (items <= 8 && !cut)
		return x->target;
	/* the first 8 items (fewer when the list was cut sooner) */
	const char *end = x->target, *q;
	int shown = 0;
	for (; shown < 8 && shown < items && (q = strchr(end, ',')); shown++)
		end = q + 1;
	int head = end > x->target ? (int)(end - 1 - x->target) : 0;
	if (!shown)
		snprintf(buf, cap, "(too long to list: see the target column)");
	else if (cut)
		snprintf(buf, cap, "%.*s and more (the target column lists %d)", head, x->target, items);
	else
		snprintf(buf, cap, "%.*s and %d more (the target column)", head, x->target, items - shown);
	return buf;
}

/* The route table of a row's subnet in vpc, known to the topology or
 * not (classify's unlisted_subnet), as a pool id; 0 when none. */
static uint32_t rt_of_subnet(const struct topo *t, const char *subnet, const char *vpc)
{
	int v, ex;
	if (!t || !subnet[0])
		return 0;
	if (topo_find(t, vpc, strlen(vpc), &v) != OBJ_VPC)
		v = -1;
	int rt = topo_rtable_of_subnet_id(t, subnet, strlen(subnet), v, &ex);
	return rt >= 0 ? t->rtables[rt].id_s : 0;
}

/* NAT gateway nat of the topology, or NULL (no topology, or one that
 * describe-nat-gateways lacks). */
static const struct t_nat *nat_of(const struct topo *t, const char *nat)
{
	int idx;
	return t && topo_find(t, nat, strlen(nat), &idx) == OBJ_NAT ? &t->nats[idx] : NULL;
}

/* Is nat a private NAT gateway of the topology (ConnectivityType
 * private: it reaches other networks, not the internet or AWS services)? */
static int nat_private(const struct topo *t, const char *nat)
{
	const struct t_nat *x = nat_of(t, nat);
	return x && x->private_nat;
}

/* The AZ of a NAT gateway from the topology ("" if unknown). */
static const char *nat_az(const struct topo *t, const char *nat)
{
	if (!t)
		return "";
	const struct t_nat *x = nat_of(t, nat);
	/* a regional NAT gateway handles each AZ's traffic in that AZ */
	if (x && x->regional)
		return "";
	if (x && x->subnet >= 0)
		return strpool_str(t->pool, t->subnets[x->subnet].az_s);
	/* a NAT gateway known only from its ENI's description (no
	 * describe-nat-gateways output): the ENI's subnet */
	uint32_t id = strpool_find(t->pool, nat, strlen(nat));
	for (int i = 0; id && i < t->nenis; i++)
		if (t->enis[i].nat_s == id && t->enis[i].subnet >= 0)
			return strpool_str(t->pool, t->subnets[t->enis[i].subnet].az_s);
	return "";
}

/* How many AZs the subnets of VPC v are in (0 for none known). */
static int vpc_azs(const struct topo *t, int v)
{
	int n = 0;
	for (int i = 0; v >= 0 && i < t->nsubnets; i++) {
		const struct t_subnet *x = &t->subnets[i];
		if (x->vpc != v || !x->az_s)
			continue;
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = t->subnets[j].vpc == v && t->subnets[j].az_s == x->az_s;
		n += !seen;
	}
	return n;
}

/* Is nat a regional NAT gateway of the topology (AvailabilityMode
 * regional)? */
static int nat_regional(const struct topo *t, const char *nat)
{
	const struct t_nat *x = nat_of(t, nat);
	return x && x->regional;
}

static int nat_from_eni(const struct nat_costs *nc, const char *nat);

/* Does route table rt send to a NAT gateway costed from its ENI records? */
static int rt_nat_logged(const struct topo *t, const struct nat_costs *nc, int rt)
{
	const struct t_rtable *tab = &t->rtables[rt];
	for (int k = 0; k < tab->nroutes; k++)
		if (tab->routes[k].kind == TGT_NAT &&
		    nat_from_eni(nc, strpool_str(t->pool, tab->routes[k].target_s)))
			return 1;
	return 0;
}

/* The endpoint service name of a gateway endpoint service code (S3 or
 * DYNAMODB): com.amazonaws.REGION.<this>. */
static const char *gateway_service(const char *svc)
{
	return strcmp(svc, "S3") == 0 ? "s3" : "dynamodb";
}

/* The pool id of s ("" is 0); 0 with *absent set when the topology
 * never names a non-empty s. */
static uint32_t pool_id(const struct topo *t, const char *s, int *absent)
{
	uint32_t id = strpool_find(t->pool, s, strlen(s));
	if (!id && s[0])
		*absent = 1;
	return id;
}

/* Whether an interface endpoint has a subnet in AZ az; yes when its
 * subnets are not given or not in the topology (nothing says otherwise). */
static int endpoint_in_az(const struct topo *t, const struct t_endpoint *ep, const char *az)
{
	int known = 0;
	for (int k = 0; k < ep->nsubnets; k++) {
		int sn = topo_index_of(t, ep->subnet_s[k], OBJ_SUBNET);
		if (sn < 0 || !t->subnets[sn].az_s)
			continue;
		known = 1;
		if (strcmp(strpool_str(t->pool, t->subnets[sn].az_s), az) == 0)
			return 1;
	}
	return !known;
}

/* The first endpoint at or after index from of the given type, VPC and
 * service (and service region, when region is not NULL); -1 when none. */
static int endpoint_of(const struct topo *t, int from, enum ep_type type, const char *vpc,
		       const char *svc, const char *region)
{
	if (!t)
		return -1;
	int absent = 0;
	uint32_t v = pool_id(t, vpc, &absent), s = pool_id(t, svc, &absent);
	uint32_t r = region ? pool_id(t, region, &absent) : 0;
	return absent ? -1 : topo_endpoint_next(t, from, type, v, s, region ? &r : NULL);
}

/* Whether route table rt (an index, -1 unknown) routes to a gateway
 * endpoint of svc in vpc (topo_rtable_routes_to_gateway). Its routes
 * decide: an endpoint's RouteTableIds naming a table without that route
 * is a stale description. */
static int routes_to_gateway_endpoint(const struct topo *t, int rt, const char *vpc, const char *svc)
{
	int absent = 0;
	uint32_t v = t ? pool_id(t, vpc, &absent) : 0, s = t ? pool_id(t, svc, &absent) : 0;
	return t && !absent && topo_rtable_routes_to_gateway(t, rt, v, s);
}

/* Service codes of ip-ranges / pkt-*-aws-service that no interface
 * endpoint serves: global edge services, the public addresses of EC2,
 * and API Gateway's public addresses, which serve public APIs (an
 * execute-api endpoint reaches private APIs only, and with its private
 * DNS on, the VPC's calls to public APIs fail). */
static int has_interface_endpoint(const char *svc)
{
	static const char *const none[] = {
		"EC2", "CLOUDFRONT", "CLOUDFRONT_ORIGIN_FACING", "GLOBALACCELERATOR", "ROUTE53",
		"ROUTE53_HEALTHCHECKS", "ROUTE53_HEALTHCHECKS_PUBLISHING", "CHIME_MEETINGS",
		"CHIME_VOICECONNECTOR", "WORKSPACES_GATEWAYS", "AMAZON", "API_GATEWAY",
	};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (strcmp(none[i], svc) == 0)
			return 0;
	return 1;
}

/* Money leaves out REJECT records (paths.md 4); records of a layout
 * without action are priced as accepted. */
static int priced(const struct agg_row *r)
{
	return r->k.action != FL_REJECT;
}

static int is_nat_path(int p)
{
	return p == PATH_NAT_AWS || p == PATH_NAT_INTERNET;
}

static int cmp_recs(const void *pa, const void *pb)
{
	const struct rec_row *a = pa, *b = pb;
	if (a->savings_usd != b->savings_usd)
		return a->savings_usd > b->savings_usd ? -1 : 1;
	int c;
	if ((c = strcmp(a->vpc, b->vpc)) || (c = strcmp(a->action, b->action)) ||
	    (c = strcmp(a->service, b->service)) || (c = strcmp(a->target, b->target)))
		return c;
	return 0;
}

static size_t natsvc_slot(const struct rin *in, uint32_t nat, uint32_t svc, uint32_t reg)
{
	uint64_t h = ((uint64_t)nat * 0x9e3779b97f4a7c15ULL) ^ ((uint64_t)svc * 0xc4ceb9fe1a85ec53ULL) ^
		     ((uint64_t)reg * 0xff51afd7ed558ccdULL);
	size_t i = (size_t)(h >> 32) & (in->ns_slots - 1);
	for (;; i = (i + 1) & (in->ns_slots - 1)) {
		uint32_t e = in->ns_ix[i];
		if (!e || (in->ns[e - 1].nat == nat && in->ns[e - 1].service == svc &&
			   in->ns[e - 1].region == reg))
			return i;
	}
}

static void natsvc_build(struct rin *in)
{
	in->ns_slots = 64;
	while (in->ns_slots < 2 * in->nrows)
		in->ns_slots *= 2; /* at most one entry per row: never full */
	in->ns_ix = xcalloc(in->ns_slots, sizeof(*in->ns_ix));
	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		uint32_t via = r->k.s[AGG_VIA], svc = r->k.s[AGG_SERVICE], reg = r->k.s[AGG_SERVICE_REGION];
		int eni = r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_INTERNET;
		int wl = r->k.vantage == VANTAGE_WORKLOAD;
		if ((!eni && !wl) || !is_nat_path(r->k.path) || !priced(r) || !via)
			continue;
		size_t slot = natsvc_slot(in, via, svc, reg);
		if (!in->ns_ix[slot]) {
			in->ns = xrealloc(in->ns, (in->nns + 1) * sizeof(*in->ns));
			struct natsvc *x = &in->ns[in->nns++];
			memset(x, 0, sizeof(*x));
			x->nat = via;
			x->service = svc;
			x->region = reg;
			in->ns_ix[slot] = (uint32_t)in->nns;
		}
		struct natsvc *x = &in->ns[in->ns_ix[slot] - 1];
		if (eni)
			x->eni = sat_add(x->eni, r->v.bytes);
		else
			x->wl = sat_add(x->wl, r->v.bytes);
	}
}

static int subnat_cmp(const void *x, const void *y)
{
	const struct subnat *a = x, *b = y;
	if (a->vpc != b->vpc)
		return a->vpc < b->vpc ? -1 : 1;
	if (a->subnet != b->subnet)
		return a->subnet < b->subnet ? -1 : 1;
	if (a->service != b->service)
		return a->service < b->service ? -1 : 1;
	if (a->service_region != b->service_region)
		return a->service_region < b->service_region ? -1 : 1;
	if (a->direction != b->direction)
		return a->direction < b->direction ? -1 : 1;
	return a->nat < b->nat ? -1 : a->nat > b->nat;
}

/* The service of a subnat key that matches any: a NAT ENI's vpc-side
 * records without pkt-dstaddr name no service (nat-unattributed). */
#define SUBNAT_ANY UINT32_MAX

/* The key of a row, the NAT gateway left 0, its service any when `any`; a
 * NAT ENI's vpc side sees the workload's egress as ingress. */
static struct subnat subnat_key(const struct agg_row *r, int any)
{
	uint32_t d = r->k.direction;
	if (r->k.vantage == VANTAGE_NAT)
		d = d == DIR_INGRESS ? DIR_EGRESS : d == DIR_EGRESS ? DIR_INGRESS : d;
	return (struct subnat){r->k.s[AGG_VPC], r->k.s[AGG_SUBNET], any ? SUBNAT_ANY : r->k.s[AGG_SERVICE],
			       any ? SUBNAT_ANY : r->k.s[AGG_SERVICE_REGION], d, 0, 0, 0};
}

static void subnat_build(struct rin *in)
{
	size_t n = 0;
	in->sn = xmalloc((2 * in->nrows + 1) * sizeof(*in->sn)); /* two entries a row at most */
	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		int nv = r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_VPC;
		int wl = r->k.vantage == VANTAGE_WORKLOAD && is_nat_path(r->k.path);
		if ((!nv && !wl) || !priced(r) || !agg_str(in->agg, r->k.s[AGG_SUBNET])[0] ||
		    !agg_str(in->agg, r->k.s[AGG_VIA])[0])
			continue;
		/* vpc-side rows under their service, or any when they name
		 * none; workload rows under both, as either may take them */
		for (int any = 0; any < 2; any++) {
			if (nv && any != (r->k.path == PATH_NAT_UNATTRIBUTED))
				continue;
			struct subnat x = subnat_key(r, any);
			x.nat = r->k.s[AGG_VIA];
			x.nv = nv ? r->v.bytes : 0;
			x.wl = wl ? r->v.bytes : 0;
			in->sn[n++] = x;
		}
	}
	if (n)
		qsort(in->sn, n, sizeof(*in->sn), subnat_cmp);
	/* one entry per key */
	in->nsn = 0;
	for (size_t i = 0; i < n; i++) {
		struct subnat *last = in->nsn ? &in->sn[in->nsn - 1] : NULL;
		if (last && subnat_cmp(last, &in->sn[i]) == 0) {
			last->nv = sat_add(last->nv, in->sn[i].nv);
			last->wl = sat_add(last->wl, in->sn[i].wl);
		} else {
			in->sn[in->nsn++] = in->sn[i];
		}
	}
	/* a gateway's workload bytes that its vpc side shows under their
	 * service are accounted for there: not again among any service's */
	for (size_t i = 0; i < in->nsn; i++) {
		const struct subnat *e = &in->sn[i];
		if (e->service == SUBNAT_ANY || !e->wl || !e->nv)
			continue;
		struct subnat key = *e;
		key.service = key.service_region = SUBNAT_ANY;
		const struct subnat *hit = bsearch(&key, in->sn, in->nsn, sizeof(*in->sn), subnat_cmp);
		if (hit) {
			struct subnat *any = &in->sn[hit - in->sn];
			uint64_t done = e->nv < e->wl ? e->nv : e->wl;
			any->wl = any->wl > done ? any->wl - done : 0;
		}
	}
	in->moved = xcalloc(in->nrows ? in->nrows : 1, sizeof(*in->moved));
}

static struct nat_cost *nat_find_mut(struct nat_costs *nc, const char *nat);

/* The NAT gateways costed from workload records send through them, by
 * the route tables, bytes of subnets whose traffic other gateways' ENI
 * records show on their vpc side beyond what those subnets' workload
 * records send through them (the routes changed since the topology was
 * described): so much of them is moved to those gateways, row by row in
 * the rows' order, so that no byte counts at two gateways. */
static void subnat_moves(const struct rin *in, struct nat_costs *nc)
{
	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		const char *via = agg_str(in->agg, r->k.s[AGG_VIA]);
		if (r->k.vantage != VANTAGE_WORKLOAD || !is_nat_path(r->k.path) ||
		    !priced(r) || !via[0] || nat_from_eni(nc, via))
			continue;
		/* the group of the same subnet, service and direction, then
		 * that of vpc-side records naming no service */
		uint64_t want = r->v.bytes;
		for (int any = 0; any < 2 && want; any++) {
			struct subnat key = subnat_key(r, any);
			size_t lo = 0, hi = in->nsn;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (subnat_cmp(&in->sn[mid], &key) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t g = lo; want && g < in->nsn; g++) {
				struct subnat *y = &in->sn[g];
				struct subnat k = *y;
				k.nat = 0;
				if (subnat_cmp(&k, &key) != 0)
					break;
				struct nat_cost *to = nat_find_mut(nc, agg_str(in->agg, y->nat));
				if (!to || !to->from_eni || y->nv <= y->wl)
					continue;
				uint64_t take = y->nv - y->wl < want ? y->nv - y->wl : want;
				y->wl += take; /* now accounted for */
				want -= take;
				in->moved[i] += take;
				to->moved_in = sat_add(to->moved_in, take);
			}
		}
		/* the row's own gateway has its entry (nat_pass: a workload
		 * row of it) */
		struct nat_cost *from = in->moved[i] ? nat_find_mut(nc, via) : NULL;
		if (from)
			from->moved_bytes = sat_add(from->moved_bytes, in->moved[i]);
	}
}

/* Whether the NAT gateway of row r (its via) shows any of r's service in
 * r's service region in its own ENI records. */
static int natsvc_seen(const struct rin *in, const struct agg_row *r)
{
	uint32_t e = in->ns_ix[natsvc_slot(in, r->k.s[AGG_VIA], r->k.s[AGG_SERVICE],
					    r->k.s[AGG_SERVICE_REGION])];
	return e && in->ns[e - 1].eni > 0;
}

/* The slot of NAT gateway nat in nc's index: its entry's, or the empty
 * one where it would go. */
static size_t nat_slot(const struct nat_costs *nc, const char *nat)
{
	size_t k = grp_hash(nat, "", "", "") & (nc->nix - 1);
	while (nc->ix[k] && strcmp(nc->v[nc->ix[k] - 1].nat, nat) != 0)
		k = (k + 1) & (nc->nix - 1);
	return k;
}

/* The index + 1 of NAT gateway nat's entry, 0 when it has none. */
static size_t nat_index(const struct nat_costs *nc, const char *nat)
{
	return nc->nix ? nc->ix[nat_slot(nc, nat)] : 0;
}

static const struct nat_cost *nat_find(const struct nat_costs *nc, const char *nat)
{
	size_t k = nat_index(nc, nat);
	return k ? &nc->v[k - 1] : NULL;
}

static struct nat_cost *nat_find_mut(struct nat_costs *nc, const char *nat)
{
	size_t k = nat_index(nc, nat);
	return k ? &nc->v[k - 1] : NULL;
}

/* The entry of NAT gateway nat, added (for vpc in region) when new. */
static struct nat_cost *nat_cost_get(struct nat_costs *nc, const char *nat, const char *vpc,
				     const char *region)
{
	if (2 * (nc->n + 1) > nc->nix) {
		free(nc->ix);
		nc->nix = nc->nix ? 2 * nc->nix : 64;
		nc->ix = xcalloc(nc->nix, sizeof(*nc->ix));
		for (size_t i = 0; i < nc->n; i++)
			nc->ix[nat_slot(nc, nc->v[i].nat)] = (uint32_t)(i + 1);
	}
	size_t slot = nat_slot(nc, nat);
	if (nc->ix[slot])
		return &nc->v[nc->ix[slot] - 1];
	nc->v = xrealloc(nc->v, (nc->n + 1) * sizeof(*nc->v));
	nc->ix[slot] = (uint32_t)(nc->n + 1);
	struct nat_cost *c = &nc->v[nc->n++];
	memset(c, 0, sizeof(*c));
	snprintf(c->nat, sizeof(c->nat), "%s", nat);
	snprintf(c->vpc, sizeof(c->vpc), "%s", vpc);
	snprintf(c->region, sizeof(c->region), "%s", region);
	return c;
}

/* The NAT gateways of the topology that no record went through, in VPCs
 * that some record came from: they cost their hours all the same. A
 * VPC without records is left out (its logs may simply not be here). */
static void idle_nats(const struct rin *in, struct nat_costs *nc)
{
	const struct topo *t = in->topo;
	const struct agg *a = in->agg;
	if (!t || !t->nnats || !t->nvpcs)
		return;
	unsigned char *vpc_seen = xcalloc((size_t)t->nvpcs, 1);
	uint32_t last = 0;
	for (size_t i = 0; i < in->nrows; i++) {
		uint32_t s = in->rows[i]->k.s[AGG_VPC];
		const char *vpc = agg_str(a, s);
		int v;
		if (s != last && vpc[0] && topo_find(t, vpc, strlen(vpc), &v) == OBJ_VPC)
			vpc_seen[v] = 1;
		last = s;
	}
	for (int n = 0; n < t->nnats; n++) {
		const struct t_nat *x = &t->nats[n];
		if (x->gone || x->vpc < 0 || !vpc_seen[x->vpc])
			continue;
		const char *id = strpool_str(t->pool, x->id_s);
		if (!nat_find(nc, id))
			nat_cost_get(nc, id, strpool_str(t->pool, t->vpcs[x->vpc].id_s),
				     strpool_str(t->pool, t->vpcs[x->vpc].region_s))
				->idle = 1;
	}
	free(vpc_seen);
}

static void nat_pass(const struct rin *in, struct nat_costs *nc)
{
	const struct agg *a = in->agg;
	const struct topo *t = in->topo;
	int64_t w = in->window_end - in->window_start;
	nc->v = NULL;
	nc->n = 0;
	nc->ix = NULL;
	nc->nix = 0;
	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		const char *via = agg_str(a, r->k.s[AGG_VIA]);
		int eni = r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_INTERNET;
		int wl = r->k.vantage == VANTAGE_WORKLOAD && is_nat_path(r->k.path);
		int vpc_side = r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_VPC;
		if ((!eni && !wl && !vpc_side) || !priced(r) || !via[0])
			continue;
		struct nat_cost *c = nat_cost_get(nc, via, agg_str(a, r->k.s[AGG_VPC]),
						  agg_str(a, r->k.s[AGG_REGION]));
		if (eni)
			c->eni_bytes = sat_add(c->eni_bytes, r->v.bytes);
		else if (wl)
			c->workload_bytes = sat_add(c->workload_bytes, r->v.bytes);
		else if (!agg_str(a, r->k.s[AGG_SUBNET])[0])
			/* the vpc side without a subnet: workloads in other VPCs */
			c->other_vpc_bytes = sat_add(c->other_vpc_bytes, r->v.bytes);
		else
			c->own_vpc_bytes = sat_add(c->own_vpc_bytes, r->v.bytes);
	}
	idle_nats(in, nc);
	for (size_t k = 0; k < nc->n; k++)
		nc->v[k].from_eni = nc->v[k].eni_bytes > 0;
	/* a NAT gateway costed from workload records: less the traffic that
	 * another's ENI records show from the same subnets */
	subnat_moves(in, nc);
	for (size_t k = 0; k < nc->n; k++) {
		struct nat_cost *c = &nc->v[k];
		/* the services (or internet traffic) its ENI records show none
		 * of, though the workloads sent them through it: the ENI's logs
		 * miss part of the window, and the workload records count */
		for (size_t j = 0; c->from_eni && j < in->nns; j++)
			if (!in->ns[j].eni && strcmp(agg_str(in->agg, in->ns[j].nat), c->nat) == 0)
				c->workload_only_bytes += in->ns[j].wl;
		/* and the bytes moved to it: the cap below keeps those its ENI
		 * records do show from counting twice, and counts those they
		 * do not (they have left the other gateway's cost) */
		c->workload_only_bytes = sat_add(c->workload_only_bytes, c->moved_in);
		/* never more than either side shows: records that classify the
		 * same traffic under another service (ENI records without
		 * pkt-dst-aws-service, say) must not count it twice */
		/* the workload records' bytes through it: its own, and those
		 * moved to it from gateways of stale routes */
		uint64_t wl = sat_add(c->workload_bytes, c->moved_in);
		uint64_t most = c->eni_bytes > wl ? c->eni_bytes : wl;
		if (c->eni_bytes + c->workload_only_bytes > most)
			c->workload_only_bytes = most - c->eni_bytes;
		c->monthly_gb = monthly_gb(c->from_eni ? c->eni_bytes + c->workload_only_bytes
						      : c->workload_bytes - c->moved_bytes,
					   w);
		c->processing_usd = c->monthly_gb * prices_for(in->prices, c->region, PRICE_NAT_GB, NULL);
		/* a NAT gateway the topology gives as deleted or failed costs
		 * no hours now (its records are from before) */
		const struct t_nat *x = nat_of(t, c->nat);
		if (x)
			c->gone = x->gone;
		c->hourly_usd = c->gone ? 0 : MONTH_HOURS * prices_for(in->prices, c->region, PRICE_NAT_HOUR, NULL);
		/* a regional NAT gateway: the hours of each AZ it is in (those
		 * of its addresses; one when they name none) */
		if (x && x->regional) {
			/* in automatic mode it is in every AZ where its VPC has
			 * subnets, whatever its addresses list */
			int azs = x->nazs, vazs = x->auto_zones ? vpc_azs(t, x->vpc) : 0;
			if (vazs > azs)
				azs = vazs;
			if (azs > 1)
				c->hourly_usd *= azs;
		}
		/* and its public IPv4 addresses' hours: those its addresses
		 * give, one for a public NAT gateway whose addresses say none
		 * (or that the topology lacks), none for a private one */
		if (!c->gone && !(x && x->private_nat)) {
			int ips = x && x->npublic ? x->npublic : 1;
			c->hourly_usd += MONTH_HOURS * ips * prices_for(in->prices, c->region, PRICE_PUBLIC_IPV4_HOUR, NULL);
		}
	}
}

static int nat_from_eni(const struct nat_costs *nc, const char *nat)
{
	const struct nat_cost *c = nat_find(nc, nat);
	return c ? c->from_eni : 0;
}

static void cost_source(struct rec_row *x, const struct grp *g)
{
	if (g->flags & 4) {
		snprintf(x->cost_source, sizeof(x->cost_source), "%s",
			 g->bytes_nat_eni ? "nat-gateway-eni" : "workload");
		reason_add(x, "%s",
			   " A NAT gateway's own ENI records show none of this traffic: its bytes "
			   "there are the workload records'.");
	} else if (g->bytes_nat_eni > g->bytes_other_vpcs && g->bytes_nat_wl) {
		/* the workload records are this VPC's: against the ENI's bytes
		 * less those from other VPCs' workloads */
		double gap = pct_apart(g->bytes_nat_wl, g->bytes_nat_eni - g->bytes_other_vpcs);
		snprintf(x->cost_source, sizeof(x->cost_source), "nat-gateway-eni");
		if (gap > -0.05 && gap < 0.05)
			reason_add(x, "%s",
				   " NAT bytes from the NAT gateway's own ENI records; the workload "
				   "records agree.");
		else
			reason_add(x,
				   " NAT bytes from the NAT gateway's own ENI records; the workload "
				   "records show %.1f%% %s.",
				   gap < 0 ? -gap : gap, gap < 0 ? "less" : "more");
	} else {
		snprintf(x->cost_source, sizeof(x->cost_source), "%s",
			 g->bytes_nat_eni ? "nat-gateway-eni" : g->bytes_nat_wl ? "workload" : "");
	}
}

/* Do NAT gateways of vpc serve workloads of other VPCs (vpc side rows
 * without a subnet)? */
/* The share of its NAT gateways' vpc side (all services: records
 * without pkt-* fields do not tell them apart) that workloads of other
 * VPCs sent, 0 to 1. */
static double nat_other_vpcs_share(const struct nat_costs *nc, const char *vpc)
{
	double other = 0, unlogged = 0;
	for (size_t k = 0; k < nc->n; k++) {
		const struct nat_cost *c = &nc->v[k];
		if (strcmp(c->vpc, vpc) != 0)
			continue;
		other += (double)c->other_vpc_bytes;
		/* the VPC's own senders that its workload records lack, per
		 * gateway whose vpc side is logged: what that side shows from
		 * the VPC's subnets beyond the workload records through it */
		double wl = (double)c->workload_bytes - (double)c->moved_bytes + (double)c->moved_in;
		if ((double)c->own_vpc_bytes > wl)
			unlogged += (double)c->own_vpc_bytes - wl;
	}
	return other > 0 ? other / (other + unlogged) : 0;
}

/* A row of service traffic some of whose region was taken to be the
 * VPC's own (service_rules) says so. */
static void region_note(struct rec_row *x, const struct topo *t, const struct grp *g)
{
	if (g->flags & 2)
		reason_add(x, " Some of it has no known region (%s): assumed to be %s.",
			   t && t->have_ranges ? "pkt-dst-aws-service names the service of "
						 "addresses outside ip-ranges"
					       : "no --ip-ranges",
			   g->region);
}

/* part's share of of, 0 to 1 (0 when either is 0). */
static double share_of(uint64_t part, uint64_t of)
{
	if (!part || !of)
		return 0;
	return part >= of ? 1 : (double)part / (double)of;
}

/* NAT64's share (0 to 1) of a group's NAT traffic: of its workload
 * records when it has any (its bytes may be the NAT ENIs' records,
 * another count), else of its bytes. */
static double nat64_share(const struct grp *g)
{
	return share_of(g->bytes_nat64, g->bytes_nat_wl ? g->bytes_nat_wl : g->bytes);
}

/* The share (0 to 1) of a group's NAT traffic that the NAT gateways'
 * vpc side shows coming from workloads in other VPCs (through a transit
 * gateway: centralized egress). */
static double other_vpcs_share(const struct grp *g)
{
	return share_of(g->bytes_other_vpcs, g->bytes_nat_vpc);
}

/* An interface endpoint row whose NAT traffic is partly NAT64 (IPv6
 * workloads) says what an endpoint needs to carry that: ep, an existing
 * endpoint (-1 none), when it carries IPv6 already. */
static void nat64_note(struct rec_row *x, const struct topo *t, int ep, const struct grp *g,
		       int64_t w)
{
	if (!g->bytes_nat64)
		return;
	uint64_t b = (uint64_t)((double)g->bytes * nat64_share(g));
	if (ep >= 0 && (t->endpoints[ep].families & EP_IPV6) && t->endpoints[ep].dns_records == EP_IPV4)
		reason_add(x, " %.2f GB/month of it comes from IPv6 workloads by NAT64 "
			      "(64:ff9b::/96), though the endpoint carries IPv6: its DNS records are IPv4 "
			      "only (DnsRecordIpType ipv4); with dualstack its names resolve to IPv6 "
			      "addresses too.",
			   monthly_gb(b, w));
	else if (ep >= 0 && (t->endpoints[ep].families & EP_IPV6) && (t->endpoints[ep].dns_records & EP_IPV6))
		reason_add(x, " %.2f GB/month of it comes from IPv6 workloads by NAT64 "
			      "(64:ff9b::/96), though the endpoint carries IPv6 and its DNS records have "
			      "IPv6 addresses: %s",
			   monthly_gb(b, w),
			   t->endpoints[ep].private_dns == 0
				   ? "its private DNS is off (PrivateDnsEnabled false), so the service's "
				     "public name resolves, by DNS64, to the NAT gateway."
			   : t->endpoints[ep].private_dns == 1
				   ? "do those workloads ask another resolver than the VPC's (a DNS64 one "
				     "answers the service's public name)?"
				   : "is its private DNS off, or do those workloads ask another resolver "
				     "(a DNS64 one answers the service's public name)?");
	else if (ep >= 0 && (t->endpoints[ep].families & EP_IPV6))
		reason_add(x, " %.2f GB/month of it comes from IPv6 workloads by NAT64 "
			      "(64:ff9b::/96), though the endpoint carries IPv6: are its DNS records "
			      "IPv4 only (DnsRecordIpType)?",
			   monthly_gb(b, w));
	else if (ep >= 0)
		reason_add(x, " %.2f GB/month of it comes from IPv6 workloads by NAT64 "
			      "(64:ff9b::/96), which the endpoint, IPv4 only, does not carry: that needs "
			      "it changed to IpAddressType dualstack and DnsRecordIpType dualstack, in "
			      "subnets with IPv6 CIDRs. The records do not tell whether the workloads "
			      "can use it so, so that traffic stays at the NAT gateway's rate in the new "
			      "cost.",
			   monthly_gb(b, w));
	else
		reason_add(x, " %.2f GB/month of it comes from IPv6 workloads by NAT64 "
			      "(64:ff9b::/96), which %s carries only over IPv6 (IpAddressType "
			      "dualstack, DnsRecordIpType dualstack, so that its names resolve to "
			      "IPv6 addresses).",
			   monthly_gb(b, w), ep >= 0 ? "the endpoint" : "an endpoint");
}

/* The internet gateways a group's internet gateway senders used, as a
 * reason names them; for a gateway endpoint ep (-1 none) that carries
 * IPv4 only, whose targets are IPv4 senders', an internet gateway. */
static const char *igw_name(const struct topo *t, const struct grp *g, int ep)
{
	if (ep >= 0 && !(t->endpoints[ep].families & EP_IPV6))
		return "an internet gateway";
	if (g->bytes_igw6 && g->bytes_igw6 == g->bytes_igw)
		return "an egress-only internet gateway (IPv6)";
	return g->bytes_igw6 ? "an internet gateway and an egress-only one (IPv6)" : "an internet gateway";
}

/* How the senders of a group reach an interface endpoint ie that has
 * no network interface in some of their AZs: for each such AZ, the
 * cheaper of crossing AZs to reach it (both directions charged; not for
 * what crosses to a NAT gateway in another AZ today already) and a
 * subnet there (an AZ's hours). An IPv4-only endpoint carries none of an
 * AZ's NAT64 traffic (its workload records' share): an AZ that sent only
 * NAT64 needs no way to it. */
struct reach {
	double usd, xaz, ep_hour;
	char missing[256], crossing[256], adding[256];
};

/* Fills rc and returns the share (0 to 1) of the group's NAT traffic
 * that ie does not carry: NAT64 (IPv6 workloads) when it carries IPv4
 * only. Whether those workloads could use it once it is changed to
 * dualstack the records do not tell, so that share stays at the NAT
 * gateway's rate, and so does its share of the crossing. */
static double endpoint_reach(const struct rin *in, const struct t_endpoint *ie, const struct grp *g,
			     double gb, struct reach *rc)
{
	int v4only = !(ie->families & EP_IPV6);
	memset(rc, 0, sizeof(*rc));
	rc->xaz = prices_for(in->prices, g->region, PRICE_CROSS_AZ_GB, NULL);
	rc->ep_hour = prices_for(in->prices, g->region, PRICE_IFACE_EP_HOUR, NULL);
	for (int k = 0; k < g->nazs; k++) {
		if (endpoint_in_az(in->topo, ie, g->azs[k]))
			continue;
		double v4 = 1;
		if (v4only && g->az_wl[k])
			v4 = 1 - (double)g->az_n64[k] / (double)g->az_wl[k];
		if (v4 <= 0)
			continue;
		double cross = gb * az_local_share(g, k) * v4 * 2 * rc->xaz, add = rc->ep_hour * MONTH_HOURS;
		target_add(rc->missing, sizeof(rc->missing), g->azs[k]);
		target_add(cross <= add ? rc->crossing : rc->adding, sizeof(rc->crossing), g->azs[k]);
		rc->usd += cross <= add ? cross : add;
	}
	return v4only ? nat64_share(g) : 0;
}

/* x's new cost through an existing interface endpoint ie that the NAT
 * traffic bypasses (its hours paid already): base (what stays either
 * way) + its $/GB on what it carries, the NAT's on the rest (keep), and
 * the way to it from AZs where it has no interface (rc); at most
 * current. Returns keep. */
static double through_endpoint(const struct rin *in, struct rec_row *x, const struct t_endpoint *ie,
			       const struct grp *g, double gb, double base, double nat_gb, double ep_gb,
			       struct reach *rc)
{
	double keep = endpoint_reach(in, ie, g, gb, rc);
	x->new_usd = base + gb * ep_gb * (1 - keep) + gb * keep * nat_gb + rc->usd;
	x->savings_usd = x->current_usd > x->new_usd ? x->current_usd - x->new_usd : 0;
	if (x->new_usd > x->current_usd)
		x->new_usd = x->current_usd;
	return keep;
}

/* The reason's words on the AZs where the endpoint has no interface. */
static void reach_note(struct rec_row *x, const struct reach *rc, double keep)
{
	if (!rc->missing[0] || keep >= 1)
		return;
	reason_add(x, " It has no network interface in %s: traffic from there crosses "
		      "AZs to reach it ($%.*f/GB each way; not more than today for what "
		      "crosses to a NAT gateway in another AZ already), or a subnet there "
		      "adds $%.2f/month an AZ; the cheaper is counted in the new cost, "
		      "$%.2f/month (%s%s%s%s%s).",
		   rc->missing, RATE(rc->xaz), rc->ep_hour * MONTH_HOURS, rc->usd,
		   rc->crossing[0] ? "crossing from " : "", rc->crossing,
		   rc->crossing[0] && rc->adding[0] ? "; " : "", rc->adding[0] ? "a subnet in " : "",
		   rc->adding);
}

/* Why a group's NAT traffic may bypass an interface endpoint ie of its
 * service; keep is the share the endpoint does not carry
 * (endpoint_reach). */
static const char *bypass_why(const struct t_endpoint *ie, double keep, const struct grp *g)
{
	if (other_vpcs_share(g) >= 1)
		return "its senders are in other VPCs";
	if (keep >= 1)
		return "all of it is NAT64 from IPv6 workloads, and the endpoint carries IPv4 only";
	if (ie->private_dns == 0)
		return "its private DNS is off: turn it on, or have clients name the endpoint's own "
		       "DNS names";
	if (ie->private_dns == 1)
		return "its private DNS is on: clients that use another of the service's host names, "
		       "a resolver outside the VPC, or fixed addresses?";
	return "private DNS off, or clients naming the service's public endpoint?";
}

/* An interface endpoint row (ep, an existing endpoint, or -1) whose NAT
 * traffic comes in part from other VPCs: an endpoint's private DNS
 * answers in its own VPC only. */
static void other_vpcs_note(struct rec_row *x, const struct grp *g, int ep, int64_t w)
{
	double share = other_vpcs_share(g);
	if (share <= 0)
		return;
	if (share >= 1)
		reason_add(x, " All of it comes from workloads in other VPCs, through a transit gateway "
			      "(the NAT gateway's vpc side shows them): %s's private DNS answers in this VPC "
			      "only, so their names must resolve to it too (a Route 53 private hosted zone "
			      "for the service's name associated with their VPCs, or Resolver rules), or "
			      "they need endpoints of their own; the transit gateway's charge stays either "
			      "way. nat-talkers names them.",
			   ep >= 0 ? "the endpoint" : "an endpoint");
	else
		reason_add(x, " %.2f GB/month of it comes from workloads in other VPCs, through a "
			      "transit gateway (the NAT gateway's vpc side shows them): %s's private DNS "
			      "answers in this VPC only, so for them its names must resolve to it too (a "
			      "Route 53 private hosted zone associated with their VPCs, or Resolver rules); "
			      "the transit gateway's charge stays either way. nat-talkers names them.",
			   monthly_gb((uint64_t)((double)g->bytes * share), w),
			   ep >= 0 ? "the endpoint" : "an endpoint");
}

/* The AZs whose traffic an existing interface endpoint ep would carry,
 * into x's target: not those that sent only NAT64 (IPv6 workloads) when
 * it carries IPv4 only. */
static void endpoint_targets(struct rec_row *x, const struct topo *t, int ep, const struct grp *g)
{
	for (int k = 0; k < g->nazs; k++)
		if ((t->endpoints[ep].families & EP_IPV6) || !g->az_wl[k] || g->az_n64[k] < g->az_wl[k])
			target_add(x->target, sizeof(x->target), g->azs[k]);
}

/* What a new interface endpoint in the AZs that sent a group's traffic
 * (one when none is known; *naz their number) costs by the hour, a
 * month. */
static double new_endpoint_hours(const struct rin *in, const struct grp *g, int *naz)
{
	*naz = g->nazs ? g->nazs : 1;
	return prices_for(in->prices, g->region, PRICE_IFACE_EP_HOUR, NULL) * MONTH_HOURS * *naz;
}

/* Services (ip-ranges' and pkt-dst-aws-service's names) whose interface
 * endpoints reach them in another region (AWS PrivateLink's cross-region
 * connectivity for AWS services). Of those AWS lists, ECR, KMS, ECS,
 * Lambda, Data Firehose and Managed Service for Apache Flink have no
 * ranges of their own (AMAZON), and IAM and Route 53 are global: S3 is
 * the one flowpath can tell. */
static int cross_region_endpoint(const char *svc)
{
	return strcmp(svc, "S3") == 0;
}

/* Rule 3: NAT traffic to a service in another region (g->other). No
 * gateway endpoint carries it, nor an interface endpoint of most
 * services; an interface endpoint of a service that has cross-region
 * ones does, at its own $/GB and hours, the transfer between regions
 * staying as it is. */
static void cross_region_row(const struct rin *in, struct recs *out, const struct grp *g, double gb,
			     double nat_gb, int64_t w)
{
	const struct topo *t = in->topo;
	const char *svc = g->service;
	struct rec_row *x = new_row(out, in, g->vpc, g->region, "cross-region-service-traffic", svc);
	snprintf(x->target, sizeof(x->target), "%s", g->other);
	/* inter-region transfer, which the sending region charges: what goes
	 * out at the VPC region's rate, what comes back at the service
	 * region's */
	double ir_out = prices_for(in->prices, g->region, PRICE_INTER_REGION_GB, NULL);
	double ir_back = prices_for(in->prices, g->other, PRICE_INTER_REGION_GB, NULL);
	double gb_back = monthly_gb(g->bytes_in, w);
	double transfer = (gb - gb_back) * ir_out + gb_back * ir_back;
	x->observed_bytes = g->bytes;
	x->monthly_gb = gb;
	x->current_usd = gb * nat_gb + transfer;
	x->new_usd = x->current_usd;
	x->savings_usd = 0;
	reason(x, "%s reaches %s in %s through a NAT gateway, paying NAT processing ($%.*f/GB) and "
		  "inter-region transfer: $%.*f/GB on the %.2f GB/month sent from %s, $%.*f/GB on the "
		  "%.2f GB/month sent back from %s.",
	       g->vpc, svc, g->other, RATE(nat_gb), RATE(ir_out), gb - gb_back, g->region, RATE(ir_back),
	       gb_back, g->other);
	if (!cross_region_endpoint(svc)) {
		if (strcmp(svc, "S3") == 0 || strcmp(svc, "DYNAMODB") == 0)
			reason_add(x, " Gateway endpoints only serve their own region, so none can carry "
				      "this; move or replicate the data into %s to stop paying both.",
				   g->region);
		else
			reason_add(x, " Its interface endpoints serve their own region only, so none in "
				      "%s can carry this; reach it in %s (move the workload or the "
				      "resource) to stop paying both.",
				   g->region, g->region);
		cost_source(x, g);
		return;
	}
	double ep_gb = prices_for(in->prices, g->region, PRICE_IFACE_EP_GB, NULL);
	int ep = endpoint_of(t, 0, EP_INTERFACE, g->vpc, svc, g->other);
	if (ep >= 0) {
		/* the VPC has one for that region, paid for by the hour: the
		 * NAT traffic bypasses it */
		const struct t_endpoint *ie = &t->endpoints[ep];
		struct reach rc;
		double keep = through_endpoint(in, x, ie, g, gb, transfer, nat_gb, ep_gb, &rc);
		reason_add(x, " Interface endpoint %s serves %s in %s from the VPC (cross-region), but "
			      "the traffic bypasses it (%s). Through it, whose hourly charge is paid "
			      "already, it would cost $%.*f/GB instead of the NAT's, the transfer "
			      "between regions staying the same.",
			   strpool_str(t->pool, ie->id_s), svc, g->other,
			   bypass_why(ie, keep, g), RATE(ep_gb));
		reach_note(x, &rc, keep);
		other_vpcs_note(x, g, ep, w);
		nat64_note(x, t, ep, g, w);
	} else {
		/* a new one in each AZ that sent it, as for rule 2 */
		int naz;
		double fixed = new_endpoint_hours(in, g, &naz);
		double save = gb * (nat_gb - ep_gb) - fixed;
		char name[128];
		snprintf(name, sizeof(name), "com.amazonaws.%s.%s", g->other, gateway_service(svc));
		if (save > 0) {
			x->new_usd = x->current_usd - save;
			x->savings_usd = save;
			reason_add(x, " Gateway endpoints only serve their own region, but an interface "
				      "endpoint for %s in this VPC reaches it (AWS PrivateLink's "
				      "cross-region connectivity): in %d AZ%s it costs $%.*f/GB plus "
				      "$%.2f/month instead of the NAT's $%.*f/GB, the transfer between "
				      "regions staying the same: net saving $%.2f/month.",
				   name, naz, naz > 1 ? "s" : "", RATE(ep_gb), fixed, RATE(nat_gb), save);
		} else if (nat_gb > ep_gb)
			reason_add(x, " Gateway endpoints only serve their own region; an interface "
				      "endpoint for %s in this VPC reaches it (AWS PrivateLink's "
				      "cross-region connectivity), but in %d AZ%s ($%.2f/month fixed) it "
				      "pays off only above %.1f GB/month: not counted now.",
				   name, naz, naz > 1 ? "s" : "", fixed, fixed / (nat_gb - ep_gb));
		else
			reason_add(x, " Gateway endpoints only serve their own region; an interface "
				      "endpoint for %s in this VPC reaches it (AWS PrivateLink's "
				      "cross-region connectivity), but at $%.*f/GB plus $%.2f/month it never "
				      "pays off at these prices.",
				   name, RATE(ep_gb), fixed);
		reason_add(x, " Moving or replicating the data into %s stops paying both.", g->region);
		other_vpcs_note(x, g, -1, w);
		nat64_note(x, t, -1, g, w);
	}
	cost_source(x, g);
}

/* The VPCs that, by the topology, send their IPv4 default route to a
 * transit gateway that vpc is attached to, from route tables that serve
 * workloads (topo_rtable_serves_workloads), with those tables (the
 * likely senders of centralized egress), into buf: "vpc-a (account 1:
 * rtb-1, rtb-2); vpc-b (...)", 3 tables a VPC and 8 VPCs at most, then
 * how many more. A table already routing to a gateway endpoint of svc in
 * its VPC is left out (its svc traffic stays there). Returns how many
 * VPCs. */
static int egress_spokes(const struct topo *t, const char *vpc, const char *svc, char *buf, size_t len)
{
	int absent = 0, n = 0;
	buf[0] = '\0';
	if (!t)
		return 0;
	uint32_t v = pool_id(t, vpc, &absent), sv = pool_id(t, svc, &absent);
	if (absent)
		return 0;
	for (int k = 0; k < t->nvpcs; k++) {
		uint32_t other = t->vpcs[k].id_s;
		if (other == v || topo_index_of(t, other, OBJ_VPC) != k)
			continue;
		char tabs[320] = "";
		int ntabs = 0;
		for (int i = 0; i < t->nrtables; i++) {
			const struct t_rtable *rt = &t->rtables[i];
			if (rt->vpc_s != other || topo_rtable_routes_to_gateway(t, i, other, sv) ||
			    !topo_rtable_serves_workloads(t, i))
				continue;
			int to_hub = 0;
			for (int r = 0; r < rt->nroutes && !to_hub; r++) {
				const struct t_route *ro = &rt->routes[r];
				to_hub = !ro->pl_s && ro->dst.plen == 0 && ro->dst.a.family == 4 &&
					 ro->kind == TGT_TGW && !ro->blackhole && topo_tgw_attached(t, ro->target_s, v);
			}
			if (!to_hub)
				continue;
			size_t o = strlen(tabs);
			if (ntabs < 3)
				snprintf(tabs + o, sizeof(tabs) - o, "%s%s", ntabs ? ", " : "",
					 strpool_str(t->pool, rt->id_s));
			else if (ntabs == 3)
				snprintf(tabs + o, sizeof(tabs) - o, ", ...");
			ntabs++;
		}
		if (!ntabs || n++ >= 8)
			continue;
		size_t o = strlen(buf);
		const char *owner = t->vpcs[k].owner_s ? strpool_str(t->pool, t->vpcs[k].owner_s) : "";
		snprintf(buf + o, len - o, "%s%s (%s%s%s%s)", o ? "; " : "", strpool_str(t->pool, other),
			 owner[0] ? "account " : "", owner, owner[0] ? ": " : "", tabs);
	}
	if (n > 8) {
		size_t o = strlen(buf);
		snprintf(buf + o, len - o, "; and %d more", n - 8);
	}
	return n;
}

/* Rules 1-3: service traffic through NAT (and IGW), grouped per VPC and
 * service (other = service region). */
static void service_rules(const struct rin *in, const struct nat_costs *nc, struct recs *out)
{
	const struct agg *a = in->agg;
	const struct topo *t = in->topo;
	struct grps gs = {0};
	int64_t w = in->window_end - in->window_start;
	/* per VPC, the route tables of the subnets its NAT gateways' vpc
	 * sides show sending anything: the targets of an endpoint row whose
	 * senders no record names (records without pkt-* fields) */
	struct grps vs = {0};

	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		const char *svc = agg_str(a, r->k.s[AGG_SERVICE]);
		const char *via = agg_str(a, r->k.s[AGG_VIA]);
		/* what each table sent through a NAT gateway, whatever the
		 * service: not through a private one, which reaches private
		 * networks and no AWS service */
		if (priced(r) && r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_VPC &&
		    agg_str(a, r->k.s[AGG_SUBNET])[0] && !nat_private(t, via)) {
			uint32_t rt = rt_of_subnet(t, agg_str(a, r->k.s[AGG_SUBNET]), agg_str(a, r->k.s[AGG_VPC]));
			if (rt)
				grp_add_rt(grp_get(&vs, agg_str(a, r->k.s[AGG_VPC]), "", "", ""), rt, 0, r->v.bytes);
		}
		if (!priced(r) || !svc[0])
			continue;
		int nat_eni = r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_INTERNET &&
			      r->k.path == PATH_NAT_AWS;
		int nat_vpc = r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_VPC &&
			      r->k.path == PATH_NAT_AWS;
		int wl_nat = r->k.vantage == VANTAGE_WORKLOAD && r->k.path == PATH_NAT_AWS;
		int wl_igw = r->k.vantage == VANTAGE_WORKLOAD && r->k.path == PATH_IGW_AWS;
		if (!nat_eni && !nat_vpc && !wl_nat && !wl_igw)
			continue;
		/* without ip-ranges a service named by pkt-dst-aws-service has no
		 * region: taken as the VPC's own, and said so */
		const char *sreg = agg_str(a, r->k.s[AGG_SERVICE_REGION]);
		const char *vreg = agg_str(a, r->k.s[AGG_REGION]);
		/* AMAZON's row names no region (log-pkt-dst-aws-service): one
		 * group a VPC, whatever regions ip-ranges gives its addresses */
		const char *other = strcmp(svc, "AMAZON") == 0 ? "" : sreg[0] ? sreg : vreg;
		struct grp *g = grp_get(&gs, agg_str(a, r->k.s[AGG_VPC]), svc, other, "");
		snprintf(g->region, sizeof(g->region), "%s", vreg);
		if (!sreg[0])
			g->flags |= 2; /* region assumed */
		int eni_src = (nat_eni || nat_vpc || wl_nat) && nat_from_eni(nc, via);
		if (nat_eni)
			g->bytes_nat_eni = sat_add(g->bytes_nat_eni, r->v.bytes);
		if (wl_nat)
			g->bytes_nat_wl = sat_add(g->bytes_nat_wl, r->v.bytes);
		int nat64 = wl_nat && r->k.side == SIDE_NAT64;
		if (nat64)
			g->bytes_nat64 = sat_add(g->bytes_nat64, r->v.bytes);
		if (wl_igw)
			g->bytes_igw = sat_add(g->bytes_igw, r->v.bytes);
		if (wl_igw && strncmp(via, "eigw-", 5) == 0)
			g->bytes_igw6 = sat_add(g->bytes_igw6, r->v.bytes);
		/* money: the NAT ENI's internet side when that NAT has one, else
		 * the workload records; and those too when the ENI's records
		 * show none of this service (docs/reports.md) */
		int sum = (nat_eni && eni_src) || (wl_nat && !eni_src);
		if (wl_nat && eni_src && !natsvc_seen(in, r)) {
			sum = 1;
			g->flags |= 4;
		}
		/* less what another NAT gateway's ENI records show (nat_pass) */
		uint64_t bytes = r->v.bytes - in->moved[i];
		if (sum) {
			g->bytes = sat_add(g->bytes, bytes);
			if (r->k.direction == DIR_INGRESS)
				g->bytes_in = sat_add(g->bytes_in, bytes);
		}
		/* a NAT vpc-side row without a subnet: workloads in other VPCs
		 * (centralized egress), which an endpoint here does not serve */
		if (nat_vpc && !agg_str(a, r->k.s[AGG_SUBNET])[0])
			g->bytes_other_vpcs = sat_add(g->bytes_other_vpcs, r->v.bytes);
		if (nat_vpc)
			g->bytes_nat_vpc = sat_add(g->bytes_nat_vpc, r->v.bytes);
		if (wl_nat || wl_igw || nat_vpc) {
			/* the route tables of the subnets that sent it: NAT senders
			 * in rt[], internet gateway senders in igw_rt[] */
			uint32_t rt = rt_of_subnet(t, agg_str(a, r->k.s[AGG_SUBNET]), agg_str(a, r->k.s[AGG_VPC]));
			/* NAT64 senders' tables are no target: no gateway
			 * endpoint route matches 64:ff9b::/96 */
			if (rt && wl_igw)
				grp_add_igw_rt(g, rt, r->v.bytes, strncmp(via, "eigw-", 5) == 0);
			else if (rt && !nat64)
				grp_add_rt(g, rt, wl_nat ? r->v.bytes : 0, nat_vpc ? r->v.bytes : 0);
			if (!wl_igw) {
				/* by the records that cost the NAT gateway (those of
				 * a gateway costed from its ENI, the vpc side's) */
				const char *az = agg_str(a, r->k.s[AGG_AZ]);
				const char *naz = nat_az(t, via);
				int costs = nat_vpc ? eni_src : wl_nat && sum;
				/* a NAT gateway of unknown AZ: taken as local (the
				 * dearer guess) */
				grp_add_az(g, az, costs ? r->v.bytes : 0, !naz[0] || strcmp(naz, az) == 0,
					   wl_nat ? r->v.bytes : 0, nat64 ? r->v.bytes : 0);
			}
		}
	}

	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		const char *svc = g->service;
		int s3ddb = strcmp(svc, "S3") == 0 || strcmp(svc, "DYNAMODB") == 0;
		int same_region = strcmp(g->other, g->region) == 0;
		/* a VPC whose region the topology does not tell (no subnet of
		 * it known): whether its service traffic stays in its region,
		 * and so which endpoint could carry it, is unknown; no row
		 * rather than a guess (analyze notes such VPCs) */
		if (!g->region[0] && strcmp(svc, "AMAZON") != 0)
			continue;
		double nat_gb = prices_for(in->prices, g->region, PRICE_NAT_GB, NULL);
		double gb = monthly_gb(g->bytes, w);
		/* what the target's route tables sent: the NAT senders', else
		 * (no NAT traffic) the internet gateway senders' */
		uint64_t observed = g->bytes ? g->bytes : g->bytes_igw;
		struct rec_row *x;

		if (s3ddb && same_region) {
			/* rule 1: gateway endpoint. The NAT's bytes from workloads in
			 * other VPCs (centralized egress) are not saved by an
			 * endpoint here: a row of their own, and the endpoint row
			 * prices the rest */
			uint64_t other = g->bytes_other_vpcs < g->bytes ? g->bytes_other_vpcs : g->bytes;
			/* records without pkt-* fields do not say whose it is (the
			 * NAT's vpc side then names no service): what this VPC's
			 * workload records show through a NAT gateway is its own;
			 * when its NAT gateways serve workloads of other VPCs, the
			 * rest is theirs in their share of what the vpc sides show
			 * beyond this VPC's workload records (all of it when those
			 * show every sender of this VPC seen there); its senders
			 * through an internet gateway say nothing of the NAT
			 * gateways' */
			uint64_t known = g->bytes_nat_wl < g->bytes ? g->bytes_nat_wl : g->bytes;
			double share = !other && g->bytes > known && !g->bytes_nat_vpc
					       ? nat_other_vpcs_share(nc, g->vpc)
					       : 0;
			int guessed = share > 0;
			if (guessed)
				other = share >= 1 ? g->bytes - known
						   : (uint64_t)((double)(g->bytes - known) * share);
			uint64_t own = g->bytes - other;
			/* NAT64's part of own, by its share of the workload records
			 * (own may be the NAT ENIs' records, another count) */
			uint64_t own64 = g->bytes_nat_wl ? (uint64_t)((double)own * nat64_share(g))
							  : g->bytes_nat64 < own ? g->bytes_nat64 : own;
			if (other) {
				x = new_row(out, in, g->vpc, g->region, "gateway-endpoints-in-other-vpcs", svc);
				x->observed_bytes = other;
				x->monthly_gb = monthly_gb(other, w);
				x->current_usd = x->monthly_gb * nat_gb;
				x->new_usd = 0;
				x->savings_usd = x->current_usd;
				reason(x, "%.2f GB/month of %s traffic in %s reaches a NAT gateway of %s from "
					  "workloads in other VPCs (through a transit gateway). A gateway endpoint "
					  "is not reached through a transit gateway, so one here does not serve "
					  "them: a gateway endpoint for com.amazonaws.%s.%s in each of those "
					  "VPCs, associated with the route tables of their subnets that send "
					  "it, saves this NAT processing charge ($%.*f/GB) and the transit "
					  "gateway's (not counted here).",
				       x->monthly_gb, svc, g->region, g->vpc, g->region,
				       gateway_service(svc), RATE(nat_gb));
				char spokes[1200];
				int ns = egress_spokes(t, g->vpc, svc, spokes, sizeof(spokes));
				if (ns)
					reason_add(x, " By the topology, the VPC%s whose route tables send "
						      "0.0.0.0/0 to a transit gateway attached to %s, and not "
						      "%s to a gateway endpoint of their own: %s (nat-talkers "
						      "names the senders the records show).",
						   ns > 1 ? "s" : "", g->vpc, svc, spokes);
				if (guessed) {
					char seen[64] = "none of it";
					if (known)
						snprintf(seen, sizeof(seen), "%.2f GB/month of it",
							 monthly_gb(known, w));
					reason_add(x, " (The records lack pkt-srcaddr/pkt-dstaddr, which "
						      "would say whose it is. %s's own workload records show "
						      "%s through a NAT gateway; of the rest, this row takes "
						      "the share of other VPCs' workloads in the NAT gateways' "
						      "vpc-side traffic that those records do not show: "
						      "%.0f%%.)",
						   g->vpc, seen, share * 100);
				}
				snprintf(x->cost_source, sizeof(x->cost_source), "nat-gateway-eni");
			}
			if (!own && !g->bytes_igw)
				continue;
			int ep = endpoint_of(t, 0, EP_GATEWAY, g->vpc, svc, NULL);
			char tt[640];
			x = new_row(out, in, g->vpc, g->region,
				    ep >= 0 ? "associate-gateway-endpoint" : "create-gateway-endpoint", svc);
			/* NAT senders' route tables (unknown when NAT traffic has
			 * no sender seen); internet gateway senders' only when no
			 * NAT traffic was seen. A VPC may have several gateway
			 * endpoints of the service, each on its own route tables:
			 * a table on any of them is done. */
			int nat_rts = g->nrt || !g->nigw_rt || (own && own64 < own);
			/* no sender of its own named (only the NAT gateways' ENIs
			 * logged, without pkt-* fields): the tables of every
			 * subnet their vpc sides show */
			const struct grp *src = g;
			int guessed_rts = 0;
			if (nat_rts && !g->nrt && own > own64) {
				const struct grp *v = grp_get(&vs, g->vpc, "", "", "");
				if (v->nrt) {
					src = v;
					guessed_rts = 1;
				}
			}
			const uint32_t *rts = nat_rts ? src->rt : g->igw_rt;
			int nrts = nat_rts ? src->nrt : g->nigw_rt;
			/* associated: the table routes to the endpoint (its routes
			 * decide the path; an endpoint's RouteTableIds naming a
			 * table without that route is a stale description). What
			 * each table sent splits the NAT bytes: those of tables
			 * already associated went to addresses outside the
			 * endpoint's prefix list, which no association carries */
			uint64_t all = 0, part = 0, igw_done = 0;
			int unresolved = 0;
			for (int k = 0; k < nrts; k++) {
				int rt = topo_index_of(t, rts[k], OBJ_RTABLE);
				int assoc = routes_to_gateway_endpoint(t, rt, g->vpc, svc);
				if (assoc)
					unresolved |= t->rtables[rt].unresolved_pl > 0;
				/* IPv6 through an egress-only gateway, which an
				 * endpoint of IpAddressType ipv4 does not carry,
				 * associated or not: no reason to associate it */
				uint64_t v6 = !nat_rts && ep >= 0 && !(t->endpoints[ep].families & EP_IPV6)
						      ? g->igw_rt_b6[k]
						      : 0;
				if (!assoc && !(v6 && v6 == g->igw_rt_b[k]))
					target_add(x->target, sizeof(x->target), strpool_str(t->pool, rts[k]));
				if (!nat_rts) {
					igw_done = sat_add(igw_done, assoc ? g->igw_rt_b[k] : v6);
					continue;
				}
				/* a table by the NAT ENIs' vpc side when its NAT
				 * gateway's money is its ENI records' (they see the
				 * senders without flow logs too), else by the
				 * workload records */
				uint64_t sent = rt >= 0 && rt_nat_logged(t, nc, rt) && src->rt_nv[k]
							? src->rt_nv[k]
							: src->rt_wl[k];
				all = sat_add(all, sent);
				if (!assoc)
					part = sat_add(part, sent);
			}
			/* NAT64 traffic (IPv6 senders, 64:ff9b::/96) no gateway
			 * endpoint route matches: not saved */
			uint64_t nat64 = own64;
			uint64_t save = own - nat64;
			if (ep >= 0 && nat_rts && all && part < all)
				save = (uint64_t)((long double)save * (long double)part / (long double)all);
			/* no sender's table known at all: nothing to target */
			int no_senders = nat_rts && !nrts && save;
			if (no_senders)
				save = 0;
			uint64_t done = own - nat64 - save;
			/* internet gateway senders: what the target's tables sent.
			 * Every one's table routes to the endpoint already (IPv6
			 * traffic, which an IPv4 endpoint does not carry, or
			 * addresses outside its prefix list): nothing to
			 * associate, and no money either way, so no row */
			if (!nat_rts && igw_done >= g->bytes_igw && !own) {
				out->n--;
				continue;
			}
			/* NAT64 traffic alone through the NAT gateways, and internet
			 * gateway senders: the target is those senders' tables not
			 * yet routed to the endpoint (none: no target) */
			if (!nat_rts && igw_done >= g->bytes_igw)
				x->target[0] = 0;
			observed = save ? save : own ? own : g->bytes_igw - igw_done;
			x->observed_bytes = observed;
			x->monthly_gb = monthly_gb(observed, w);
			x->current_usd = x->monthly_gb * (own ? nat_gb : 0);
			x->new_usd = own && !save ? x->current_usd : 0;
			x->savings_usd = x->current_usd - x->new_usd;
			/* same-region S3/DynamoDB through an internet gateway is
			 * not charged per GB: nothing to save there */
			int igw = g->bytes_igw && !own;
			if (nat64 == own && own) {
				reason(x, "%s traffic to %s in %s goes through a NAT gateway by NAT64: IPv6 "
					  "workloads reach the service's IPv4 addresses as addresses in "
					  "64:ff9b::/96, which no gateway endpoint route matches. A gateway "
					  "endpoint of IpAddressType dualstack carries it if they use %s's "
					  "dual-stack (IPv6) names instead; the records do not tell whether they "
					  "can, so no saving is counted.",
				       g->vpc, svc, g->region, svc);
				if (!nat_rts && x->target[0])
					reason_add(x, " Route tables %s send %.2f GB/month of %s traffic through %s: "
						      "associate %s with them, which carries it without public "
						      "addresses; it costs nothing per GB either way.",
						   target_text(x, tt, sizeof(tt)), monthly_gb(g->bytes_igw - igw_done, w),
						   svc, igw_name(t, g, ep),
						   ep >= 0 ? strpool_str(t->pool, t->endpoints[ep].id_s)
							   : "a gateway endpoint");
			}
			else if (no_senders)
				reason(x, "%s traffic to %s in %s goes through a NAT gateway (its ENI records "
					  "show it), but no record names the senders: no workload record shows "
					  "it, and the NAT gateways' vpc side shows no sender of it in this VPC "
					  "(NAT64's IPv6 leg names none). With no route table to %s known, no "
					  "saving is counted; flow logs on the workloads' interfaces would tell.",
				       g->vpc, svc, g->region, ep >= 0 ? "associate" : "associate an endpoint with");
			else if (ep >= 0 && igw)
				reason(x, "%s traffic to %s in %s goes through %s although "
					  "gateway endpoint %s exists: associate it with route tables %s, which "
					  "carries it without public addresses; it costs nothing per GB either "
					  "way, so this saves no money.",
				       g->vpc, svc, g->region, igw_name(t, g, ep),
				       strpool_str(t->pool, t->endpoints[ep].id_s),
				       target_text(x, tt, sizeof(tt)));
			else if (ep >= 0 && own && !save && unresolved)
				/* every sender's table routes to it already */
				reason(x, "%s traffic to %s in %s goes through a NAT gateway although gateway "
					  "endpoint %s exists and the senders' route tables route to it: the "
					  "topology lacks the CIDRs of its prefix list (topology check: "
					  "prefix-list-unresolved), so the records were taken to follow other "
					  "routes. Describe the prefix list to tell; there is nothing to "
					  "associate, so no saving is counted.",
				       g->vpc, svc, g->region, strpool_str(t->pool, t->endpoints[ep].id_s));
			else if (ep >= 0 && own && !save)
				reason(x, "%s traffic to %s in %s goes through a NAT gateway although the "
					  "senders' route tables route to gateway endpoint %s: its addresses are "
					  "outside the CIDRs of the endpoint's prefix list in the topology, "
					  "though ip-ranges.json names them %s, so AWS routes them to the NAT "
					  "gateway and no association changes that (if the prefix list was "
					  "described long ago, describe it again). No saving is counted.",
				       g->vpc, svc, g->region, strpool_str(t->pool, t->endpoints[ep].id_s), svc);
			else if (ep >= 0)
				reason(x, "%s traffic to %s in %s goes through a NAT gateway although gateway "
					  "endpoint %s exists: associate it with route tables %s. Saves the NAT "
					  "processing charge ($%.*f/GB); gateway endpoints are free.",
				       g->vpc, svc, g->region, strpool_str(t->pool, t->endpoints[ep].id_s),
				       target_text(x, tt, sizeof(tt)), RATE(nat_gb));
			else {
				char tail[160];
				if (igw)
					snprintf(tail, sizeof(tail),
						 "carries it without public addresses; it costs nothing per "
						 "GB either way, so this saves no money.");
				else
					snprintf(tail, sizeof(tail),
						 "carries it for free, saving the NAT processing charge "
						 "($%.*f/GB).",
						 RATE(nat_gb));
				/* IPv6 senders need an endpoint that carries IPv6 */
				char v6[160] = "";
				if (igw && g->bytes_igw6 == g->bytes_igw)
					snprintf(v6, sizeof(v6), " of IpAddressType dualstack (the traffic is IPv6)");
				else if (igw && g->bytes_igw6)
					snprintf(v6, sizeof(v6),
						 " of IpAddressType dualstack (%.2f GB/month of it is IPv6)",
						 monthly_gb(g->bytes_igw6, w));
				reason(x, "%s sends %s traffic in its own region (%s) through %s. A gateway "
					  "endpoint for com.amazonaws.%s.%s%s associated with route tables %s %s",
				       g->vpc, svc, g->region, igw ? igw_name(t, g, -1) : "a NAT gateway",
				       g->region, gateway_service(svc), v6,
				       target_text(x, tt, sizeof(tt)), tail);
			}
			if (nat64 && nat64 < own)
				reason_add(x,
					   " Another %.2f GB/month comes from IPv6 workloads by NAT64 "
					   "(64:ff9b::/96), which no gateway endpoint route matches: not counted "
					   "here.",
					   monthly_gb(nat64, w));
			if (done && save)
				reason_add(x,
					   " Another %.2f GB/month goes through the NAT gateway from route "
					   "tables already associated with it, which no association carries: "
					   "addresses outside its prefix list, or records from before the "
					   "association (a topology newer than the logs): not counted here.",
					   monthly_gb(done, w));
			if (other)
				reason_add(x,
					   " Another %.2f GB/month reaches the NAT gateway from workloads in "
					   "other VPCs, which an endpoint here does not serve (the "
					   "gateway-endpoints-in-other-vpcs row).",
					   monthly_gb(other, w));
			if (guessed_rts)
				reason_add(x, "%s",
					   " No record names the senders (the NAT gateways' ENI records lack "
					   "pkt-* fields, and no workload record shows it): the route tables are "
					   "those of every subnet of the VPC whose traffic their vpc side shows.");
			reason_add(x, "%s", " Requests through it come from the workloads' private addresses, "
					    "not a public one: bucket, key or IAM policies that allow by "
					    "aws:SourceIp need aws:SourceVpce or aws:SourceVpc first.");
			region_note(x, t, g);
			cost_source(x, g);
			continue;
		}
		if (!g->bytes)
			continue; /* IGW-only traffic to other services costs nothing extra */
		/* rule 3: service traffic to another region (not a global
		 * service's) */
		if (!same_region && strcmp(g->other, "GLOBAL") != 0 && (s3ddb || has_interface_endpoint(svc))) {
			cross_region_row(in, out, g, gb, nat_gb, w);
			continue;
		}
		if (strcmp(svc, "AMAZON") == 0) {
			x = new_row(out, in, g->vpc, g->region, "log-pkt-dst-aws-service", svc);
			x->observed_bytes = g->bytes;
			x->monthly_gb = gb;
			x->current_usd = gb * nat_gb;
			x->new_usd = x->current_usd;
			x->savings_usd = 0;
			/* what one interface endpoint in the AZs that sent it costs
			 * by the hour, against the NAT's $/GB over the endpoint's */
			int nz;
			double e_gb = prices_for(in->prices, g->region, PRICE_IFACE_EP_GB, NULL);
			double fix = new_endpoint_hours(in, g, &nz);
			reason(x, "%.2f GB/month through a NAT gateway go to AWS addresses known only "
				  "as AMAZON (ip-ranges.json, or the records' pkt-dst-aws-service), so "
				  "the service (and whether an endpoint would carry it) is unknown: many "
				  "services without address ranges of their own (SQS, SNS, STS, ECR, "
				  "CloudWatch Logs, KMS, SSM, ...) are among them, and pkt-dst-aws-service "
				  "uses ip-ranges' names, so it tells no more. The VPC's Route 53 Resolver "
				  "query logs name the hosts.",
			       gb);
			if (nat_gb > e_gb)
				reason_add(x, " An interface endpoint for one such service (in %s%d AZ%s%s) "
					      "pays for itself above %.0f GB/month of its traffic.",
					   g->nazs ? "the " : "", nz, nz > 1 ? "s" : "",
					   g->nazs ? " that sent this" : "; which sent this is unknown",
					   fix / (nat_gb - e_gb));
			cost_source(x, g);
			continue;
		}
		if (!same_region || !has_interface_endpoint(svc))
			continue; /* global services, public EC2 addresses, other regions */
		/* rule 2: interface endpoint */
		double ep_gb = prices_for(in->prices, g->region, PRICE_IFACE_EP_GB, NULL);
		int ep = endpoint_of(t, 0, EP_INTERFACE, g->vpc, svc, g->region);
		if (ep >= 0) {
			/* the VPC has one, already paid for by the hour: the NAT
			 * traffic bypasses it */
			x = new_row(out, in, g->vpc, g->region, "use-interface-endpoint", svc);
			endpoint_targets(x, t, ep, g);
			x->observed_bytes = g->bytes;
			x->monthly_gb = gb;
			x->current_usd = gb * nat_gb;
			const struct t_endpoint *ie = &t->endpoints[ep];
			struct reach rc;
			double keep = through_endpoint(in, x, ie, g, gb, 0, nat_gb, ep_gb, &rc);
			reason(x, "%s sends %.2f GB/month to %s through a NAT gateway ($%.*f/GB) although "
				  "interface endpoint %s serves %s in the VPC: the traffic bypasses it (%s). "
				  "Through the endpoint, whose hourly charge is paid already, it would cost "
				  "$%.*f/GB.",
			       g->vpc, gb, svc, RATE(nat_gb), strpool_str(t->pool, ie->id_s), svc,
			       bypass_why(ie, keep, g), RATE(ep_gb));
			reach_note(x, &rc, keep);
			other_vpcs_note(x, g, ep, w);
			nat64_note(x, t, ep, g, w);
			region_note(x, t, g);
			cost_source(x, g);
			continue;
		}
		int naz;
		double fixed = new_endpoint_hours(in, g, &naz);
		double cur = gb * nat_gb, new = gb * ep_gb + fixed;
		x = new_row(out, in, g->vpc, g->region,
			    cur - new > 0 ? "create-interface-endpoint" : "interface-endpoint-below-break-even",
			    svc);
		for (int k = 0; k < g->nazs; k++)
			target_add(x->target, sizeof(x->target), g->azs[k]);
		x->observed_bytes = g->bytes;
		x->monthly_gb = gb;
		x->current_usd = cur;
		x->new_usd = cur - new > 0 ? new : cur;
		x->savings_usd = cur - new > 0 ? cur - new : 0;
		double be = nat_gb > ep_gb ? fixed / (nat_gb - ep_gb) : 0;
		if (cur - new > 0)
			reason(x, "%s sends %.2f GB/month to %s through a NAT gateway ($%.*f/GB). An "
				  "interface endpoint in %d AZ%s costs $%.*f/GB plus $%.2f/month: net "
				  "saving $%.2f/month.",
			       g->vpc, gb, svc, RATE(nat_gb), naz, naz > 1 ? "s" : "", RATE(ep_gb), fixed, cur - new);
		else if (nat_gb > ep_gb)
			reason(x, "%s sends %.2f GB/month to %s through a NAT gateway. An interface "
				  "endpoint in %d AZ%s ($%.2f/month fixed) pays off only above %.1f "
				  "GB/month: not recommended now.",
			       g->vpc, gb, svc, naz, naz > 1 ? "s" : "", fixed, be);
		else
			reason(x, "%s sends %.2f GB/month to %s through a NAT gateway ($%.*f/GB). An "
				  "interface endpoint in %d AZ%s costs $%.*f/GB plus $%.2f/month: it never "
				  "pays off at these prices.",
			       g->vpc, gb, svc, RATE(nat_gb), naz, naz > 1 ? "s" : "", RATE(ep_gb), fixed);
		other_vpcs_note(x, g, -1, w);
		nat64_note(x, t, -1, g, w);
		region_note(x, t, g);
		cost_source(x, g);
	}
	grps_free(&gs);
	grps_free(&vs);
}

/* Rule 4: workloads using a NAT gateway in another AZ. */
static void cross_az_rule(const struct rin *in, struct recs *out)
{
	const struct agg *a = in->agg;
	struct grps gs = {0};
	int64_t w = in->window_end - in->window_start;

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < in->nrows; i++) {
			const struct agg_row *r = in->rows[i];
			int wl = r->k.vantage == VANTAGE_WORKLOAD && is_nat_path(r->k.path);
			int nv = r->k.vantage == VANTAGE_NAT && r->k.side == SIDE_VPC;
			if (!priced(r) || (pass == 0 ? !wl : !nv))
				continue;
			const char *via = agg_str(a, r->k.s[AGG_VIA]);
			const char *az = agg_str(a, r->k.s[AGG_AZ]);
			const char *naz = nat_az(in->topo, via);
			if (!az[0] || !naz[0] || strcmp(az, naz) == 0)
				continue;
			/* the route said via, but another NAT gateway's ENI
			 * records show so much of this subnet's traffic */
			uint64_t bytes = r->v.bytes - (wl ? in->moved[i] : 0);
			if (!bytes)
				continue;
			struct grp *g = grp_get(&gs, agg_str(a, r->k.s[AGG_VPC]), "", az, via);
			if (pass == 1 && g->bytes_nat_wl)
				continue; /* workload records already cover this NAT */
			snprintf(g->region, sizeof(g->region), "%s", agg_str(a, r->k.s[AGG_REGION]));
			snprintf(g->az, sizeof(g->az), "%s", naz);
			if (pass == 0)
				g->bytes_nat_wl = sat_add(g->bytes_nat_wl, bytes);
			if (wl && r->k.side == SIDE_NAT64)
				g->bytes_nat64 = sat_add(g->bytes_nat64, bytes);
			g->bytes = sat_add(g->bytes, bytes);
		}
	}
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		double gb = monthly_gb(g->bytes, w);
		double xaz = prices_for(in->prices, g->region, PRICE_CROSS_AZ_GB, NULL);
		double hour = prices_for(in->prices, g->region, PRICE_NAT_HOUR, NULL);
		/* a public NAT gateway (or a regional one's AZ) has a public
		 * IPv4 address, billed by the hour too */
		if (!nat_private(in->topo, g->via))
			hour += prices_for(in->prices, g->region, PRICE_PUBLIC_IPV4_HOUR, NULL);
		struct rec_row *x = new_row(out, in, g->vpc, g->region, "nat-gateway-per-az", "");
		snprintf(x->target, sizeof(x->target), "%s (uses %s in %s)", g->other, g->via, g->az);
		x->observed_bytes = g->bytes;
		x->monthly_gb = gb;
		x->current_usd = gb * 2 * xaz;
		/* a private NAT gateway reaches other networks, not the
		 * internet: only another private one in the AZ replaces it */
		int priv = nat_private(in->topo, g->via);
		int hours;
		const char *local = topo_nat_in_az(in->topo, g->vpc, g->other, priv, &hours);
		/* NAT64 senders' route to it is 64:ff9b::/96's, not the default */
		const char *route = g->bytes_nat64 == g->bytes ? "64:ff9b::/96 route" : "default route";
		char fix[320];
		if (local && !hours) {
			/* the VPC has one there already: a route change, no new hours */
			x->new_usd = 0;
			x->savings_usd = x->current_usd;
			if (priv)
				snprintf(fix, sizeof(fix),
					 "Private NAT gateway %s is already in %s: point their subnets' "
					 "routes to %s at it and save $%.2f/month.",
					 local, g->other, g->via, x->savings_usd);
			else if (nat_regional(in->topo, local))
				snprintf(fix, sizeof(fix),
					 "Regional NAT gateway %s is active in %s and handles its traffic "
					 "there: route their subnets' %s to it and save $%.2f/month.",
					 local, g->other, route, x->savings_usd);
			else
				snprintf(fix, sizeof(fix),
					 "NAT gateway %s is already in %s: route their subnets' %s to it "
					 "and save $%.2f/month.",
					 local, g->other, route, x->savings_usd);
		} else {
			/* a new NAT gateway, or a regional one's hours in the AZ */
			x->new_usd = hour * MONTH_HOURS;
			x->savings_usd = x->current_usd - x->new_usd;
			char net[64];
			snprintf(net, sizeof(net), "net %s $%.2f/month", x->savings_usd >= 0 ? "saving" : "cost",
				 x->savings_usd >= 0 ? x->savings_usd : -x->savings_usd);
			if (local)
				snprintf(fix, sizeof(fix),
					 "Regional NAT gateway %s is not active in %s (no address there): "
					 "routing their subnets' %s to it adds its hours there, $%.2f/month: "
					 "%s.",
					 local, g->other, route, x->new_usd, net);
			else
				snprintf(fix, sizeof(fix), "A %sNAT gateway in %s costs $%.2f/month: %s.",
					 priv ? "private " : "", g->other, x->new_usd, net);
		}
		reason(x, "Workloads in %s use %sNAT gateway %s in %s: %.2f GB/month cross AZs, paying "
			  "$%.*f/GB at each end of the crossing, $%.*f/GB in all ($%.2f/month), and lose "
			  "%s if %s fails. %s",
		       g->other, priv ? "private " : "", g->via, g->az, gb, RATE(xaz), RATE(2 * xaz), x->current_usd,
		       priv ? "what they reach through it"
		       /* IPv6 workloads' NAT64 only: their IPv6 internet access
			* is an egress-only gateway's */
		       : g->bytes_nat64 == g->bytes ? "NAT64 (their way to IPv4 addresses)"
						     : "internet access",
		       g->az, fix);
		snprintf(x->cost_source, sizeof(x->cost_source), "%s", g->bytes_nat_wl ? "workload" : "nat-gateway-eni");
	}
	grps_free(&gs);
}

/* A VPC other than a and b, attached to transit gateway tgw, that has a
 * Gateway Load Balancer endpoint: an inspection VPC, through which the
 * transit gateway's routes may send a's and b's traffic; NULL if none. */
static const char *inspection_vpc(const struct topo *t, const char *tgw, const char *a, const char *b)
{
	uint32_t tgw_s = t ? strpool_find(t->pool, tgw, strlen(tgw)) : 0;
	for (int i = 0; tgw_s && i < t->ntgw_atts; i++) {
		const struct t_tgw_att *x = &t->tgw_atts[i];
		const char *vpc = strpool_str(t->pool, x->vpc_s);
		if (x->tgw_s != tgw_s || !x->vpc_s || strcmp(vpc, a) == 0 || strcmp(vpc, b) == 0)
			continue;
		for (int e = 0; e < t->nendpoints; e++)
			if (t->endpoints[e].type == EP_GWLB && t->endpoints[e].vpc_s == x->vpc_s)
				return vpc;
	}
	return NULL;
}

/* Rule 5: heavy transit gateway traffic between two VPCs of one region. */
static void tgw_rule(const struct rin *in, struct recs *out)
{
	const struct agg *a = in->agg;
	struct grps gs = {0};
	int64_t w = in->window_end - in->window_start;
	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		const char *rv = agg_str(a, r->k.s[AGG_REMOTE_VPC]);
		/* egress records of both ends, and the ingress of an end whose
		 * far end is an interface endpoint's ENI (row_in_totals) */
		if (r->k.vantage != VANTAGE_WORKLOAD || r->k.path != PATH_TGW ||
		    !row_in_totals(r->k.path, r->k.direction, rv[0] != 0, r->k.side) || !priced(r))
			continue;
		const char *vpc = agg_str(a, r->k.s[AGG_VPC]);
		const char *region = agg_str(a, r->k.s[AGG_REGION]);
		if (!vpc[0] || !rv[0] || strcmp(rv, REMOTE_VPC_AMBIGUOUS) == 0 ||
		    strcmp(region, agg_str(a, r->k.s[AGG_REMOTE_REGION])) != 0)
			continue;
		const char *lo = strcmp(vpc, rv) < 0 ? vpc : rv, *hi = lo == vpc ? rv : vpc;
		struct grp *g = grp_get(&gs, lo, "", hi, agg_str(a, r->k.s[AGG_VIA]));
		snprintf(g->region, sizeof(g->region), "%s", region);
		g->bytes = sat_add(g->bytes, r->v.bytes);
	}
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		double gb = monthly_gb(g->bytes, w);
		double tgw = prices_for(in->prices, g->region, PRICE_TGW_GB, NULL);
		if (gb * tgw < TGW_MIN_MONTHLY_USD)
			continue;
		struct rec_row *x = new_row(out, in, g->vpc, g->region, "peer-instead-of-transit-gateway", "");
		snprintf(x->target, sizeof(x->target), "%s<->%s", g->vpc, g->other);
		x->observed_bytes = g->bytes;
		x->monthly_gb = gb;
		x->current_usd = gb * tgw;
		x->new_usd = 0;
		x->savings_usd = x->current_usd;
		reason(x, "%s and %s exchange %.2f GB/month through transit gateway %s at $%.*f/GB. A "
			  "VPC peering connection between them has no per-GB charge within one AZ; "
			  "between AZs it pays cross-AZ transfer ($%.*f/GB each way), which transit "
			  "gateway traffic does not, so the saving is an upper bound, whole for "
			  "traffic within one AZ.",
		       g->vpc, g->other, gb, g->via, RATE(tgw),
		       RATE(prices_for(in->prices, g->region, PRICE_CROSS_AZ_GB, NULL)));
		const char *insp = inspection_vpc(in->topo, g->via, g->vpc, g->other);
		if (insp)
			reason_add(x, " But %s also attaches %s, which has Gateway Load Balancer endpoints: "
				      "if its route tables send this traffic through inspection there, a "
				      "peering connection would bypass it (keep the transit gateway where "
				      "east-west traffic must be inspected; the traffic then enters the "
				      "transit gateway twice, so today's cost is up to twice the figure).",
				   g->via, insp);
	}
	grps_free(&gs);
}

/* The fix a use-gateway-endpoint row names: associate the VPC's gateway
 * endpoint of the service with the target's tables, or say it is routed
 * from routed (when the tables are known: known), or create one; whose
 * names the tables when none is known. */
static void gateway_fix(struct rec_row *x, const struct topo *t, const struct grp *g, int known,
			const char *routed, const char *whose)
{
	char tt[640], tables[704];
	int gw = endpoint_of(t, 0, EP_GATEWAY, g->vpc, g->service, NULL);
	if (x->target[0])
		snprintf(tables, sizeof(tables), "route tables %s", target_text(x, tt, sizeof(tt)));
	else
		snprintf(tables, sizeof(tables), "the route tables of %s", whose);
	if (gw >= 0 && !x->target[0] && known)
		reason_add(x, " Gateway endpoint %s is routed from %s.", strpool_str(t->pool, t->endpoints[gw].id_s),
			   routed);
	else if (gw >= 0)
		reason_add(x, " Associate gateway endpoint %s with %s.", strpool_str(t->pool, t->endpoints[gw].id_s),
			   tables);
	else
		reason_add(x, " Create one for com.amazonaws.%s.%s associated with %s.", g->region,
			   gateway_service(g->service), tables);
}

/* A transit gateway that VPCs a and b (pool ids) are both attached to;
 * 0 if none. */
static uint32_t shared_tgw(const struct topo *t, uint32_t a, uint32_t b)
{
	for (int i = 0; t && a && b && i < t->ntgw_atts; i++)
		if (t->tgw_atts[i].vpc_s == a && topo_tgw_attached(t, t->tgw_atts[i].tgw_s, b))
			return t->tgw_atts[i].tgw_s;
	return 0;
}

/* The route a client table (index ri) takes to interface endpoint ep's
 * first ENI address; NULL when unknown. */
static const struct t_route *route_to_endpoint(const struct topo *t, int ri, const char *ep)
{
	int e, x;
	if (ri < 0 || topo_find(t, ep, strlen(ep), &e) != OBJ_ENDPOINT)
		return NULL;
	for (int k = 0; k < t->endpoints[e].nenis; k++) {
		const char *id = strpool_str(t->pool, t->endpoints[e].eni_s[k]);
		if (topo_find(t, id, strlen(id), &x) != OBJ_ENI || !t->enis[x].naddrs)
			continue;
		int r = topo_route_lookup(t, ri, &t->enis[x].addrs[0]);
		return r >= 0 ? &t->rtables[ri].routes[r] : NULL;
	}
	return NULL;
}

/* use-gateway-endpoint for the clients in VPC g->vpc of interface
 * endpoint g->via in VPC g->other (centralized endpoints): the
 * endpoint's $/GB, and a transit gateway's when the clients' route to
 * the endpoint is one (else one both VPCs attach to, when no route
 * tells), in both directions; the target, the client VPC's route tables
 * (of subnets other than transit gateway attachments', when there are
 * such) that route to no gateway endpoint of the service. */
static void far_gateway_row(const struct rin *in, struct rec_row *x, const struct grp *g, double ep_gb)
{
	const struct topo *t = in->topo;
	uint32_t client = t ? strpool_find(t->pool, g->vpc, strlen(g->vpc)) : 0;
	int *seen = NULL, nseen = 0;
	for (int pass = 0; pass < 2 && !nseen; pass++)
		for (int s = 0; client && s < t->nsubnets; s++) {
			if (t->subnets[s].vpc_s != client || (pass == 0 && t->subnets[s].attachment_only) ||
			    topo_index_of(t, t->subnets[s].id_s, OBJ_SUBNET) != s)
				continue;
			int ri = topo_rtable_of_subnet(t, s), dup = 0;
			for (int k = 0; k < nseen; k++)
				dup |= seen[k] == ri;
			if (ri < 0 || dup)
				continue;
			seen = xrealloc(seen, (size_t)(nseen + 1) * sizeof(*seen));
			seen[nseen++] = ri;
			if (!routes_to_gateway_endpoint(t, ri, g->vpc, g->service))
				target_add(x->target, sizeof(x->target), strpool_str(t->pool, t->rtables[ri].id_s));
		}
	const struct t_route *ro = nseen ? route_to_endpoint(t, seen[0], g->via) : NULL;
	free(seen);
	uint32_t tgw = ro ? (ro->kind == TGT_TGW ? ro->target_s : 0)
			  : shared_tgw(t, client, t ? strpool_find(t->pool, g->other, strlen(g->other)) : 0);
	double tgw_gb = tgw ? prices_for(in->prices, g->region, PRICE_TGW_GB, NULL) : 0;
	char via[128] = "";
	x->current_usd = x->monthly_gb * (ep_gb + tgw_gb);
	x->savings_usd = x->current_usd;
	if (tgw)
		snprintf(via, sizeof(via), ", and $%.*f/GB through transit gateway %s", RATE(tgw_gb),
			 strpool_str(t->pool, tgw));
	else if (ro && ro->kind == TGT_PCX)
		snprintf(via, sizeof(via), ", over peering connection %s", strpool_str(t->pool, ro->target_s));
	reason(x, "Interface endpoint %s in %s carries %.2f GB/month of %s traffic for clients in %s "
		  "($%.*f/GB%s, both directions, by the endpoint's own records); a gateway endpoint in "
		  "%s carries it for free.",
	       g->via, g->other, x->monthly_gb, g->service, g->vpc, RATE(ep_gb), via, g->vpc);
	if (!t)
		reason_add(x, "%s", " Without the topology (a merge without --topology) the route is "
				    "unknown: a transit gateway's $/GB on the way is not counted.");
	gateway_fix(x, t, g, nseen > 0,
		    "its route tables already: the clients reach the central endpoint by its names",
		    "its clients' subnets");
	reason_add(x, " A gateway endpoint's route serves the service's public names: where %s's "
		      "resolver answers them with the central endpoint (a Route 53 private hosted zone "
		      "associated with it, or Resolver rules), take %s's zone off %s; keep the central "
		      "endpoint for the clients a gateway endpoint does not serve (on premises, other "
		      "regions).",
		   g->vpc, g->service, g->vpc);
	if (tgw)
		reason_add(x, " A peer-instead-of-transit-gateway row for %s and %s counts this traffic's "
			      "transit gateway charge too: count it once.",
			   g->vpc, g->other);
}

/* Rule 7: the VPC's own workloads reach S3 or DynamoDB in its region
 * through an interface endpoint ($/GB), where a gateway endpoint would
 * carry them for free. The workload records say who sent it; the
 * endpoint's own ENI records hold clients outside the VPC too, which a
 * gateway endpoint does not serve. */
static void gateway_instead_rule(const struct rin *in, struct recs *out)
{
	const struct agg *a = in->agg;
	const struct topo *t = in->topo;
	struct grps gs = {0};
	int64_t w = in->window_end - in->window_start;
	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		/* the endpoint's own records of clients in another VPC of its
		 * region (centralized endpoints, over a transit gateway or
		 * peering): both directions, as the endpoint processes them */
		const char *rv = agg_str(a, r->k.s[AGG_REMOTE_VPC]);
		int far = r->k.vantage == VANTAGE_IFACE_EP && rv[0] && strcmp(rv, REMOTE_VPC_AMBIGUOUS) != 0 &&
			  strcmp(rv, agg_str(a, r->k.s[AGG_VPC])) != 0 &&
			  strcmp(agg_str(a, r->k.s[AGG_REMOTE_REGION]), agg_str(a, r->k.s[AGG_REGION])) == 0;
		if ((r->k.vantage != VANTAGE_WORKLOAD && !far) || r->k.path != PATH_INTERFACE_ENDPOINT ||
		    !priced(r))
			continue;
		const char *svc = agg_str(a, r->k.s[AGG_SERVICE]);
		const char *region = agg_str(a, r->k.s[AGG_REGION]);
		const char *sreg = agg_str(a, r->k.s[AGG_SERVICE_REGION]);
		/* a gateway endpoint serves its own region only */
		if ((strcmp(svc, "S3") != 0 && strcmp(svc, "DYNAMODB") != 0) || !region[0] ||
		    (sreg[0] && strcmp(sreg, region) != 0))
			continue;
		const char *vpc = agg_str(a, r->k.s[AGG_VPC]);
		/* far: the row's vpc is the endpoint's, the clients' is rv */
		struct grp *g = grp_get(&gs, far ? rv : vpc, svc, far ? vpc : "", agg_str(a, r->k.s[AGG_VIA]));
		snprintf(g->region, sizeof(g->region), "%s", region);
		g->bytes = sat_add(g->bytes, r->v.bytes);
		uint32_t rt = far ? 0 : rt_of_subnet(t, agg_str(a, r->k.s[AGG_SUBNET]), vpc);
		if (rt)
			grp_add_rt(g, rt, r->v.bytes, 0);
	}
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		double ep_gb = prices_for(in->prices, g->region, PRICE_IFACE_EP_GB, NULL);
		double ep_hour = prices_for(in->prices, g->region, PRICE_IFACE_EP_HOUR, NULL);
		struct rec_row *x = new_row(out, in, g->vpc, g->region, "use-gateway-endpoint", g->service);
		/* the senders' tables that route to no gateway endpoint of the
		 * service in the VPC (a VPC may have several) */
		int gw = endpoint_of(t, 0, EP_GATEWAY, g->vpc, g->service, NULL);
		for (int k = 0; k < g->nrt; k++) {
			int rt = topo_index_of(t, g->rt[k], OBJ_RTABLE);
			if (!routes_to_gateway_endpoint(t, rt, g->vpc, g->service))
				target_add(x->target, sizeof(x->target), strpool_str(t->pool, g->rt[k]));
		}
		x->observed_bytes = g->bytes;
		x->monthly_gb = monthly_gb(g->bytes, w);
		x->current_usd = x->monthly_gb * ep_gb;
		x->new_usd = 0;
		x->savings_usd = x->current_usd;
		if (g->other[0]) {
			far_gateway_row(in, x, g, ep_gb);
			continue;
		}
		int ie;
		const struct t_endpoint *iep =
			t && topo_find(t, g->via, strlen(g->via), &ie) == OBJ_ENDPOINT ? &t->endpoints[ie] : NULL;
		reason(x, "%s sends %.2f GB/month to %s in %s through interface endpoint %s ($%.*f/GB); "
			  "a gateway endpoint carries the VPC's own %s traffic for free.",
		       g->vpc, x->monthly_gb, g->service, g->region, g->via[0] ? g->via : "(unknown)",
		       RATE(ep_gb), g->service);
		gateway_fix(x, t, g, g->nrt > 0, "the senders' route tables already", "the senders' subnets");
		if (iep && iep->private_dns == 1 && iep->dns_inbound_only != 1)
			reason_add(x, " The interface endpoint's private DNS sends the VPC's clients to it: "
				      "set it to inbound endpoints only "
				      "(PrivateDnsOnlyForInboundResolverEndpoint), which sends them to "
				      "the gateway endpoint and keeps the interface endpoint for clients "
				      "outside the VPC.");
		else if (iep && (iep->private_dns == 0 || iep->dns_inbound_only == 1))
			reason_add(x, " The clients name the interface endpoint's own DNS names "
				      "(*.vpce.amazonaws.com): have them use the service's regional "
				      "names, which the gateway endpoint serves.");
		else
			/* the endpoint's DNS settings unknown (not described, or a
			 * merge without the topology) */
			reason_add(x, " If the interface endpoint's private DNS is on for all "
				      "resolvers, set it to inbound endpoints only "
				      "(PrivateDnsOnlyForInboundResolverEndpoint); if clients name its "
				      "own DNS names (*.vpce.amazonaws.com), have them use the service's "
				      "regional names, which the gateway endpoint serves.");
		/* an interface endpoint with IPv6 addresses may have IPv6
		 * clients, which an IPv4 gateway endpoint does not carry */
		if (iep && (iep->families & EP_IPV6)) {
			if (gw < 0)
				reason_add(x, " The interface endpoint has IPv6 addresses: for IPv6 clients, "
					      "create the gateway endpoint with IpAddressType dualstack.");
			else if (!(t->endpoints[gw].families & EP_IPV6))
				reason_add(x, " The interface endpoint has IPv6 addresses, and %s carries "
					      "IPv4 only: IPv6 clients need it changed to IpAddressType "
					      "dualstack.",
					   strpool_str(t->pool, t->endpoints[gw].id_s));
		}
		reason_add(x, " Its hourly charge ($%.2f/month an AZ) is saved too if nothing outside "
			      "the VPC uses it (not counted here).",
			   ep_hour * MONTH_HOURS);
	}
	grps_free(&gs);
}

/* Rule 6: flows dropped because peering is not transitive. */
static void peering_rule(const struct rin *in, struct recs *out)
{
	const struct agg *a = in->agg;
	struct grps gs = {0};
	int64_t w = in->window_end - in->window_start;
	for (size_t i = 0; i < in->nrows; i++) {
		const struct agg_row *r = in->rows[i];
		if (r->k.reason != REASON_PEERING_NOT_TRANSITIVE)
			continue;
		struct grp *g = grp_get(&gs, agg_str(a, r->k.s[AGG_VPC]), "",
					agg_str(a, r->k.s[AGG_REMOTE_VPC]), agg_str(a, r->k.s[AGG_VIA]));
		snprintf(g->region, sizeof(g->region), "%s", agg_str(a, r->k.s[AGG_REGION]));
		g->bytes = sat_add(g->bytes, r->v.bytes);
	}
	/* the distinct pairs of VPCs to peer (not the addresses of no one
	 * VPC; one pair through several peering connections, or either way,
	 * once) */
	size_t pairs = 0;
	for (size_t i = 0; i < gs.n; i++) {
		const struct grp *x = &gs.g[i];
		if (!x->other[0] || strcmp(x->other, REMOTE_VPC_AMBIGUOUS) == 0)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++) {
			const struct grp *y = &gs.g[j];
			seen = (strcmp(y->vpc, x->vpc) == 0 && strcmp(y->other, x->other) == 0) ||
			       (strcmp(y->vpc, x->other) == 0 && strcmp(y->other, x->vpc) == 0);
		}
		pairs += !seen;
	}
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		/* addresses outside every VPC, or in several: no one VPC to
		 * peer with */
		int several = strcmp(g->other, REMOTE_VPC_AMBIGUOUS) == 0;
		if (several)
			g->other[0] = 0;
		struct rec_row *x = new_row(out, in, g->vpc, g->region,
					    g->other[0] ? "add-peering-connection" : "route-beyond-peering", "");
		if (g->other[0])
			snprintf(x->target, sizeof(x->target), "%s<->%s", g->vpc, g->other);
		else
			snprintf(x->target, sizeof(x->target), "%s", g->via);
		x->observed_bytes = g->bytes;
		x->monthly_gb = monthly_gb(g->bytes, w);
		if (g->other[0])
			reason(x, "%s sends traffic for %s through peering connection %s, whose peer VPC "
				  "does not hold those addresses: peering is not transitive, so AWS drops "
				  "it. Peer %s with %s directly%s.",
			       g->vpc, g->other, g->via, g->vpc, g->other,
			       pairs >= 3 ? ", or, as several VPCs need each other, attach them to a "
					   "transit gateway"
					 : "");
		else if (several)
			reason(x, "%s sends traffic through peering connection %s to addresses outside "
				  "its peer VPC, which several VPCs of the topology hold (their CIDRs "
				  "overlap): peering is not transitive, so AWS drops it. Peer %s directly "
				  "with the VPC that holds them, or route them another way (a transit "
				  "gateway).",
			       g->vpc, g->via, g->vpc);
		else
			reason(x, "%s sends traffic through peering connection %s to addresses outside "
				  "its peer VPC and every VPC of the topology: peering is not transitive "
				  "(the peer's VPN, Direct Connect or internet gateway does not carry it "
				  "either), so AWS drops it. If they are in a VPC the topology lacks, add "
				  "its describe output; else route them another way (a transit gateway, "
				  "or a connection of %s's own).",
			       g->vpc, g->via, g->vpc);
	}
	grps_free(&gs);
}

/* The money columns as printed, to four decimals; a saving that is
 * current - new is that of the printed figures, so that a reader's own
 * subtraction gives the column to the last digit. */
static double cents4(double usd)
{
	return round(usd * 1e4) / 1e4;
}

static void round_money(struct rec_row *x)
{
	int diff = fabs(x->savings_usd - (x->current_usd - x->new_usd)) < 1e-6;
	x->current_usd = cents4(x->current_usd);
	x->new_usd = cents4(x->new_usd);
	double saved = x->savings_usd;
	x->savings_usd = diff ? cents4(x->current_usd - x->new_usd) : cents4(x->savings_usd);
	if (saved >= 0 && x->savings_usd < 0) /* a nil saving a rounding turned negative */
		x->savings_usd = 0;
}

/* A row of a region some of whose prices are us-east-1's (not in the
 * built-in table nor the --pricing file): the reason says so, as the run's
 * note does, for a reader of the row alone. */
static void fallback_note(const struct rin *in, struct rec_row *x)
{
	int fb = 0, any = 0;
	/* (the public IPv4 address price is the same everywhere: a region's
	 * CSV without it lacks nothing, as the run's note has it) */
	for (int item = 0; x->region[0] && item < NPRICE_ITEMS && !any; item++) {
		if (item == PRICE_PUBLIC_IPV4_HOUR)
			continue;
		prices_for(in->prices, x->region, item, &fb);
		any |= fb;
	}
	if (any && strcmp(x->region, "us-east-1") != 0)
		reason_add(x,
			   " Priced at us-east-1's figures where %s has none (docs/prices.md: give them "
			   "with --pricing).",
			   x->region);
}

void recommend(const struct rec_input *pub, struct recs *out, struct nat_costs *nats)
{
	struct nat_costs local;
	struct nat_costs *nc = nats ? nats : &local;
	struct rin in_s = {pub->agg, pub->topo, pub->prices, pub->window_start, pub->window_end,
			   NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL};
	const struct rin *in = &in_s;
	/* rows in the aggregate's sorted order, so that lists built from them
	 * (route tables, AZs) do not depend on input order */
	in_s.rows = agg_sorted(pub->agg, &in_s.nrows);
	natsvc_build(&in_s);
	subnat_build(&in_s);
	memset(out, 0, sizeof(*out));
	nat_pass(in, nc);
	service_rules(in, nc, out);
	cross_az_rule(in, out);
	tgw_rule(in, out);
	peering_rule(in, out);
	gateway_instead_rule(in, out);
	for (size_t i = 0; i < out->n; i++) {
		fallback_note(in, &out->rows[i]);
		round_money(&out->rows[i]);
	}
	if (out->n)
		qsort(out->rows, out->n, sizeof(*out->rows), cmp_recs);
	if (!nats)
		nat_costs_free(&local);
	free(in_s.rows);
	free(in_s.ns);
	free(in_s.ns_ix);
	free(in_s.sn);
	free(in_s.moved);
}

void recs_free(struct recs *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

void nat_costs_free(struct nat_costs *n)
{
	free(n->v);
	free(n->ix);
	memset(n, 0, sizeof(*n));
}
