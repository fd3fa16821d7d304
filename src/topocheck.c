/* SPDX-License-Identifier: MIT */
/*
 * `flowpath topology check`: load a topology, count what it holds, and lint
 * it for what makes flows unclassifiable or money leak (see analyze.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "table.h"
#include "util.h"

struct findings {
	struct table *t;
	int n;
};

static void finding(struct findings *f, const char *kind, const char *object, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void finding(struct findings *f, const char *kind, const char *object, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	table_cstr(f->t, kind);
	table_cstr(f->t, object);
	table_cstr(f->t, msg);
	table_end_row(f->t);
	f->n++;
}

static const char *S(const struct topo *t, uint32_t id)
{
	return strpool_str(t->pool, id);
}

static int target_known(const struct topo *t, const struct t_route *ro)
{
	int idx;
	const char *id = S(t, ro->target_s);
	enum obj_kind k = topo_find(t, id, strlen(id), &idx);
	switch (ro->kind) {
	case TGT_NAT:
		(void)k;
		return topo_nat_known(t, ro->target_s);
	case TGT_PCX:
		return k == OBJ_PEERING;
	case TGT_VPCE:
		return k == OBJ_ENDPOINT;
	case TGT_IGW:
	case TGT_EIGW:
	case TGT_VGW:
		return k == OBJ_GATEWAY;
	case TGT_ENI:
		return k == OBJ_ENI;
	case TGT_TGW:
		return topo_tgw_attached(t, ro->target_s, 0);
	default:
		return 1;
	}
}

/* A table's IPv4 default route when it goes to a NAT gateway or a
 * transit gateway (centralized egress: another VPC's NAT gateway, after
 * the transit gateway's charge) and is not a blackhole, else NULL. */
static const struct t_route *default_to_charged(const struct t_rtable *rt)
{
	for (int r = 0; r < rt->nroutes; r++)
		if (!rt->routes[r].pl_s && rt->routes[r].dst.plen == 0 && rt->routes[r].dst.a.family == 4 &&
		    !rt->routes[r].blackhole && (rt->routes[r].kind == TGT_NAT || rt->routes[r].kind == TGT_TGW))
			return &rt->routes[r];
	return NULL;
}

/* The first other gateway endpoint in [from, to) of ep's VPC and service
 * (not ep described again); -1 when none. */
static int same_gateway_endpoint(const struct topo *t, const struct t_endpoint *ep, int from, int to)
{
	int o = from;
	while ((o = topo_endpoint_next(t, o, EP_GATEWAY, ep->vpc_s, ep->service_s, NULL)) >= 0 && o < to &&
	       t->endpoints[o].id_s == ep->id_s)
		o++;
	return o < to ? o : -1;
}

/* A route's destination as a finding names it: its prefix list, or its
 * CIDR. */
static void route_dst(const struct topo *t, const struct t_route *ro, char *buf, size_t len)
{
	char a[64];
	if (ro->pl_s) {
		snprintf(buf, len, "%s", S(t, ro->pl_s));
		return;
	}
	fl_addr_format(&ro->dst.a, a, sizeof(a));
	snprintf(buf, len, "%s/%d", a, ro->dst.plen);
}

/* Do two prefixes share an address? */
static int overlaps(const struct cidr *a, const struct cidr *b)
{
	if (a->a.family != b->a.family)
		return 0;
	return a->plen <= b->plen ? prefix_contains(&a->a, a->plen, &b->a)
				  : prefix_contains(&b->a, b->plen, &a->a);
}

/* Why route ro's target is not active (a deleted or failed NAT gateway,
 * a peering connection not active), with the kind of the target in
 * *kinds; NULL when it is, or not in the topology. */
static const char *inactive_target(const struct topo *t, const struct t_route *ro, const char **kinds)
{
	int x;
	if (ro->kind == TGT_NAT && (x = topo_index_of(t, ro->target_s, OBJ_NAT)) >= 0 && t->nats[x].gone) {
		*kinds = "NAT gateways";
		return "which the topology gives as deleted or failed";
	}
	if (ro->kind == TGT_PCX && (x = topo_index_of(t, ro->target_s, OBJ_PEERING)) >= 0 &&
	    !t->peerings[x].active) {
		*kinds = "peering connections";
		return "a peering connection that is not active";
	}
	return NULL;
}

/* Where a route's target is, when the topology says and it is not the
 * table's VPC: a NAT gateway of another VPC, a peering connection of two
 * other VPCs, a transit gateway that the VPC has no attachment to (when
 * the topology gives any attachment of it). AWS accepts no such route. */
static const char *target_elsewhere(const struct topo *t, const struct t_rtable *rt,
				    const struct t_route *ro, char *buf, size_t len)
{
	int x;
	if (!rt->vpc_s)
		return NULL;
	if (ro->kind == TGT_NAT && (x = topo_index_of(t, ro->target_s, OBJ_NAT)) >= 0 && t->nats[x].vpc_s &&
	    t->nats[x].vpc_s != rt->vpc_s) {
		snprintf(buf, len, "a NAT gateway of %s", S(t, t->nats[x].vpc_s));
		return buf;
	}
	if (ro->kind == TGT_PCX && (x = topo_index_of(t, ro->target_s, OBJ_PEERING)) >= 0) {
		const struct t_peering *p = &t->peerings[x];
		if (p->req.vpc_s && p->acc.vpc_s && p->req.vpc_s != rt->vpc_s && p->acc.vpc_s != rt->vpc_s) {
			snprintf(buf, len, "a peering connection of %s and %s", S(t, p->req.vpc_s),
				 S(t, p->acc.vpc_s));
			return buf;
		}
	}
	if (ro->kind == TGT_VPCE && (x = topo_index_of(t, ro->target_s, OBJ_ENDPOINT)) >= 0 &&
	    t->endpoints[x].vpc_s && t->endpoints[x].vpc_s != rt->vpc_s) {
		snprintf(buf, len, "a%s endpoint of %s",
			 t->endpoints[x].type == EP_GWLB ? " Gateway Load Balancer" : t->endpoints[x].type == EP_GATEWAY ? " gateway" : "n",
			 S(t, t->endpoints[x].vpc_s));
		return buf;
	}
	if (ro->kind == TGT_TGW && topo_tgw_attached(t, ro->target_s, 0) &&
	    !topo_tgw_attached(t, ro->target_s, rt->vpc_s)) {
		snprintf(buf, len, "a transit gateway that %s has no attachment to", S(t, rt->vpc_s));
		return buf;
	}
	return NULL;
}

/* A CIDR route to a peering connection that no CIDR of the peer VPC (the
 * side other than the table's) overlaps: peering is not transitive, so
 * what it matches is dropped. Unknown when the peer's CIDRs are. */
static const char *beyond_peer(const struct topo *t, const struct t_rtable *rt, const struct t_route *ro)
{
	int x;
	if (ro->kind != TGT_PCX || ro->pl_s || (x = topo_index_of(t, ro->target_s, OBJ_PEERING)) < 0)
		return NULL;
	const struct t_peering *p = &t->peerings[x];
	const struct t_peer_side *peer = p->req.vpc_s == rt->vpc_s ? &p->acc : p->acc.vpc_s == rt->vpc_s ? &p->req : NULL;
	if (!peer)
		return NULL;
	const struct cidr *cidrs = peer->cidrs;
	int n = peer->ncidrs, v = topo_index_of(t, peer->vpc_s, OBJ_VPC);
	if (v >= 0 && t->vpcs[v].ncidrs) {
		cidrs = t->vpcs[v].cidrs;
		n = t->vpcs[v].ncidrs;
	}
	if (!n)
		return NULL;
	for (int c = 0; c < n; c++)
		if (overlaps(&cidrs[c], &ro->dst))
			return NULL;
	return S(t, peer->vpc_s);
}

static int find_root(int *comp, int i)
{
	while (comp[i] != i) {
		comp[i] = comp[comp[i]]; /* halve the path */
		i = comp[i];
	}
	return i;
}

static int cmp_pair(const void *pa, const void *pb)
{
	const int *a = pa, *b = pb;
	return a[0] != b[0] ? (a[0] > b[0]) - (a[0] < b[0]) : (a[1] > b[1]) - (a[1] < b[1]);
}

/* Peering meshes: the connected components of active peerings between
 * VPCs of the topology, each pair of VPCs once (every account that sees
 * a peering connection lists it; a peer outside the topology is no
 * edge), that are complete graphs of four VPCs or more. */
static void peering_mesh(const struct topo *t, struct findings *f)
{
	int n = t->nvpcs;
	if (n == 0 || t->npeerings == 0)
		return;
	int *pair = xmalloc((size_t)t->npeerings * 2 * sizeof(*pair));
	int np = 0;
	for (int p = 0; p < t->npeerings; p++) {
		int x, y;
		const char *ra = S(t, t->peerings[p].req.vpc_s), *aa = S(t, t->peerings[p].acc.vpc_s);
		if (!t->peerings[p].active || topo_find(t, ra, strlen(ra), &x) != OBJ_VPC ||
		    topo_find(t, aa, strlen(aa), &y) != OBJ_VPC || x == y)
			continue;
		pair[2 * np] = x < y ? x : y;
		pair[2 * np + 1] = x < y ? y : x;
		np++;
	}
	qsort(pair, (size_t)np, 2 * sizeof(*pair), cmp_pair);
	int u = 0;
	for (int i = 0; i < np; i++)
		if (u == 0 || cmp_pair(&pair[2 * i], &pair[2 * (u - 1)]) != 0) {
			pair[2 * u] = pair[2 * i];
			pair[2 * u + 1] = pair[2 * i + 1];
			u++;
		}
	/* components by union-find, each named by its least VPC index */
	int *comp = xmalloc((size_t)n * sizeof(*comp));
	for (int i = 0; i < n; i++)
		comp[i] = i;
	for (int p = 0; p < u; p++) {
		int x = find_root(comp, pair[2 * p]), y = find_root(comp, pair[2 * p + 1]);
		if (x != y)
			comp[x > y ? x : y] = x < y ? x : y;
	}
	int *size = xcalloc((size_t)n, sizeof(*size)), *edges = xcalloc((size_t)n, sizeof(*edges));
	for (int i = 0; i < n; i++)
		size[find_root(comp, i)]++;
	for (int p = 0; p < u; p++)
		edges[find_root(comp, pair[2 * p])]++;
	for (int c = 0; c < n; c++) {
		long k = size[c];
		if (k >= 4 && edges[c] == k * (k - 1) / 2)
			finding(f, "peering-mesh", S(t, t->vpcs[c].id_s),
				"%ld VPCs are fully meshed with %d peering connections; a transit "
				"gateway would be simpler to run",
				k, edges[c]);
	}
	free(size);
	free(edges);
	free(comp);
	free(pair);
}

static void lint(const struct topo *t, struct findings *f)
{
	char buf[64], buf2[64];
	for (int v = t->nvpcs - t->implied_vpcs; v < t->nvpcs; v++)
		finding(f, "vpc-missing", S(t, t->vpcs[v].id_s),
			"subnets name this VPC, which is not in the topology (describe-vpcs output "
			"missing?): its CIDRs are taken from %s",
			t->vpcs[v].implied == 1 ? "its route tables' local routes" : "its subnets");
	if (t->truncated)
		finding(f, "output-paginated", t->truncated_first,
			"describe output with a NextToken: one page of several (--max-items); objects on "
			"pages not given are missing: give every page, or the whole output%s (when every "
			"page is here, the last one without a NextToken, this stays: pages are not matched "
			"up; the whole output, without --max-items, silences it)",
			t->truncated > 1 ? " (other outputs too)" : "");
	if (t->unread)
		finding(f, "files-not-read", t->unread_first,
			"%d file%s in the topology's directories %s not read: only *.json files holding "
			"describe output of the kinds flowpath reads are (docs/behaviour.md; a gzipped "
			"one: gunzip it)",
			t->unread, t->unread > 1 ? "s" : "", t->unread > 1 ? "were" : "was");
	if (t->unread_entries)
		finding(f, "prefix-list-entries-file", t->entries_first,
			"%d file%s %s get-managed-prefix-list-entries output, which names no prefix list: "
			"name the file by the list's id, pl- and 8 or 17 hexadecimal digits "
			"(pl-63a5400a.json), or add %s Entries to the list's "
			"element of PrefixLists (README, The topology)",
			t->unread_entries, t->unread_entries > 1 ? "s" : "", t->unread_entries > 1 ? "are" : "is",
			t->unread_entries > 1 ? "their" : "its");
	if (t->nvpcs == 0)
		finding(f, "no-vpc", "-",
			"%s",
			"the topology has no VPC, and no subnet to imply one (empty describe output, as a "
			"command run in another region or account than the logs' gives): analyze can "
			"place no record");
	if (t->duplicate_objects)
		finding(f, "route-table-conflict", S(t, t->duplicate_first_s),
			"described twice with other routes or associations%s: the first read is kept "
			"(an older snapshot beside a newer one?)",
			t->duplicate_objects > 1 ? ", as are other route tables" : "");
	for (int s = t->nsubnets - t->implied_subnets; s < t->nsubnets; s++)
		finding(f, "subnet-missing", S(t, t->subnets[s].id_s),
			"network interfaces name this subnet, which is not in the topology (a page of "
			"describe-subnets output missing?): it has no CIDRs, so only its interfaces' own "
			"addresses are placed in it");
	/* one finding per VPC, whichever of its interfaces come first */
	uint8_t *seen = xcalloc((size_t)t->nids + 1, 1);
	for (int i = 0; i < t->nenis; i++) {
		uint32_t v = t->enis[i].vpc_s;
		if (!v || v > t->nids || seen[v])
			continue;
		seen[v] = 1;
		if (t->enis[i].listed && topo_index_of(t, v, OBJ_VPC) < 0)
			finding(f, "vpc-missing", S(t, v),
				"network interfaces name this VPC, which is not in the topology "
				"(describe-vpcs and describe-subnets output missing?): their records "
				"have no CIDRs to be placed by");
	}
	free(seen);
	/* objects described twice: the copy the model keeps (topo_index_of),
	 * once */
	for (int s = 0; s < t->nsubnets; s++)
		if (topo_index_of(t, t->subnets[s].id_s, OBJ_SUBNET) == s && topo_rtable_of_subnet(t, s) < 0)
			finding(f, "subnet-without-route-table", S(t, t->subnets[s].id_s),
				"no route table is associated and VPC %s has no main route table",
				S(t, t->subnets[s].vpc_s));
	for (int i = 0; i < t->nrtables; i++) {
		const struct t_rtable *rt = &t->rtables[i];
		if (topo_index_of(t, rt->id_s, OBJ_RTABLE) != i)
			continue;
		for (int r = 0; r < rt->nroutes; r++) {
			const struct t_route *ro = &rt->routes[r];
			/* one finding per table and target: an earlier route to it,
			 * and an earlier active one (a blackhole route to the
			 * same target, in any order, hides no active one) */
			int again = 0, again_active = 0;
			for (int q = 0; q < r; q++)
				if (rt->routes[q].target_s == ro->target_s) {
					again = 1;
					again_active |= !rt->routes[q].blackhole;
				}
			const char *kinds,
				*why = again_active || ro->blackhole ? NULL : inactive_target(t, ro, &kinds);
			if (why)
				finding(f, "route-target-inactive", S(t, rt->id_s),
					"an active route targets %s, %s: AWS shows such a route as blackhole "
					"(a route table and %s described at different times?)",
					S(t, ro->target_s), why, kinds);
			char dst[80];
			route_dst(t, ro, dst, sizeof(dst));
			if (ro->kind == TGT_UNKNOWN && !again) {
				if (ro->target_s)
					finding(f, "route-target-unknown", S(t, rt->id_s),
						"a route sends %s to %s, a kind of target flowpath does not know: "
						"what it matches is classified other-gateway",
						dst, S(t, ro->target_s));
				else
					finding(f, "route-target-unknown", S(t, rt->id_s),
						"a route sends %s to no target (no target field): what it "
						"matches is classified other-gateway, with no via",
						dst);
			}
			if (!again && !target_known(t, ro))
				finding(f, "route-target-missing", S(t, rt->id_s),
					"a route targets %s, which is not in the topology",
					S(t, ro->target_s));
			char where[192];
			if (!again && target_elsewhere(t, rt, ro, where, sizeof(where)))
				finding(f, "route-target-elsewhere", S(t, rt->id_s),
					"a route of %s targets %s, %s: AWS accepts no such route (route "
					"tables and targets of different snapshots or accounts?)",
					S(t, rt->vpc_s), S(t, ro->target_s), where);
			const char *peer = ro->blackhole ? NULL : beyond_peer(t, rt, ro);
			if (peer)
				finding(f, "route-beyond-peer", S(t, rt->id_s),
					"a route sends %s to %s, but no CIDR of its peer VPC %s overlaps it: "
					"peering is not transitive, and what it matches is dropped",
					dst, S(t, ro->target_s), peer);
		}
		int holes = 0;
		const struct t_route *hole = NULL;
		for (int r = 0; r < rt->nroutes; r++)
			if (rt->routes[r].blackhole && !holes++)
				hole = &rt->routes[r];
		if (holes) {
			/* a peering connection the topology holds, not active
			 * (pending acceptance, say), is there: named with its
			 * state rather than as gone */
			char why[160] = "";
			int pi = topo_index_of(t, hole->target_s, OBJ_PEERING);
			if (holes == 1 && pi >= 0 && !t->peerings[pi].active)
				snprintf(why, sizeof(why), "the peering connection is %s%s",
					 t->peerings[pi].status_s ? S(t, t->peerings[pi].status_s) : "not active",
					 t->peerings[pi].status_s ? ", not active" : "");
			finding(f, "route-blackhole", S(t, rt->id_s),
				"%d route%s in state blackhole (to %s%s): %s, and what %s match%s is dropped",
				holes, holes > 1 ? "s are" : " is", S(t, hole->target_s), holes > 1 ? ", ..." : "",
				why[0] ? why : holes > 1 ? "their target is gone" : "its target is gone",
				holes > 1 ? "they" : "it", holes > 1 ? "" : "es");
		}
		if (rt->unresolved_pl) {
			char ids[256] = "";
			for (int r = 0; r < rt->nroutes; r++) {
				size_t n = strlen(ids);
				const char *id = S(t, rt->routes[r].pl_s);
				if (!rt->routes[r].unresolved)
					continue;
				if (n + strlen(id) + 8 > sizeof(ids)) {
					snprintf(ids + n, sizeof(ids) - n, ", ...");
					break;
				}
				snprintf(ids + n, sizeof(ids) - n, "%s%s", n ? ", " : "", id);
			}
			finding(f, "prefix-list-unresolved", S(t, rt->id_s),
				"%d prefix-list route%s no CIDRs (%s): add the lists' CIDRs "
				"(customer-managed: get-managed-prefix-list-entries output, as the "
				"README shows; AWS-managed: describe-prefix-lists output, or --ip-ranges "
				"for a gateway endpoint's)",
				rt->unresolved_pl, rt->unresolved_pl == 1 ? " has" : "s have", ids);
		}
	}
	/* a gateway endpoint's RouteTableIds naming a table without a route
	 * to it: the two were described at different times (the routes
	 * decide the path) */
	for (int e = 0; e < t->nendpoints; e++) {
		const struct t_endpoint *ep = &t->endpoints[e];
		if (ep->type != EP_GATEWAY || topo_index_of(t, ep->id_s, OBJ_ENDPOINT) != e)
			continue;
		for (int k = 0; k < ep->nrtables; k++) {
			int i = topo_index_of(t, ep->rtable_s[k], OBJ_RTABLE);
			if (i >= 0 && !topo_rtable_routes_to(t, i, ep->id_s))
				finding(f, "endpoint-route-missing", S(t, ep->id_s),
					"its RouteTableIds name %s, which has no route to it: the endpoint "
					"and the route table were described at different times? The "
					"table's routes decide the path",
					S(t, ep->rtable_s[k]));
		}
	}
	/* a VPC may have several gateway endpoints of one service, each on
	 * its own route tables: a table on any of them is done, and the
	 * finding is the first endpoint's */
	for (int e = 0; e < t->nendpoints; e++) {
		const struct t_endpoint *ep = &t->endpoints[e];
		if (ep->type != EP_GATEWAY || same_gateway_endpoint(t, ep, 0, e) >= 0 ||
		    topo_index_of(t, ep->id_s, OBJ_ENDPOINT) != e)
			continue;
		int several = same_gateway_endpoint(t, ep, e + 1, t->nendpoints) >= 0;
		for (int i = 0; i < t->nrtables; i++) {
			const struct t_rtable *rt = &t->rtables[i];
			const struct t_route *def = default_to_charged(rt);
			int via = def ? (int)def->kind : 0;
			/* a table of transit gateway attachment subnets alone
			 * carries other VPCs' traffic, which a gateway endpoint
			 * here does not serve (centralized egress) */
			if (rt->vpc_s != ep->vpc_s || !via || !topo_rtable_serves_workloads(t, i))
				continue;
			/* associated: the table routes to it (its routes decide
			 * the path, as for the recommendations) */
			if (!topo_rtable_routes_to_gateway(t, i, ep->vpc_s, ep->service_s))
				finding(f, "gateway-endpoint-not-associated", S(t, ep->id_s),
					"route table %s sends 0.0.0.0/0 to a %s but is not associated "
					"with %s %s gateway endpoint%s: its %s traffic pays %s",
					S(t, rt->id_s), via == TGT_NAT ? "NAT gateway" : "transit gateway",
					several ? "any of the VPC's" : "this", S(t, ep->service_s),
					several ? "s" : "", S(t, ep->service_s),
					via == TGT_NAT ? "NAT processing"
						       : "transit gateway processing (and a NAT gateway's, "
							 "where the transit gateway sends it to one)");
		}
	}
	/* a table whose IPv4 default route goes to a zonal NAT gateway in
	 * another AZ than some of its subnets, where the VPC has one of the
	 * same kind already: their traffic crosses AZs for nothing */
	for (int i = 0; i < t->nrtables; i++) {
		const struct t_rtable *rt = &t->rtables[i];
		const struct t_route *def = default_to_charged(rt);
		int n;
		if (topo_index_of(t, rt->id_s, OBJ_RTABLE) != i || !topo_rtable_serves_workloads(t, i) ||
		    !def || def->kind != TGT_NAT || (n = topo_index_of(t, def->target_s, OBJ_NAT)) < 0)
			continue;
		const struct t_nat *x = &t->nats[n];
		if (x->regional || x->gone || x->subnet < 0 || x->vpc_s != rt->vpc_s ||
		    !t->subnets[x->subnet].az_s)
			continue;
		uint32_t naz = t->subnets[x->subnet].az_s;
		int count = 0;
		const char *first = NULL, *first_az = NULL, *local = NULL;
		for (int k = 0; k < t->nsubnets; k++) {
			const struct t_subnet *sb = &t->subnets[k];
			int hours;
			if (topo_index_of(t, sb->id_s, OBJ_SUBNET) != k || topo_rtable_of_subnet(t, k) != i ||
			    !sb->az_s || sb->az_s == naz || sb->attachment_only)
				continue;
			const char *other = topo_nat_in_az(t, S(t, rt->vpc_s), S(t, sb->az_s), x->private_nat, &hours);
			if (!other || hours)
				continue;
			if (!count++) {
				first = S(t, sb->id_s);
				first_az = S(t, sb->az_s);
				local = other;
			}
		}
		if (count)
			finding(f, "nat-gateway-other-az", S(t, rt->id_s),
				"sends 0.0.0.0/0 to NAT gateway %s in %s, but subnet %s%s is in %s, where "
				"the VPC has NAT gateway %s: the traffic crosses AZs (charged each way) and "
				"loses %s if %s fails; route it to %s (analyze prices it: nat-gateway-per-az)",
				S(t, def->target_s), S(t, naz), first, count > 1 ? " (and others)" : "",
				first_az, local, x->private_nat ? "what it reaches through it" : "internet access",
				S(t, naz), local);
	}
	for (int a = 0; a < t->nvpcs; a++) {
		for (int b = a + 1; b < t->nvpcs; b++) {
			const struct t_vpc *va = &t->vpcs[a], *vb = &t->vpcs[b];
			/* a VPC described again (two accounts' outputs) is the
			 * first description's */
			if (va->owner_s != vb->owner_s || va->id_s == vb->id_s ||
			    topo_index_of(t, va->id_s, OBJ_VPC) != a || topo_index_of(t, vb->id_s, OBJ_VPC) != b)
				continue;
			for (int i = 0; i < va->ncidrs; i++)
				for (int j = 0; j < vb->ncidrs; j++)
					if (overlaps(&va->cidrs[i], &vb->cidrs[j])) {
						/* in two regions (default VPCs are):
						 * a problem when they are connected, and
						 * for records without vpc-id */
						char apart[160] = "";
						if (va->region_s != vb->region_s && va->region_s && vb->region_s)
							snprintf(apart, sizeof(apart),
								 " (%s and %s: version 2 records, "
								 "without vpc-id, cannot tell them apart "
								 "in files without their S3 names)",
								 S(t, va->region_s), S(t, vb->region_s));
						finding(f, "cidr-overlap", S(t, va->id_s),
							"%s/%d overlaps %s/%d of %s in account %s%s",
							fl_addr_format(&va->cidrs[i].a, buf, sizeof(buf)),
							va->cidrs[i].plen,
							fl_addr_format(&vb->cidrs[j].a, buf2, sizeof(buf2)),
							vb->cidrs[j].plen, S(t, vb->id_s), S(t, va->owner_s),
							apart);
					}
		}
	}
	peering_mesh(t, f);
}

int run_topology_check(const struct options *o, FILE *out, struct diag *d)
{
	struct topo *t;
	if (analyze_load_model(o, (const char *const *)(o->inputs + 1), o->ninputs - 1, &t, d) != 0)
		return ANALYZE_E_MODEL;
	static const struct table_col count_cols[] = {{"kind", COL_STR}, {"count", COL_U64}};
	struct table *tc = table_new(out, FMT_TABLE, count_cols, 2);
	struct {
		const char *name;
		int n;
	} counts[] = {
		{"vpcs", topo_count(t, OBJ_VPC)},
		{"subnets", topo_count(t, OBJ_SUBNET)},
		{"route_tables", topo_count(t, OBJ_RTABLE)},
		{"nat_gateways", topo_count(t, OBJ_NAT)},
		{"vpc_endpoints", topo_count(t, OBJ_ENDPOINT)},
		{"peering_connections", topo_count(t, OBJ_PEERING)},
		{"transit_gateway_attachments", topo_count(t, OBJ_TGW_ATT)},
		{"gateways", topo_count(t, OBJ_GATEWAY)},
		{"network_interfaces", topo_count(t, OBJ_ENI)},
		{"prefix_lists", topo_count(t, OBJ_PREFIX_LIST)},
	};
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		table_cstr(tc, counts[i].name);
		table_u64(tc, (uint64_t)counts[i].n);
		table_end_row(tc);
	}
	table_finish(tc);
	fputc('\n', out);
	static const struct table_col fcols[] = {
		{"finding", COL_STR}, {"object", COL_STR}, {"detail", COL_TEXT}};
	struct findings f = {table_new(out, FMT_TABLE, fcols, 3), 0};
	lint(t, &f);
	table_finish(f.t);
	fprintf(out, "\n%d finding%s\n", f.n, f.n == 1 ? "" : "s");
	topo_free(t);
	return f.n ? 1 : 0;
}
