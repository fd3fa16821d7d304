/* SPDX-License-Identifier: MIT */
/*
 * Path classification; see classify.h. Follows shared/spec/paths.md: the
 * vantage from the capturing ENI (2), subnet, direction and remote address
 * (3), the route decision (4), the NAT gateway's two sides and the other
 * vantages (5).
 */
#include "classify.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const vantage_names[NVANTAGES] = {"workload", "nat-gateway",
						     "interface-endpoint", "transit-gateway"};
static const char *const side_names[NSIDES] = {"", "internet", "vpc", "endpoint-eni", "nat64"};
static const char *const dir_names[NDIRS] = {"egress", "ingress", "unknown"};
static const char *const path_names[NPATHS] = {
	"local",        "interface-endpoint", "gateway-endpoint", "appliance",
	"nat-aws-service", "nat-internet",   "nat-unattributed", "igw-aws-service",
	"igw-internet", "peering",            "transit-gateway",  "vpn-or-direct-connect",
	"other-gateway", "unroutable",        "unknown",
};
static const char *const reason_names[NREASONS] = {
	"",         "ambiguous-subnet", "no-subnet",       "no-route-table",
	"no-route", "blackhole",        "peering-not-transitive", "not-nat-traffic",
	"no-address",       "row-limit",        "forwarded",
};

const char *vantage_name(int v)
{
	return v >= 0 && v < NVANTAGES ? vantage_names[v] : "?";
}
const char *side_name(int s)
{
	return s >= 0 && s < NSIDES ? side_names[s] : "?";
}
const char *direction_name(int d)
{
	return d >= 0 && d < NDIRS ? dir_names[d] : "?";
}
int path_counts_egress_only(int path)
{
	return path == PATH_LOCAL || path == PATH_PEERING || path == PATH_TGW;
}

int path_in_totals(int path, int direction)
{
	return !path_counts_egress_only(path) || direction == DIR_EGRESS;
}

int row_in_totals(int path, int direction, int remote_in_model, int side)
{
	if (path == PATH_APPLIANCE && remote_in_model)
		return direction == DIR_EGRESS;
	/* the far end's records are the interface-endpoint vantage's: this
	 * vantage holds each direction once, at this end */
	if (side == SIDE_ENDPOINT_ENI && (path == PATH_TGW || path == PATH_PEERING))
		return direction == DIR_EGRESS || direction == DIR_INGRESS;
	/* a transit gateway to an address outside every VPC of the model
	 * (the internet through another VPC's NAT gateway, a VPN): no other
	 * logged ENI of the model holds the flow's other end (an unknown
	 * peer, REMOTE_VPC_UNKNOWN, is not outside) */
	if (path == PATH_TGW && !remote_in_model)
		return direction == DIR_EGRESS || direction == DIR_INGRESS;
	return path_in_totals(path, direction);
}

int reason_outside_totals(int reason)
{
	return reason == REASON_FORWARDED || reason == REASON_NOT_NAT_TRAFFIC;
}

int row_outside_totals(int side, int reason)
{
	return side == SIDE_VPC || reason_outside_totals(reason);
}

const char *path_name(int p)
{
	return p >= 0 && p < NPATHS ? path_names[p] : "?";
}
const char *reason_name(int r)
{
	return r >= 0 && r < NREASONS ? reason_names[r] : "?";
}


struct ctx {
	const struct topo *t;
	const struct fl_record *r;
	struct cls_result *o;
	struct cls_trace *tr;
	/* the flow log's region (the record's region field, else the S3
	 * name's) interned in the model, 0 when none is known or the model
	 * has no such string; by_region: one is known */
	uint32_t region_s;
	int by_region;
};

static void trace_step(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Arguments are evaluated only when tracing (explain): the hot path must
 * not format addresses it will never print. */
#define trace(c, ...)                                   \
	do {                                            \
		if ((c)->tr)                            \
			trace_step((c), __VA_ARGS__);   \
	} while (0)

static void trace_step(struct ctx *c, const char *fmt, ...)
{
	if (c->tr->n >= (int)(sizeof(c->tr->step) / sizeof(c->tr->step[0])))
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->tr->step[c->tr->n++], sizeof(c->tr->step[0]), fmt, ap);
	va_end(ap);
}

static struct sv pool_sv(const struct topo *t, uint32_t id)
{
	struct sv v = {strpool_str(t->pool, id), (uint32_t)strpool_len(t->pool, id)};
	return v;
}

static struct sv rec_sv(const struct fl_record *r, enum fl_field f)
{
	struct sv v = {"", 0};
	if (fl_has(r, f)) {
		v.p = r->text[f].p;
		v.len = r->text[f].len;
	}
	return v;
}

static const char *addr_text(const struct fl_addr *a, char *buf)
{
	return fl_addr_format(a, buf, 64);
}

/* The record's flow-direction, else `otherwise`. */
static enum direction record_direction(const struct fl_record *r, enum direction otherwise)
{
	if (!fl_has(r, FL_FLOW_DIRECTION))
		return otherwise;
	return r->num[FL_FLOW_DIRECTION] == FL_EGRESS ? DIR_EGRESS : DIR_INGRESS;
}

static void set_vpc(struct ctx *c, int vpc)
{
	const struct t_vpc *v = &c->t->vpcs[vpc];
	c->o->vpc = pool_sv(c->t, v->id_s);
	if (!c->o->account.len)
		c->o->account = pool_sv(c->t, v->owner_s);
	if (!c->o->region.len)
		c->o->region = pool_sv(c->t, v->region_s);
}

static void set_subnet(struct ctx *c, int subnet)
{
	const struct t_subnet *s = &c->t->subnets[subnet];
	c->o->subnet = pool_sv(c->t, s->id_s);
	c->o->az = pool_sv(c->t, s->az_s);
	/* the region from the subnet's AZ, else the record's region field
	 * (paths.md section 1) */
	if (s->region_s)
		c->o->region = pool_sv(c->t, s->region_s);
	if (s->vpc >= 0)
		set_vpc(c, s->vpc);
}

/* The place of an ENI's rows: its subnet or VPC when the topology has
 * them, else the ids NetworkInterfaces gives (a topology without
 * describe-subnets or describe-vpcs output). */
static void set_eni_place(struct ctx *c, const struct t_eni *eni, int subnet, int vpc)
{
	if (subnet >= 0) {
		set_subnet(c, subnet);
		return;
	}
	if (vpc >= 0)
		set_vpc(c, vpc);
	else if (eni->vpc_s)
		c->o->vpc = pool_sv(c->t, eni->vpc_s);
	if (eni->subnet_s)
		c->o->subnet = pool_sv(c->t, eni->subnet_s);
}

static void set_remote_vpc(struct ctx *c, const struct fl_addr *remote)
{
	int v = topo_vpc_of_addr(c->t, remote);
	if (v >= 0) {
		c->o->remote_vpc = pool_sv(c->t, c->t->vpcs[v].id_s);
		c->o->remote_region = pool_sv(c->t, c->t->vpcs[v].region_s);
	} else if (v == -2) {
		c->o->remote_vpc = (struct sv){REMOTE_VPC_AMBIGUOUS, sizeof(REMOTE_VPC_AMBIGUOUS) - 1};
	}
}

/* Is the remote an AWS service address? Sets service and service_region. */
static int aws_service(struct ctx *c, const struct fl_addr *remote, int outbound)
{
	enum fl_field f = outbound ? FL_PKT_DST_AWS_SERVICE : FL_PKT_SRC_AWS_SERVICE;
	const struct t_range *rg = NULL;
	char buf[64];
	int in_ranges = topo_service_of(c->t, remote, &rg);
	if (fl_has(c->r, f)) {
		c->o->service = rec_sv(c->r, f);
		c->o->service_region = in_ranges ? pool_sv(c->t, rg->region_s) : (struct sv){"", 0};
		trace(c, "service: %.*s from the record's %s field", (int)c->o->service.len,
		      c->o->service.p, fl_fields[f].name);
		return 1;
	}
	if (in_ranges) {
		c->o->service = pool_sv(c->t, rg->service_s);
		c->o->service_region = pool_sv(c->t, rg->region_s);
		trace(c, "service: %s in %s (ip-ranges, longest prefix holding %s)",
		      c->o->service.p, c->o->service_region.p, addr_text(remote, buf));
		return 1;
	}
	trace(c, "service: none (%s is in no AWS range%s)", addr_text(remote, buf),
	      c->t->have_ranges ? "" : "; no --ip-ranges given");
	return 0;
}

/* The same, and a trace of a pkt-*-aws-service field of the other end,
 * which names the local address's service: not the remote's. */
static int remote_service(struct ctx *c, const struct fl_addr *remote, int outbound)
{
	enum fl_field other = outbound ? FL_PKT_SRC_AWS_SERVICE : FL_PKT_DST_AWS_SERVICE;
	if (c->tr && fl_has(c->r, other))
		trace(c, "%s %.*s is not used: it names the service of %s, the local end of this %s flow",
		      fl_fields[other].name, (int)c->r->text[other].len, c->r->text[other].p,
		      outbound ? "srcaddr" : "dstaddr", outbound ? "outbound" : "inbound");
	return aws_service(c, remote, outbound);
}

static void endpoint_result(struct ctx *c, int ep)
{
	const struct t_endpoint *e = &c->t->endpoints[ep];
	c->o->service = pool_sv(c->t, e->service_s);
	c->o->service_region = pool_sv(c->t, e->service_region_s);
	c->o->via = pool_sv(c->t, e->id_s);
}

static void unknown(struct ctx *c, enum path p, enum reason why)
{
	c->o->path = p;
	c->o->reason = why;
	trace(c, "path: %s (%s)", path_name(p), reason_name(why));
}

/* remote_vpc is the subnet's own VPC when that holds the remote address,
 * even where another account's VPC has the same CIDR (set_remote_vpc
 * then leaves it empty). */
static void remote_in_own_vpc(struct ctx *c, int vpc, const struct fl_addr *remote)
{
	if (vpc >= 0 && topo_vpc_holds(c->t, vpc, remote)) {
		c->o->remote_vpc = pool_sv(c->t, c->t->vpcs[vpc].id_s);
		c->o->remote_region = pool_sv(c->t, c->t->vpcs[vpc].region_s);
	}
}

/* The route decision of paths.md 4 for a workload in a subnet (named
 * subnet_name) of VPC vpc (-1 unknown) whose route table is rt (-1 none;
 * explicit: associated with the subnet, else the VPC's main table). */
/* A transit gateway or peering path whose remote address is an interface
 * endpoint's ENI in the remote VPC: the flow's far end logs in the
 * interface-endpoint vantage, never in this one (side endpoint-eni;
 * row_in_totals). Not for a record without interface-id: in such logs
 * every record is the workload vantage's, the endpoint's own too. */
static void far_endpoint_eni(struct ctx *c, const struct fl_addr *remote)
{
	const struct topo *t = c->t;
	int v;
	uint32_t e;
	char buf[64];
	if ((c->o->path != PATH_TGW && c->o->path != PATH_PEERING) || !fl_has(c->r, FL_INTERFACE_ID) ||
	    !c->o->remote_vpc.len ||
	    topo_find(t, c->o->remote_vpc.p, c->o->remote_vpc.len, &v) != OBJ_VPC || !t->vpcs[v].eni_lpm ||
	    !prefix_lookup(t->vpcs[v].eni_lpm, remote, &e, NULL) || t->enis[e].role != ROLE_IFACE_EP)
		return;
	c->o->side = SIDE_ENDPOINT_ENI;
	trace(c, "%s is an interface endpoint's ENI in %s: its records are the interface-endpoint "
		 "vantage's, so this end's records count in both directions",
	      addr_text(remote, buf), c->o->remote_vpc.p);
}

static void route_decision(struct ctx *c, int vpc, int rt, int explicit, const char *subnet_name,
			   const struct fl_addr *remote, int outbound)
{
	const struct topo *t = c->t;
	char buf[64], buf2[64];
	/* paths.md 4: a remote in a VPC of the topology is recorded whatever
	 * the route (local and peering refine it below) */
	set_remote_vpc(c, remote);
	if (rt < 0) {
		trace(c, "route table: none for %s (no association and no main table)", subnet_name);
		unknown(c, PATH_UNKNOWN, REASON_NO_ROUTE_TABLE);
		return;
	}
	const struct t_rtable *tab = &t->rtables[rt];
	trace(c, "route table: %s (%s)", strpool_str(t->pool, tab->id_s),
	      explicit ? "explicitly associated with the subnet" : "the VPC's main table");
	if (c->tr && tab->unresolved_pl)
		for (int k = 0; k < tab->nroutes; k++)
			if (tab->routes[k].unresolved)
				trace(c, "route %s -> %s matches nothing: the topology has no CIDRs of "
					 "that prefix list (topology check)",
				      strpool_str(t->pool, tab->routes[k].pl_s),
				      strpool_str(t->pool, tab->routes[k].target_s));
	int ri = topo_route_lookup(t, rt, remote);
	if (ri < 0) {
		trace(c, "route: none matches %s", addr_text(remote, buf));
		unknown(c, PATH_UNROUTABLE, REASON_NO_ROUTE);
		return;
	}
	const struct t_route *ro = &tab->routes[ri];
	if (c->tr) {
		char dst[160], b2[64];
		if (ro->pl_s)
			snprintf(dst, sizeof(dst), "%s%s", strpool_str(t->pool, ro->pl_s),
				 ro->from_ranges ? " (its CIDRs not in the topology: the endpoint service's "
						   "ranges in ip-ranges.json)"
						 : "");
		else
			snprintf(dst, sizeof(dst), "%s/%d", addr_text(&ro->dst.a, b2), ro->dst.plen);
		trace(c, "route: %s -> %s%s%s (longest prefix matching %s)", dst,
		      ro->target_s ? strpool_str(t->pool, ro->target_s) : "(no target)",
		      ro->propagated ? " [propagated]" : "",
		      ro->blackhole ? " [blackhole]" : "", addr_text(remote, buf));
		/* a propagated route of the same destination, which lost
		 * (static routes win, docs/behaviour.md) */
		for (int k = 0; !ro->pl_s && !ro->propagated && k < tab->nroutes; k++) {
			const struct t_route *o = &tab->routes[k];
			if (o->propagated && !o->pl_s && o->dst.plen == ro->dst.plen &&
			    prefix_contains(&o->dst.a, o->dst.plen, remote))
				trace(c, "route %s -> %s [propagated] loses to it: a static route comes first",
				      dst, o->target_s ? strpool_str(t->pool, o->target_s) : "(no target)");
		}
	}
	struct sv target = pool_sv(t, ro->target_s);
	if (ro->blackhole) {
		c->o->via = target;
		unknown(c, PATH_UNROUTABLE, REASON_BLACKHOLE);
		return;
	}
	int idx;
	switch (ro->kind) {
	case TGT_LOCAL: {
		uint32_t e;
		const struct t_vpc *v = vpc >= 0 ? &t->vpcs[vpc] : NULL;
		if (v && v->eni_lpm && prefix_lookup(v->eni_lpm, remote, &e, NULL) &&
		    t->enis[e].role == ROLE_IFACE_EP && (t->enis[e].endpoint >= 0 || t->enis[e].vpce_s)) {
			if (t->enis[e].endpoint >= 0)
				endpoint_result(c, t->enis[e].endpoint);
			else
				c->o->via = pool_sv(t, t->enis[e].vpce_s); /* its service unknown */
			c->o->path = PATH_INTERFACE_ENDPOINT;
			trace(c, "target local: %s is interface endpoint %s's ENI", addr_text(remote, buf),
			      c->o->via.p);
		} else {
			c->o->path = PATH_LOCAL;
		}
		remote_in_own_vpc(c, vpc, remote);
		break;
	}
	case TGT_VPCE: {
		c->o->via = target;
		int known = topo_find(t, target.p, target.len, &idx) == OBJ_ENDPOINT;
		/* a Gateway Load Balancer endpoint's; one the topology lacks is
		 * one too when the route is a CIDR (a gateway endpoint's
		 * routes are its prefix list's) */
		if (known ? t->endpoints[idx].type == EP_GWLB : !ro->pl_s) {
			/* east-west inspection: both ends log the flow */
			c->o->path = PATH_APPLIANCE;
			remote_in_own_vpc(c, vpc, remote);
			break;
		}
		c->o->path = PATH_GATEWAY_ENDPOINT;
		if (known) {
			endpoint_result(c, idx);
			trace(c, "service: %s from gateway endpoint %s", c->o->service.p, target.p);
		} else {
			remote_service(c, remote, outbound);
		}
		break;
	}
	case TGT_ENI:
	case TGT_INSTANCE:
		c->o->via = target;
		c->o->path = PATH_APPLIANCE;
		remote_in_own_vpc(c, vpc, remote);
		break;
	case TGT_NAT:
	case TGT_IGW:
	case TGT_EIGW: {
		/* NAT64: the NAT gateway sends the flow on to the IPv4 address
		 * the IPv6 one embeds, whose service it is */
		struct fl_addr v4;
		const struct fl_addr *to = remote;
		int n;
		if (ro->kind == TGT_NAT && c->tr && (n = topo_index_of(t, ro->target_s, OBJ_NAT)) >= 0) {
			if (t->nats[n].gone)
				trace(c, "NAT gateway %s is deleted or failed in the topology: AWS shows "
					 "routes to it as blackhole (a route table described at another "
					 "time?)",
				      target.p);
			if (t->nats[n].private_nat)
				trace(c, "NAT gateway %s is private (ConnectivityType private): it sends the "
					 "flow on from its private address, by its subnet's routes (a transit "
					 "gateway, a VPN); nat-internet names its far side, not the internet",
				      target.p);
		}
		if (ro->kind == TGT_NAT && topo_nat64_embedded(remote, &v4)) {
			to = &v4;
			c->o->side = SIDE_NAT64;
			trace(c, "NAT64: %s embeds IPv4 %s, which the NAT gateway translates it to",
			      addr_text(remote, buf), addr_text(&v4, buf2));
		}
		int svc = remote_service(c, to, outbound);
		c->o->via = target;
		if (ro->kind == TGT_NAT)
			c->o->path = svc ? PATH_NAT_AWS : PATH_NAT_INTERNET;
		else
			c->o->path = svc ? PATH_IGW_AWS : PATH_IGW_INTERNET;
		break;
	}
	case TGT_PCX: {
		c->o->via = target;
		if (topo_find(t, target.p, target.len, &idx) != OBJ_PEERING) {
			trace(c, "peering %s is not in the topology: its peer CIDRs are unknown",
			      target.p);
			c->o->path = PATH_PEERING;
			break;
		}
		const struct t_peering *p = &t->peerings[idx];
		const struct t_peer_side *peer = &p->acc;
		if (vpc >= 0 && p->acc.vpc_s == t->vpcs[vpc].id_s)
			peer = &p->req;
		if (!p->active)
			trace(c, "peering %s is %s, not active: AWS shows routes to it as blackhole (a "
				 "route table described at another time?)",
			      target.p, strpool_str(t->pool, p->status_s));
		if (peer->ncidrs == 0) {
			/* a pending peering's accepter has none yet: nothing to
			 * tell a peer address from one beyond */
			trace(c, "peer VPC %s's CIDRs are not given: taken as peering traffic",
			      strpool_str(t->pool, peer->vpc_s));
			c->o->path = PATH_PEERING;
			c->o->remote_vpc = pool_sv(t, peer->vpc_s);
			c->o->remote_region = pool_sv(t, peer->region_s);
			break;
		}
		int in_peer = 0;
		for (int k = 0; k < peer->ncidrs; k++)
			if (prefix_contains(&peer->cidrs[k].a, peer->cidrs[k].plen, remote))
				in_peer = 1;
		if (in_peer) {
			c->o->path = PATH_PEERING;
			c->o->remote_vpc = pool_sv(t, peer->vpc_s);
			c->o->remote_region = pool_sv(t, peer->region_s);
			trace(c, "%s lies in peer VPC %s's CIDRs", addr_text(remote, buf),
			      strpool_str(t->pool, peer->vpc_s));
		} else {
			trace(c, "%s is not in peer VPC %s's CIDRs: peering is not transitive",
			      addr_text(remote, buf), strpool_str(t->pool, peer->vpc_s));
			unknown(c, PATH_UNROUTABLE, REASON_PEERING_NOT_TRANSITIVE);
			return;
		}
		break;
	}
	case TGT_TGW: {
		c->o->via = target;
		c->o->path = PATH_TGW;
		/* overlapping CIDRs (other accounts reuse 10.0.0.0/16) leave the
		 * remote's VPC open: the VPCs attached to this transit gateway
		 * narrow it, when exactly one of them holds the address */
		int found = -1, n = 0;
		for (int i = 0; i < t->ntgw_atts && n < 2; i++) {
			const struct t_tgw_att *a = &t->tgw_atts[i];
			int v = a->tgw_s == ro->target_s ? topo_index_of(t, a->vpc_s, OBJ_VPC) : -1;
			if (v >= 0 && v != found && topo_vpc_holds(t, v, remote)) {
				found = v;
				n++;
			}
		}
		if (n == 1) {
			c->o->remote_vpc = pool_sv(t, t->vpcs[found].id_s);
			c->o->remote_region = pool_sv(t, t->vpcs[found].region_s);
			trace(c, "%s lies in %s, attached to %s", addr_text(remote, buf),
			      strpool_str(t->pool, t->vpcs[found].id_s), target.p);
		}
		break;
	}
	case TGT_VGW:
		c->o->via = target;
		c->o->path = PATH_VPN_DX;
		break;
	default:
		c->o->via = target;
		c->o->path = PATH_OTHER_GW;
		break;
	}
	trace(c, "path: %s%s%.*s", path_name(c->o->path), c->o->via.len ? " via " : "",
	      (int)c->o->via.len, c->o->via.p);
	far_endpoint_eni(c, remote);
}

/* Does acct have interfaces in v, owned by another (a shared VPC)? */
static int vpc_participant(const struct t_vpc *v, uint32_t acct)
{
	for (int k = 0; k < v->nparticipants; k++)
		if (v->participants[k] == acct)
			return 1;
	return 0;
}

static int in_vpcs(const struct topo *t, const int *vpcs, int n, const struct fl_addr *a);

/* Does a subnet of one of the n VPCs hold the record's srcaddr or dstaddr? */
static int holds_either(const struct topo *t, const struct fl_record *r, const int *vpcs, int n)
{
	return n > 0 && ((fl_has(r, FL_SRCADDR) && in_vpcs(t, vpcs, n, fl_addr(r, FL_SRCADDR))) ||
			 (fl_has(r, FL_DSTADDR) && in_vpcs(t, vpcs, n, fl_addr(r, FL_DSTADDR))));
}

/* Can VPC v hold the record: of the flow log's region, when both are
 * known (CIDRs are reused across regions; docs/behaviour.md). */
static int in_region(const struct ctx *c, int v)
{
	uint32_t rs = c->t->vpcs[v].region_s;
	return !c->by_region || !rs || rs == c->region_s;
}

/* Which VPCs a workload record may belong to: by vpc-id, ENI, or account
 * (and region). */
static int candidate_vpcs(struct ctx *c, const struct t_eni *eni, int *out, int max)
{
	const struct topo *t = c->t;
	const struct fl_record *r = c->r;
	int idx, n = 0;
	if (fl_has(r, FL_VPC_ID)) {
		if (topo_find(t, r->text[FL_VPC_ID].p, r->text[FL_VPC_ID].len, &idx) == OBJ_VPC)
			out[n++] = idx;
		return n;
	}
	if (eni && eni->vpc >= 0) {
		out[0] = eni->vpc;
		return 1;
	}
	uint32_t acct = 0;
	if (fl_has(r, FL_ACCOUNT_ID))
		acct = strpool_find(t->pool, r->text[FL_ACCOUNT_ID].p, r->text[FL_ACCOUNT_ID].len);
	/* paths.md 3.1: the VPCs of the record's account: those it owns; else,
	 * when none of them holds either address, the shared VPCs where
	 * NetworkInterfaces lists its interfaces, if one of those does; every
	 * VPC when the record names no account (or AWS's "unknown"), or an
	 * account that owns none (docs/behaviour.md) */
	int scoped = fl_has(r, FL_ACCOUNT_ID) &&
		     !(r->text[FL_ACCOUNT_ID].len == 7 && memcmp(r->text[FL_ACCOUNT_ID].p, "unknown", 7) == 0);
	if (scoped && acct) {
		for (int v = 0; v < t->nvpcs && n < max; v++)
			if (t->vpcs[v].subnet_lpm && t->vpcs[v].owner_s == acct && in_region(c, v))
				out[n++] = v;
		int own = n;
		if (own && holds_either(t, r, out, own))
			return own;
		for (int v = 0; v < t->nvpcs && n < max; v++)
			if (t->vpcs[v].subnet_lpm && t->vpcs[v].owner_s != acct &&
			    vpc_participant(&t->vpcs[v], acct) && in_region(c, v))
				out[n++] = v;
		if (n > own && holds_either(t, r, out + own, n - own)) {
			trace(c, "candidate VPCs: the shared VPCs where account %.*s has interfaces",
			      (int)r->text[FL_ACCOUNT_ID].len, r->text[FL_ACCOUNT_ID].p);
			memmove(out, out + own, (size_t)(n - own) * sizeof(*out));
			return n - own;
		}
		if (own)
			return own;
		n = 0;
	}
	for (int v = 0; v < t->nvpcs && n < max; v++)
		if (t->vpcs[v].subnet_lpm && in_region(c, v)) /* no lpm: a duplicate */
			out[n++] = v;
	if (scoped)
		trace(c, "candidate VPCs: all %d%s%.*s, as account %.*s owns none of them%s", n,
		      c->by_region ? " of region " : "", c->by_region ? (int)c->o->region.len : 0,
		      c->by_region ? c->o->region.p : "", (int)r->text[FL_ACCOUNT_ID].len, r->text[FL_ACCOUNT_ID].p,
		      c->by_region ? " there" : "");
	return n;
}

static int in_vpcs(const struct topo *t, const int *vpcs, int n, const struct fl_addr *a)
{
	uint32_t s;
	for (int i = 0; i < n; i++)
		if (t->vpcs[vpcs[i]].subnet_lpm && prefix_lookup(t->vpcs[vpcs[i]].subnet_lpm, a, &s, NULL))
			return 1;
	return 0;
}

static void check_traffic_path(struct ctx *c)
{
	const struct fl_record *r = c->r;
	if (c->o->direction != DIR_EGRESS || !fl_has(r, FL_TRAFFIC_PATH))
		return;
	unsigned tp = (unsigned)r->num[FL_TRAFFIC_PATH];
	int ok;
	switch (c->o->path) {
	case PATH_LOCAL:
	case PATH_INTERFACE_ENDPOINT:
	case PATH_APPLIANCE:
	case PATH_NAT_AWS:
	case PATH_NAT_INTERNET:
	case PATH_TGW:
		ok = tp == 1;
		break;
	case PATH_IGW_AWS:
	case PATH_IGW_INTERNET:
		ok = tp == 2 || tp == 8;
		break;
	case PATH_GATEWAY_ENDPOINT:
		ok = tp == 2 || tp == 7;
		break;
	case PATH_VPN_DX:
		ok = tp == 3;
		break;
	case PATH_PEERING:
		ok = tp == 4 || tp == 5;
		break;
	case PATH_OTHER_GW:
		ok = tp == 6;
		break;
	default:
		/* unroutable and unknown paths: a record that security groups
		 * accepted is logged even where routing then drops it, so it
		 * says nothing of the snapshot (docs/behaviour.md) */
		return;
	}
	c->o->traffic_path_checked = 1;
	c->o->traffic_path_agrees = ok;
	trace(c, "traffic-path %u %s the topology's path", tp, ok ? "agrees with" : "DISAGREES with");
}

/* The VPC of a record whose subnet the topology lacks: its vpc-id's, its
 * ENI's, else the one candidate VPC whose CIDRs hold the local address;
 * -1 when none is known. */
static int record_vpc(struct ctx *c, const struct t_eni *eni, const int *vpcs, int nv,
		      const struct fl_addr *local)
{
	const struct fl_record *r = c->r;
	int idx, vpc = -1;
	if (fl_has(r, FL_VPC_ID))
		return topo_find(c->t, r->text[FL_VPC_ID].p, r->text[FL_VPC_ID].len, &idx) == OBJ_VPC
			       ? idx
			       : -1;
	if (eni && eni->vpc >= 0)
		return eni->vpc;
	for (int i = 0; i < nv; i++)
		if (topo_vpc_holds(c->t, vpcs[i], local)) {
			if (vpc >= 0)
				return -1;
			vpc = vpcs[i];
		}
	return vpc;
}

/* paths.md 3.1 and 4 for a record whose subnet-id the topology lacks (a
 * subnet made after it was described) in a VPC it has: the route table
 * associated with that id, else the VPC's main table. */
static void unlisted_subnet(struct ctx *c, int vpc, const struct fl_addr *remote, int outbound)
{
	const struct topo *t = c->t;
	const struct fl_str *id = &c->r->text[FL_SUBNET_ID];
	int explicit;
	int rt = topo_rtable_of_subnet_id(t, id->p, id->len, vpc, &explicit);
	c->o->subnet = rec_sv(c->r, FL_SUBNET_ID);
	set_vpc(c, vpc);
	char name[80];
	snprintf(name, sizeof(name), "%.*s", (int)(id->len < 64 ? id->len : 64), id->p);
	trace(c, "subnet: %s (the record's subnet-id), not in the topology (made after it was "
		 "described?), in %s", name, strpool_str(t->pool, t->vpcs[vpc].id_s));
	route_decision(c, vpc, rt, explicit, name, remote, outbound);
	check_traffic_path(c);
}

static void classify_workload(struct ctx *c, const struct t_eni *eni)
{
	const struct topo *t = c->t;
	const struct fl_record *r = c->r;
	const struct fl_addr *src = fl_addr(r, FL_SRCADDR), *dst = fl_addr(r, FL_DSTADDR);
	int vpcs[4096]; /* an account's VPCs: AWS allows hundreds per region */
	int nv = candidate_vpcs(c, eni, vpcs, (int)(sizeof(vpcs) / sizeof(vpcs[0])));
	char b1[64], b2[64];

	/* direction */
	if (fl_has(r, FL_FLOW_DIRECTION)) {
		c->o->direction = record_direction(r, DIR_UNKNOWN);
		trace(c, "direction: %s (flow-direction field)", direction_name(c->o->direction));
	} else if (eni && (eni->naddrs || eni->nprefixes) && (topo_eni_holds(eni, src) || topo_eni_holds(eni, dst))) {
		c->o->direction = topo_eni_holds(eni, src) ? DIR_EGRESS : DIR_INGRESS;
		trace(c, "direction: %s (%s is the ENI's address)", direction_name(c->o->direction),
		      addr_text(c->o->direction == DIR_EGRESS ? src : dst, b1));
	} else {
		int si = in_vpcs(t, vpcs, nv, src), di = in_vpcs(t, vpcs, nv, dst);
		c->o->direction = si && !di ? DIR_EGRESS : di && !si ? DIR_INGRESS : DIR_UNKNOWN;
		if (si == di)
			trace(c, "direction: %s (%s %s %s %s %s in a subnet of the candidate VPCs)",
			      direction_name(c->o->direction), si ? "both" : "neither", addr_text(src, b1),
			      si ? "and" : "nor", addr_text(dst, b2), si ? "are" : "is");
		else
			trace(c, "direction: %s (%s is in a subnet of the candidate VPCs, %s is not)",
			      direction_name(c->o->direction), addr_text(si ? src : dst, b1),
			      addr_text(si ? dst : src, b2));
	}
	int outbound = c->o->direction != DIR_INGRESS;
	const struct fl_addr *local = outbound ? src : dst;
	const struct fl_addr *remote;
	if (outbound)
		remote = fl_has(r, FL_PKT_DSTADDR) ? fl_addr(r, FL_PKT_DSTADDR) : dst;
	else
		remote = fl_has(r, FL_PKT_SRCADDR) ? fl_addr(r, FL_PKT_SRCADDR) : src;
	trace(c, "remote address: %s", addr_text(remote, b1));

	/* subnet */
	int idx, subnet = -1, rvpc = -1;
	if (fl_has(r, FL_SUBNET_ID) &&
	    topo_find(t, r->text[FL_SUBNET_ID].p, r->text[FL_SUBNET_ID].len, &idx) == OBJ_SUBNET) {
		subnet = idx;
		trace(c, "subnet: %s (the record's subnet-id)", strpool_str(t->pool, t->subnets[idx].id_s));
	} else if (eni && eni->subnet >= 0) {
		subnet = eni->subnet;
		trace(c, "subnet: %s (the ENI's subnet in NetworkInterfaces)",
		      strpool_str(t->pool, t->subnets[subnet].id_s));
	} else if (fl_has(r, FL_SUBNET_ID) && (rvpc = record_vpc(c, eni, vpcs, nv, local)) >= 0) {
		/* paths.md 3.1: the record's subnet-id is the subnet, though the
		 * topology lacks it (made after it was described), whatever
		 * known subnet's CIDR holds the address */
		unlisted_subnet(c, rvpc, remote, outbound);
		return;
	} else {
		int found = 0;
		for (int i = 0; i < nv; i++) {
			uint32_t s;
			if (t->vpcs[vpcs[i]].subnet_lpm &&
			    prefix_lookup(t->vpcs[vpcs[i]].subnet_lpm, local, &s, NULL)) {
				if (found++ == 0)
					subnet = (int)s;
			}
		}
		if (found > 1) {
			trace(c, "subnet: %d subnets in the candidate VPCs hold %s", found,
			      addr_text(local, b1));
			if (fl_has(r, FL_VPC_ID))
				c->o->vpc = rec_sv(r, FL_VPC_ID);
			unknown(c, PATH_UNKNOWN, REASON_AMBIGUOUS_SUBNET);
			return;
		}
		if (found == 0) {
			int vpc = record_vpc(c, eni, vpcs, nv, local);
			trace(c, "subnet: none of %d candidate VPCs has a subnet holding %s", nv,
			      addr_text(local, b1));
			if (vpc >= 0)
				set_vpc(c, vpc); /* its account and region too */
			else if (fl_has(r, FL_VPC_ID))
				c->o->vpc = rec_sv(r, FL_VPC_ID);
			if (fl_has(r, FL_SUBNET_ID))
				c->o->subnet = rec_sv(r, FL_SUBNET_ID);
			unknown(c, PATH_UNKNOWN, REASON_NO_SUBNET);
			return;
		}
		trace(c, "subnet: %s (its CIDR holds %s)", strpool_str(t->pool, t->subnets[subnet].id_s),
		      addr_text(local, b1));
	}
	set_subnet(c, subnet);
	const struct t_subnet *sn = &t->subnets[subnet];
	route_decision(c, sn->vpc, topo_rtable_of_subnet(t, subnet), sn->rtable >= 0,
		       strpool_str(t->pool, sn->id_s), remote, outbound);
	check_traffic_path(c);
}

static void classify_nat(struct ctx *c, const struct t_eni *eni)
{
	const struct topo *t = c->t;
	const struct fl_record *r = c->r;
	const struct fl_addr *src = fl_addr(r, FL_SRCADDR), *dst = fl_addr(r, FL_DSTADDR);
	const struct t_nat *nat = eni->nat >= 0 ? &t->nats[eni->nat] : NULL;
	int vpc = eni->vpc >= 0 ? eni->vpc : nat ? nat->vpc : -1;
	char b1[64];

	c->o->vantage = VANTAGE_NAT;
	if (nat)
		c->o->via = pool_sv(t, nat->id_s);
	else if (eni->nat_s)
		c->o->via = pool_sv(t, eni->nat_s); /* named by the ENI's description */
	set_eni_place(c, eni, eni->subnet >= 0 ? eni->subnet : nat ? nat->subnet : -1, vpc);

	int src_n = topo_eni_holds(eni, src), dst_n = topo_eni_holds(eni, dst);
	int src_in, dst_in;
	if (vpc >= 0 && t->vpcs[vpc].ncidrs > 0) {
		src_in = topo_vpc_holds(t, vpc, src);
		dst_in = topo_vpc_holds(t, vpc, dst);
	} else {
		/* the VPC's CIDRs unknown (a topology of NetworkInterfaces
		 * alone): a private address is taken to be inside it, as the
		 * internet side of a NAT gateway has public ones */
		src_in = topo_is_private(src);
		dst_in = topo_is_private(dst);
		trace(c, "side: the NAT gateway's VPC CIDRs are unknown: private addresses count as inside");
	}
	const struct fl_addr *remote = NULL;
	int outbound, other_vpc;
	/* A workload outside the NAT gateway's VPC (centralized egress: a
	 * spoke VPC that reaches it through a transit gateway or peering)
	 * talks to it as one inside does: the packet's own address,
	 * pkt-dstaddr on the way out and pkt-srcaddr on the way back, is
	 * beyond the NAT. Such a record is the vpc side, or the processed
	 * bytes would count twice (docs/behaviour.md). */
	if (dst_n && !src_in && fl_has(r, FL_PKT_DSTADDR) && !fl_addr_eq(fl_addr(r, FL_PKT_DSTADDR), dst)) {
		trace(c, "side: %s is outside the VPC, but pkt-dstaddr shows a packet for beyond the NAT gateway",
		      addr_text(src, b1));
		src_in = 1;
	} else if (src_n && !dst_in && fl_has(r, FL_PKT_SRCADDR) &&
		   !fl_addr_eq(fl_addr(r, FL_PKT_SRCADDR), src)) {
		trace(c, "side: %s is outside the VPC, but pkt-srcaddr shows a packet from beyond the NAT gateway",
		      addr_text(dst, b1));
		dst_in = 1;
	} else if (!fl_has(r, FL_PKT_SRCADDR) && !fl_has(r, FL_PKT_DSTADDR) && nat && !nat->private_nat &&
		   (dst_n || src_n) && !(dst_n ? src_in : dst_in) &&
		   (other_vpc = topo_vpc_of_addr(t, dst_n ? src : dst)) != -1) {
		/* no pkt-* fields to tell: an address of another VPC of the
		 * topology is a workload reaching a public NAT gateway through a
		 * transit gateway or peering (centralized egress), not the
		 * internet (docs/behaviour.md) */
		/* -2: several VPCs of the topology hold it, each another VPC */
		trace(c, "side: %s is in another VPC of the topology (%s): a workload of centralized egress",
		      addr_text(dst_n ? src : dst, b1),
		      other_vpc >= 0 ? strpool_str(t->pool, t->vpcs[other_vpc].id_s) : "several hold it");
		if (dst_n)
			src_in = 1;
		else
			dst_in = 1;
	}

	if (src_n && !dst_in) {
		c->o->side = SIDE_INTERNET;
		c->o->direction = DIR_EGRESS;
		remote = dst;
	} else if (dst_n && !src_in) {
		c->o->side = SIDE_INTERNET;
		c->o->direction = DIR_INGRESS;
		remote = src;
	} else if (dst_n && src_in) {
		c->o->side = SIDE_VPC;
		c->o->direction = DIR_INGRESS;
		if (fl_has(r, FL_PKT_DSTADDR) && !fl_addr_eq(fl_addr(r, FL_PKT_DSTADDR), dst))
			remote = fl_addr(r, FL_PKT_DSTADDR);
	} else if (src_n && dst_in) {
		c->o->side = SIDE_VPC;
		c->o->direction = DIR_EGRESS;
		if (fl_has(r, FL_PKT_SRCADDR) && !fl_addr_eq(fl_addr(r, FL_PKT_SRCADDR), src))
			remote = fl_addr(r, FL_PKT_SRCADDR);
	} else {
		c->o->direction = record_direction(r, DIR_UNKNOWN);
		trace(c, "vantage nat-gateway: neither address is the NAT gateway's");
		unknown(c, PATH_UNKNOWN, REASON_NOT_NAT_TRAFFIC);
		return;
	}
	c->o->direction = record_direction(r, c->o->direction);
	trace(c, "side: %s, direction %s (relative to the NAT gateway's ENI)", side_name(c->o->side),
	      direction_name(c->o->direction));
	if (c->o->side == SIDE_INTERNET && nat && !nat->private_nat && c->o->action != FL_REJECT &&
	    !fl_has(r, FL_PKT_SRCADDR) &&
	    !fl_has(r, FL_PKT_DSTADDR) && topo_is_private(remote) && topo_vpc_of_addr(t, remote) == -1) {
		c->o->private_outside = 1;
		trace(c, "%s is a private address outside every VPC of the topology: a workload of a VPC "
			 "it lacks would be the vpc side",
		      addr_text(remote, b1));
	}
	if (c->o->side == SIDE_VPC) {
		/* attribute to the workload: its subnet, found by its address */
		const struct fl_addr *wl = dst_n ? src : dst;
		uint32_t s;
		if (vpc >= 0 && t->vpcs[vpc].subnet_lpm &&
		    prefix_lookup(t->vpcs[vpc].subnet_lpm, wl, &s, NULL)) {
			set_subnet(c, (int)s);
		} else if (vpc >= 0 && t->vpcs[vpc].ncidrs > 0 && !topo_vpc_holds(t, vpc, wl)) {
			/* a workload in another VPC (centralized egress): the
			 * NAT gateway's VPC, no subnet of it */
			c->o->subnet = (struct sv){"", 0};
			c->o->az = (struct sv){"", 0};
			trace(c, "workload %s is outside the NAT gateway's VPC", addr_text(wl, b1));
		}
		if (!remote) {
			trace(c, "no pkt-srcaddr/pkt-dstaddr: the final remote is unknown");
			c->o->path = PATH_NAT_UNATTRIBUTED;
			trace(c, "path: nat-unattributed");
			return;
		}
	}
	/* the service field of the remote address (paths.md 1), which the
	 * addresses chose: a flow-direction that contradicts them does not
	 * swap it */
	outbound = (c->o->side == SIDE_INTERNET) ? remote == dst : dst_n;
	trace(c, "remote address: %s", addr_text(remote, b1));
	set_remote_vpc(c, remote);
	c->o->path = remote_service(c, remote, outbound) ? PATH_NAT_AWS : PATH_NAT_INTERNET;
	trace(c, "path: %s", path_name(c->o->path));
}

static void classify_other(struct ctx *c, const struct t_eni *eni)
{
	const struct topo *t = c->t;
	const struct fl_record *r = c->r;
	const struct fl_addr *src = fl_addr(r, FL_SRCADDR), *dst = fl_addr(r, FL_DSTADDR);
	char b1[64];

	set_eni_place(c, eni, eni->subnet, eni->vpc);
	if (fl_has(r, FL_FLOW_DIRECTION))
		c->o->direction = record_direction(r, DIR_UNKNOWN);
	else if (topo_eni_holds(eni, src))
		c->o->direction = DIR_EGRESS;
	else if (topo_eni_holds(eni, dst))
		c->o->direction = DIR_INGRESS;
	else
		c->o->direction = DIR_UNKNOWN;

	const struct fl_addr *remote;
	if (eni->role == ROLE_IFACE_EP) {
		c->o->vantage = VANTAGE_IFACE_EP;
		c->o->path = PATH_INTERFACE_ENDPOINT;
		if (eni->endpoint >= 0)
			endpoint_result(c, eni->endpoint);
		else if (eni->vpce_s)
			c->o->via = pool_sv(t, eni->vpce_s); /* named by the ENI's description */
		remote = c->o->direction == DIR_INGRESS ? src : dst;
	} else {
		c->o->vantage = VANTAGE_TGW;
		c->o->path = PATH_TGW;
		if (eni->tgw_att >= 0)
			c->o->via = pool_sv(t, t->tgw_atts[eni->tgw_att].tgw_s);
		/* the attachment ENI forwards between its VPC and the transit
		 * gateway: traffic arriving at it (ingress) heads for the far
		 * side, pkt-dstaddr; traffic it sends (egress) comes from the far
		 * side, pkt-srcaddr */
		if (c->o->direction == DIR_UNKNOWN && eni->vpc >= 0) {
			int si = topo_vpc_holds(t, eni->vpc, src), di = topo_vpc_holds(t, eni->vpc, dst);
			c->o->direction = si && !di ? DIR_INGRESS : di && !si ? DIR_EGRESS : DIR_UNKNOWN;
		}
		if (c->o->direction == DIR_EGRESS)
			remote = fl_has(r, FL_PKT_SRCADDR) ? fl_addr(r, FL_PKT_SRCADDR) : src;
		else
			remote = fl_has(r, FL_PKT_DSTADDR) ? fl_addr(r, FL_PKT_DSTADDR) : dst;
		/* the attachment's own address is not the far side: without
		 * pkt-* fields the peer is then unknown, which is not outside
		 * every VPC (row_in_totals) */
		if (topo_eni_holds(eni, remote)) {
			c->o->remote_vpc = (struct sv){REMOTE_VPC_UNKNOWN, sizeof(REMOTE_VPC_UNKNOWN) - 1};
			trace(c, "vantage %s: remote %s is the ENI's own address, the peer is unknown",
			      vantage_name(c->o->vantage), addr_text(remote, b1));
			return;
		}
	}
	set_remote_vpc(c, remote);
	/* a client in the endpoint's own VPC reaches it by the local route,
	 * whatever other VPC has the same CIDR */
	if (eni->role == ROLE_IFACE_EP)
		remote_in_own_vpc(c, eni->vpc, remote);
	trace(c, "vantage %s: remote %s, path %s", vantage_name(c->o->vantage), addr_text(remote, b1),
	      path_name(c->o->path));
}

void classify(const struct topo *t, const struct fl_record *r, struct cls_result *out,
	      struct cls_trace *tr)
{
	classify_in_region(t, r, NULL, out, tr);
}

void classify_in_region(const struct topo *t, const struct fl_record *r, const char *region,
			struct cls_result *out, struct cls_trace *tr)
{
	struct ctx c = {t, r, out, tr, 0, 0};
	const struct t_eni *eni = NULL;
	int idx;

	memset(out, 0, sizeof(*out));
	out->action = fl_has(r, FL_ACTION) ? (int)r->num[FL_ACTION] : 0;
	out->account = rec_sv(r, FL_ACCOUNT_ID);
	if (out->account.len == 7 && memcmp(out->account.p, "unknown", 7) == 0)
		out->account.len = 0;
	out->region = rec_sv(r, FL_REGION);
	if (!out->region.len && region && region[0])
		out->region = (struct sv){region, strlen(region)};
	if (out->region.len) {
		c.by_region = 1;
		c.region_s = strpool_find(t->pool, out->region.p, out->region.len);
	}
	if (fl_has(r, FL_INTERFACE_ID) &&
	    topo_find(t, r->text[FL_INTERFACE_ID].p, r->text[FL_INTERFACE_ID].len, &idx) == OBJ_ENI)
		eni = &t->enis[idx];
	trace(&c, "interface %.*s: %s", (int)(fl_has(r, FL_INTERFACE_ID) ? r->text[FL_INTERFACE_ID].len : 1),
	      fl_has(r, FL_INTERFACE_ID) ? r->text[FL_INTERFACE_ID].p : "-",
	      !eni ? "not in the topology: vantage workload"
	      : eni->role == ROLE_NAT ? "a NAT gateway ENI: vantage nat-gateway"
	      : eni->role == ROLE_IFACE_EP ? "an interface endpoint ENI: vantage interface-endpoint"
	      : eni->role == ROLE_TGW ? "a transit gateway attachment ENI: vantage transit-gateway"
				      : "vantage workload");
	if (!fl_has(r, FL_SRCADDR) || !fl_has(r, FL_DSTADDR)) {
		/* no path without both addresses, but the interface still
		 * tells the vantage and the place */
		out->direction = DIR_UNKNOWN;
		if (eni) {
			out->vantage = eni->role == ROLE_NAT	    ? VANTAGE_NAT
				       : eni->role == ROLE_IFACE_EP ? VANTAGE_IFACE_EP
				       : eni->role == ROLE_TGW	    ? VANTAGE_TGW
								    : VANTAGE_WORKLOAD;
			set_eni_place(&c, eni, eni->subnet, eni->vpc);
		} else {
			if (fl_has(r, FL_VPC_ID))
				out->vpc = rec_sv(r, FL_VPC_ID);
			if (fl_has(r, FL_SUBNET_ID))
				out->subnet = rec_sv(r, FL_SUBNET_ID);
		}
		unknown(&c, PATH_UNKNOWN, REASON_NO_ADDRESS);
		return;
	}
	if (eni && eni->forwards) {
		/* a Gateway Load Balancer (endpoint) passes others' flows to
		 * inspection and back: their own ENIs log them too */
		set_eni_place(&c, eni, eni->subnet, eni->vpc);
		out->direction = record_direction(r, DIR_UNKNOWN);
		trace(&c, "a Gateway Load Balancer ENI: it forwards flows that their own ENIs log");
		unknown(&c, PATH_UNKNOWN, REASON_FORWARDED);
	} else if (eni && eni->role == ROLE_NAT)
		classify_nat(&c, eni);
	else if (eni && (eni->role == ROLE_IFACE_EP || eni->role == ROLE_TGW))
		classify_other(&c, eni);
	else
		classify_workload(&c, eni);

	/* paths.md 8: service only on service paths, reason only on
	 * unknown/unroutable */
	enum path p = out->path;
	if (p != PATH_NAT_AWS && p != PATH_IGW_AWS && p != PATH_GATEWAY_ENDPOINT &&
	    p != PATH_INTERFACE_ENDPOINT) {
		out->service.len = 0;
		out->service_region.len = 0;
	}
	if (p != PATH_UNKNOWN && p != PATH_UNROUTABLE)
		out->reason = REASON_NONE;
}
