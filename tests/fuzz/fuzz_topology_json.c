/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the topology loader: topo_load_buffer into a fresh model,
 * topo_finish, then the model's own invariants (every id maps back to an
 * object of its kind, every link is in range and agrees with the id it came
 * from, lookups return routes and VPCs that hold the address) and
 * json_locate on the text with a few paths; addresses of one class
 * (topo_addr_class) must agree on every lookup. An input starting with '#' also
 * classifies fixed flow records against the model, some as of a flow log of
 * a known region (the rest is the JSON).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "flowlog.h"
#include "prefix.h"
#include "topo.h"
#include "topology_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_diag(const struct diag *d, int rc)
{
	if (rc >= 0 || d->code != rc || strcmp(d->file, "fuzz.json") != 0 ||
	    memchr(d->msg, '\0', sizeof(d->msg)) == NULL || d->msg[0] == '\0')
		abort();
	if (rc != TJ_E_SYNTAX && rc != TJ_E_SHAPE && rc != TJ_E_EMPTY)
		abort();
}

static void check_index(int i, int n)
{
	if (i < -1 || i >= n)
		abort();
}

static int array_len(const struct topo *t, enum obj_kind k)
{
	switch (k) {
	case OBJ_VPC: return t->nvpcs;
	case OBJ_SUBNET: return t->nsubnets;
	case OBJ_RTABLE: return t->nrtables;
	case OBJ_NAT: return t->nnats;
	case OBJ_ENDPOINT: return t->nendpoints;
	case OBJ_PEERING: return t->npeerings;
	case OBJ_TGW_ATT: return t->ntgw_atts;
	case OBJ_GATEWAY: return t->ngateways;
	case OBJ_ENI: return t->nenis;
	case OBJ_PREFIX_LIST: return t->nplists;
	default: return 0;
	}
}

static uint32_t id_at(const struct topo *t, enum obj_kind k, int i)
{
	switch (k) {
	case OBJ_VPC: return t->vpcs[i].id_s;
	case OBJ_SUBNET: return t->subnets[i].id_s;
	case OBJ_RTABLE: return t->rtables[i].id_s;
	case OBJ_NAT: return t->nats[i].id_s;
	case OBJ_ENDPOINT: return t->endpoints[i].id_s;
	case OBJ_PEERING: return t->peerings[i].id_s;
	case OBJ_TGW_ATT: return t->tgw_atts[i].id_s;
	case OBJ_GATEWAY: return t->gateways[i].id_s;
	case OBJ_ENI: return t->enis[i].id_s;
	case OBJ_PREFIX_LIST: return t->plists[i].id_s;
	default: return 0;
	}
}

/* Every id names one object of its kind whose id it is. */
static void check_ids(const struct topo *t)
{
	int total = 0;
	for (int k = OBJ_VPC; k <= OBJ_PREFIX_LIST; k++) {
		int c = topo_count(t, (enum obj_kind)k);
		if (c < 0 || c > array_len(t, (enum obj_kind)k))
			abort();
		total += c;
	}
	if ((uint32_t)total > t->nids)
		abort();
	for (uint32_t id = 1; id <= t->nids; id++) {
		const char *s = strpool_str(t->pool, id);
		size_t len = strpool_len(t->pool, id);
		int idx;
		if (!s || s[len] != '\0')
			abort();
		enum obj_kind k = topo_find(t, s, len, &idx);
		if (k == OBJ_NONE)
			continue;
		if (k > OBJ_PREFIX_LIST || idx < 0 || idx >= array_len(t, k) || id_at(t, k, idx) != id)
			abort();
	}
}

static void check_links(const struct topo *t)
{
	for (int i = 0; i < t->nvpcs; i++) {
		const struct t_vpc *v = &t->vpcs[i];
		check_index(v->main_rtable, t->nrtables);
		if (v->main_rtable >= 0 && !t->rtables[v->main_rtable].is_main)
			abort();
		for (int k = 0; k < v->nsubnets; k++) {
			check_index(v->subnets[k], t->nsubnets);
			if (v->subnets[k] < 0 || t->subnets[v->subnets[k]].vpc != i)
				abort();
		}
	}
	for (int i = 0; i < t->nsubnets; i++) {
		const struct t_subnet *s = &t->subnets[i];
		check_index(s->vpc, t->nvpcs);
		check_index(s->rtable, t->nrtables);
		if (s->vpc >= 0 && t->vpcs[s->vpc].id_s != s->vpc_s)
			abort();
		check_index(topo_rtable_of_subnet(t, i), t->nrtables);
	}
	/* later duplicates of an id are never linked */
	for (int i = 0; i < t->nrtables; i++)
		if (t->index_of[t->rtables[i].id_s] == i)
			check_index(t->rtables[i].vpc, t->nvpcs);
	for (int i = 0; i < t->nenis; i++) {
		const struct t_eni *e = &t->enis[i];
		check_index(e->subnet, t->nsubnets);
		check_index(e->vpc, t->nvpcs);
		/* a NAT, endpoint or TGW interface may not find its owner: -1 */
		if (e->role == ROLE_NAT)
			check_index(e->nat, t->nnats);
		if (e->role == ROLE_IFACE_EP)
			check_index(e->endpoint, t->nendpoints);
		if (e->role == ROLE_TGW)
			check_index(e->tgw_att, t->ntgw_atts);
	}
	for (int i = 0; i < t->nnats; i++) {
		check_index(t->nats[i].subnet, t->nsubnets);
		check_index(t->nats[i].vpc, t->nvpcs);
	}
	for (int i = 0; i < t->nendpoints; i++)
		check_index(t->endpoints[i].vpc, t->nvpcs);
}

static void lookup(const struct topo *t, const struct fl_addr *a)
{
	int v = topo_vpc_of_addr(t, a);
	if (v == -2) {
		/* several VPCs hold it */
		int n = 0;
		for (int i = 0; i < t->nvpcs; i++)
			n += topo_vpc_holds(t, i, a);
		if (n < 2)
			abort();
	} else {
		check_index(v, t->nvpcs);
	}
	if (v >= 0 && !topo_vpc_holds(t, v, a))
		abort();
	for (int r = 0; r < t->nrtables; r++) {
		const struct t_rtable *rt = &t->rtables[r];
		int k = topo_route_lookup(t, r, a);
		check_index(k, rt->nroutes);
		if (k >= 0 && rt->routes[k].pl_s == 0 &&
		    !prefix_contains(&rt->routes[k].dst.a, rt->routes[k].dst.plen, a))
			abort();
	}
	const struct t_range *range;
	if (topo_service_of(t, a, &range) &&
	    (range < t->ranges || range >= t->ranges + t->nranges))
		abort();
}

/* What every lookup of the model says of a, folded into one number:
 * addresses of the same class must agree on it (topo_addr_class). */
static uint64_t signature(const struct topo *t, const struct fl_addr *a)
{
	uint64_t h = 1469598103934665603ULL;
#define MIX(x) (h = (h ^ (uint64_t)(int64_t)(x)) * 1099511628211ULL)
	uint32_t v;
	MIX(a->family);
	MIX(topo_vpc_of_addr(t, a));
	for (int r = 0; r < t->nrtables; r++)
		MIX(topo_route_lookup(t, r, a));
	const struct t_range *range;
	MIX(topo_service_of(t, a, &range) ? range - t->ranges : -1);
	for (int i = 0; i < t->nvpcs; i++) {
		const struct t_vpc *vp = &t->vpcs[i];
		MIX(topo_vpc_holds(t, i, a));
		MIX(vp->subnet_lpm && prefix_lookup(vp->subnet_lpm, a, &v, NULL) ? (int64_t)v : -1);
		MIX(vp->eni_lpm && prefix_lookup(vp->eni_lpm, a, &v, NULL) ? (int64_t)v : -1);
	}
	for (int i = 0; i < t->nenis; i++)
		for (int k = 0; k < t->enis[i].naddrs; k++)
			MIX(memcmp(&t->enis[i].addrs[k], a, sizeof(*a)) == 0);
	for (int i = 0; i < t->npeerings; i++) {
		const struct t_peer_side *sd[2] = {&t->peerings[i].req, &t->peerings[i].acc};
		for (int j = 0; j < 2; j++)
			for (int k = 0; k < sd[j]->ncidrs; k++)
				MIX(prefix_contains(&sd[j]->cidrs[k].a, sd[j]->cidrs[k].plen, a));
	}
#undef MIX
	return h;
}

#define NPROBES 96 /* 11 fixed, 32 ENI, 32 subnet and room to spare */
struct probes {
	struct fl_addr a[NPROBES];
	int n;
};

static void probe_add(struct probes *p, const struct fl_addr *a)
{
	if (p->n < NPROBES)
		p->a[p->n++] = *a;
}

/* Addresses of one class answer every lookup alike. */
static void check_classes(const struct topo *t, const struct probes *p)
{
	uint32_t cls[NPROBES];
	uint64_t sig[NPROBES];
	for (int i = 0; i < p->n; i++) {
		cls[i] = topo_addr_class(t, &p->a[i]);
		sig[i] = signature(t, &p->a[i]);
		for (int j = 0; j < i; j++)
			if (cls[j] == cls[i] && p->a[j].family == p->a[i].family && sig[j] != sig[i])
				abort();
	}
}

static const char *const fixed_addrs[] = {
	"10.0.1.5", "10.0.0.220", "10.1.0.4", "172.16.0.1", "52.216.1.1", "203.0.113.5",
	"0.0.0.0", "255.255.255.255", "::", "2600:1f18:aaaa:aa01::5", "ffff::1",
};

static void lookups(const struct topo *t)
{
	struct fl_addr a;
	struct probes pr;
	pr.n = 0;
	for (size_t i = 0; i < sizeof(fixed_addrs) / sizeof(fixed_addrs[0]); i++) {
		if (fl_addr_parse(fixed_addrs[i], strlen(fixed_addrs[i]), &a) != 0)
			abort();
		lookup(t, &a);
		probe_add(&pr, &a);
	}
	/* each ENI address and its neighbour, each subnet's first address and
	 * the one before it */
	for (int i = 0; i < t->nenis && i < 8; i++)
		for (int k = 0; k < t->enis[i].naddrs && k < 2; k++) {
			a = t->enis[i].addrs[k];
			probe_add(&pr, &a);
			a.b[a.family == 4 ? 3 : 15] ^= 1;
			probe_add(&pr, &a);
		}
	for (int i = 0; i < t->nsubnets && i < 8; i++)
		for (int k = 0; k < t->subnets[i].ncidrs && k < 2; k++) {
			a = t->subnets[i].cidrs[k].a;
			probe_add(&pr, &a);
			int last = a.family == 4 ? 3 : 15;
			while (last >= 0 && a.b[last] == 0)
				a.b[last--] = 0xff;
			if (last >= 0)
				a.b[last]--;
			probe_add(&pr, &a);
		}
	check_classes(t, &pr);
	/* the first and last-but-one address of the first CIDRs of each VPC */
	for (int i = 0; i < t->nvpcs && i < 8; i++) {
		const struct t_vpc *v = &t->vpcs[i];
		if (v->ncidrs == 0)
			continue;
		a = v->cidrs[0].a;
		lookup(t, &a);
		int last = a.family == 4 ? 3 : 15;
		a.b[last] ^= 1;
		lookup(t, &a);
	}
}

static const char *const paths[] = {
	"Vpcs[0]", "Subnets[1].CidrBlock", "RouteTables[0].Routes[2]",
	"NetworkInterfaces[0].PrivateIpAddresses[1].PrivateIpAddress", "[0]", "x.y[3].z",
};

static void locate(const char *text, size_t len)
{
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		unsigned long line = 0, col = 0;
		int rc = json_locate(text, len, paths[i], &line, &col);
		if (rc == 0 && (line < 1 || col < 1 || line > len + 1 || col > len + 1))
			abort();
		if (rc != 0 && rc != -1)
			abort();
	}
}

/* Records the classifier sees: workload, NAT, endpoint, TGW and unknown
 * interfaces, IPv6, pkt-* addresses and a minimal layout. */
static const struct {
	const char *spec, *line;
} records[] = {
	{"account-id interface-id srcaddr dstaddr packets bytes",
	 "111111111111 eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 1 100"},
	{"account-id interface-id srcaddr dstaddr packets bytes",
	 "111111111111 eni-1111aaaa2222bbbb3 2600:1f18:aaaa:aa01::5 2a05:d018::1 1 10"},
	{"interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr",
	 "eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5"},
	{"interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr flow-direction",
	 "eni-tgw 10.0.1.5 10.1.0.4 10.0.1.5 10.1.0.4 ingress"},
	{"interface-id srcaddr dstaddr pkt-dst-aws-service flow-direction",
	 "eni-sqs 10.0.1.5 52.94.8.1 DYNAMODB egress"},
	{"interface-id srcaddr dstaddr", "eni-zz 10.0.2.4 172.16.0.9"},
	{"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets "
	 "bytes start end action log-status traffic-path",
	 "5 111111111111 eni-1111aaaa2222bbbb3 10.0.1.5 52.216.1.1 443 50000 6 10 840 "
	 "1700000000 1700000060 ACCEPT OK 8"},
};

static void check_sv(const struct sv *s)
{
	if (s->len && !s->p)
		abort();
	/* read every byte, so that AddressSanitizer sees a stale view */
	volatile char sink = 0;
	for (uint32_t i = 0; i < s->len; i++)
		sink = (char)(sink ^ s->p[i]);
	(void)sink;
}

static void classify_all(const struct topo *t)
{
	static struct fl_layout lay;
	static struct fl_record rec;
	static struct cls_trace tr;
	char err[128];
	for (size_t i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
		const char *spec = records[i].spec, *line = records[i].line;
		if (fl_layout_from_spec(&lay, spec, strlen(spec), err, sizeof(err)) != 0 ||
		    fl_parse_line(&lay, line, strlen(line), &rec) != 0)
			abort();
		struct cls_result c;
		memset(&c, 0, sizeof(c));
		/* every other pair as of a flow log of a known region (its S3 name) */
		classify_in_region(t, &rec, (i & 2) ? "us-east-1" : NULL, &c, (i & 1) ? &tr : NULL);
		if ((unsigned)c.vantage >= NVANTAGES || (unsigned)c.side >= NSIDES ||
		    (unsigned)c.direction >= NDIRS || (unsigned)c.path >= NPATHS ||
		    (unsigned)c.reason >= NREASONS || !path_name(c.path) || !reason_name(c.reason))
			abort();
		if ((i & 1) && (tr.n < 0 || tr.n > 48))
			abort();
		const struct sv *views[] = {&c.account, &c.region, &c.vpc, &c.subnet, &c.az,
					    &c.service, &c.service_region, &c.via, &c.remote_vpc,
					    &c.remote_region};
		for (size_t k = 0; k < sizeof(views) / sizeof(views[0]); k++)
			check_sv(views[k]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int classify_mode = size > 0 && data[0] == '#';
	if (classify_mode) {
		data++;
		size--;
	}
	char *p = malloc(size ? size : 1);
	memcpy(p, data, size);

	struct topo *t = topo_new();
	struct diag d;
	diag_clear(&d);
	int rc = topo_load_buffer(t, "fuzz.json", p, size, &d);
	if (rc != 0)
		check_diag(&d, rc);
	else if (d.code != 0)
		abort();
	/* objects loaded before an error stay: the model must still finish */
	if (topo_finish(t) != 0 || !t->finished)
		abort();
	check_ids(t);
	check_links(t);
	lookups(t);
	if (classify_mode)
		classify_all(t);
	locate(p, size);
	topo_free(t);
	free(p);
	return 0;
}
