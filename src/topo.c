/* SPDX-License-Identifier: MIT */
/* The topology model: storage, linking and lookups; see topo.h. */
#include "topo.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define VPC_AMBIGUOUS UINT32_MAX

#define GROW(t, name)                                                                    \
	do {                                                                             \
		if ((t)->n##name == (t)->cap_##name) {                                   \
			(t)->cap_##name = (t)->cap_##name ? (t)->cap_##name * 2 : 16;    \
			(t)->name = xrealloc((t)->name,                                  \
					     (size_t)(t)->cap_##name * sizeof(*(t)->name)); \
		}                                                                        \
		memset(&(t)->name[(t)->n##name], 0, sizeof(*(t)->name));                 \
	} while (0)

struct topo *topo_new(void)
{
	struct topo *t = xcalloc(1, sizeof(*t));
	t->pool = strpool_new();
	return t;
}

uint32_t topo_str(struct topo *t, const char *s)
{
	return s ? strpool_intern(t->pool, s, strlen(s)) : 0;
}

#define ADDER(type, fn, name)                  \
	type *fn(struct topo *t)               \
	{                                      \
		GROW(t, name);                 \
		return &t->name[t->n##name++]; \
	}

ADDER(struct t_vpc, topo_add_vpc, vpcs)
ADDER(struct t_subnet, topo_add_subnet, subnets)
ADDER(struct t_rtable, topo_add_rtable, rtables)
ADDER(struct t_nat, topo_add_nat, nats)
ADDER(struct t_endpoint, topo_add_endpoint, endpoints)
ADDER(struct t_peering, topo_add_peering, peerings)
ADDER(struct t_tgw_att, topo_add_tgw_att, tgw_atts)
ADDER(struct t_gateway, topo_add_gateway, gateways)
ADDER(struct t_eni, topo_add_eni, enis)
ADDER(struct t_prefix_list, topo_add_plist, plists)

void topo_free(struct topo *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nvpcs; i++) {
		free(t->vpcs[i].cidrs);
		free(t->vpcs[i].subnets);
		prefix_free(t->vpcs[i].subnet_lpm);
		prefix_free(t->vpcs[i].eni_lpm);
		free(t->vpcs[i].participants);
	}
	for (int i = 0; i < t->nsubnets; i++)
		free(t->subnets[i].cidrs);
	for (int i = 0; i < t->nrtables; i++) {
		free(t->rtables[i].routes);
		free(t->rtables[i].subnet_s);
		prefix_free(t->rtables[i].lpm);
	}
	for (int i = 0; i < t->nnats; i++) {
		free(t->nats[i].eni_s);
		free(t->nats[i].priv);
		free(t->nats[i].az_s);
	}
	for (int i = 0; i < t->nendpoints; i++) {
		free(t->endpoints[i].rtable_s);
		free(t->endpoints[i].eni_s);
		free(t->endpoints[i].subnet_s);
		free(t->endpoints[i].range_prefix);
	}
	for (int i = 0; i < t->npeerings; i++) {
		free(t->peerings[i].req.cidrs);
		free(t->peerings[i].acc.cidrs);
	}
	for (int i = 0; i < t->ntgw_atts; i++)
		free(t->tgw_atts[i].subnet_s);
	for (int i = 0; i < t->ngateways; i++)
		free(t->gateways[i].vpc_s);
	for (int i = 0; i < t->nenis; i++) {
		free(t->enis[i].addrs);
		free(t->enis[i].prefixes);
	}
	for (int i = 0; i < t->nplists; i++)
		free(t->plists[i].cidrs);
	free(t->vpcs);
	free(t->subnets);
	free(t->rtables);
	free(t->nats);
	free(t->endpoints);
	free(t->peerings);
	free(t->tgw_atts);
	free(t->gateways);
	free(t->enis);
	free(t->plists);
	free(t->ranges);
	free(t->kind_of);
	free(t->index_of);
	free(t->nat_named);
	prefix_free(t->vpc_lpm);
	prefix_free(t->range_lpm);
	prefix_free(t->class_lpm);
	free(t->range_prefixes);
	strpool_free(t->pool);
	free(t);
}

/* Lower is preferred: S3 and DYNAMODB, other services, EC2, AMAZON. */
static int service_rank(const char *s)
{
	if (strcmp(s, "S3") == 0 || strcmp(s, "DYNAMODB") == 0)
		return 0;
	if (strcmp(s, "AMAZON") == 0)
		return 3;
	if (strcmp(s, "EC2") == 0)
		return 2;
	return 1;
}

static int range_better(const struct topo *t, const struct t_range *a, const struct t_range *b)
{
	const char *sa = strpool_str(t->pool, a->service_s);
	const char *sb = strpool_str(t->pool, b->service_s);
	int ra = service_rank(sa), rb = service_rank(sb);
	if (ra != rb)
		return ra < rb;
	int c = strcmp(sa, sb);
	if (c != 0)
		return c < 0;
	return strcmp(strpool_str(t->pool, a->region_s), strpool_str(t->pool, b->region_s)) < 0;
}

int topo_add_range(struct topo *t, const struct cidr *c, const char *service, const char *region)
{
	struct t_range r = {topo_str(t, service), topo_str(t, region)};
	uint32_t existing;

	if (!t->range_lpm)
		t->range_lpm = prefix_new();
	GROW(t, ranges);
	int rc = prefix_add(t->range_lpm, &c->a, c->plen, (uint32_t)t->nranges, &existing);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		if (range_better(t, &r, &t->ranges[existing]))
			t->ranges[existing] = r;
		return 0;
	}
	t->ranges[t->nranges++] = r;
	GROW(t, range_prefixes);
	t->range_prefixes[t->nrange_prefixes].c = *c;
	t->range_prefixes[t->nrange_prefixes].range = (uint32_t)(t->nranges - 1);
	t->nrange_prefixes++;
	t->have_ranges = 1;
	return 0;
}

int topo_region_of_az(const char *az, char *buf, size_t len)
{
	/* Keep dash-separated parts up to the first one that starts with a
	 * digit; of that part keep only the digits. */
	size_t o = 0;
	const char *p = az;
	while (*p) {
		const char *dash = strchr(p, '-');
		size_t n = dash ? (size_t)(dash - p) : strlen(p);
		if (n > 0 && p[0] >= '0' && p[0] <= '9') {
			size_t d = 0;
			while (d < n && p[d] >= '0' && p[d] <= '9')
				d++;
			if (o + d + 1 > len)
				return -1;
			memcpy(buf + o, p, d);
			o += d;
			buf[o] = '\0';
			return 0;
		}
		if (o + n + 2 > len)
			return -1;
		memcpy(buf + o, p, n);
		o += n;
		buf[o++] = '-';
		if (!dash)
			break;
		p = dash + 1;
	}
	return -1;
}

static int same_route(const struct t_route *x, const struct t_route *y)
{
	return x->pl_s == y->pl_s && x->kind == y->kind && x->target_s == y->target_s &&
	       x->blackhole == y->blackhole && x->propagated == y->propagated && x->dst.plen == y->dst.plen &&
	       fl_addr_eq(&x->dst.a, &y->dst.a);
}

/* Do two descriptions of a route table say the same: the same routes and
 * associated subnets, in any order? (Routes of one table are distinct, a
 * destination at most once as a static route and once as a propagated
 * one, and subnets are distinct: a count and one way suffice.) */
static int same_rtable(const struct t_rtable *a, const struct t_rtable *b)
{
	if (a->nroutes != b->nroutes || a->nsubnets != b->nsubnets || a->is_main != b->is_main)
		return 0;
	for (int i = 0; i < a->nsubnets; i++) {
		int found = 0;
		for (int j = 0; j < b->nsubnets && !found; j++)
			found = a->subnet_s[i] == b->subnet_s[j];
		if (!found)
			return 0;
	}
	for (int i = 0; i < a->nroutes; i++) {
		int found = 0;
		for (int j = 0; j < b->nroutes && !found; j++)
			found = same_route(&a->routes[i], &b->routes[j]);
		if (!found)
			return 0;
	}
	return 1;
}

static void set_id(struct topo *t, uint32_t id, enum obj_kind k, int idx)
{
	if (id == 0 || id > t->nids)
		return;
	if (t->kind_of[id] != OBJ_NONE) {
		t->duplicates++;
		if (k == OBJ_RTABLE && t->kind_of[id] == OBJ_RTABLE &&
		    !same_rtable(&t->rtables[t->index_of[id]], &t->rtables[idx]) &&
		    t->duplicate_objects++ == 0)
			t->duplicate_first_s = id;
		return;
	}
	t->kind_of[id] = (uint8_t)k;
	t->index_of[id] = idx;
}

int topo_index_of(const struct topo *t, uint32_t id, enum obj_kind k)
{
	if (id == 0 || id > t->nids || t->kind_of[id] != k)
		return -1;
	return t->index_of[id];
}

/* Is object i the one its id maps to (not a later duplicate)? */
#define IS_FIRST(t, id, i) ((t)->index_of[(id)] == (i))

int topo_count(const struct topo *t, enum obj_kind k)
{
	int n = 0;
	for (uint32_t id = 1; id <= t->nids; id++)
		n += t->kind_of[id] == k;
	return n;
}

enum obj_kind topo_find(const struct topo *t, const char *s, size_t len, int *index)
{
	uint32_t id = strpool_find(t->pool, s, len);
	*index = -1;
	if (id == 0 || id > t->nids)
		return OBJ_NONE;
	*index = t->index_of[id];
	return (enum obj_kind)t->kind_of[id];
}

static void push_int(int **arr, int *n, int v)
{
	*arr = xrealloc(*arr, (size_t)(*n + 1) * sizeof(**arr));
	(*arr)[(*n)++] = v;
}

static int eni_for(struct topo *t, uint32_t eni_s)
{
	int e = topo_index_of(t, eni_s, OBJ_ENI);
	if (e >= 0)
		return e;
	struct t_eni *x = topo_add_eni(t);
	x->id_s = eni_s;
	x->subnet = x->vpc = x->nat = x->endpoint = x->tgw_att = -1;
	set_id(t, eni_s, OBJ_ENI, t->nenis - 1);
	return t->nenis - 1;
}

static void eni_add_addr(struct t_eni *e, const struct fl_addr *a)
{
	for (int i = 0; i < e->naddrs; i++)
		if (memcmp(&e->addrs[i], a, sizeof(*a)) == 0)
			return;
	e->addrs = xrealloc(e->addrs, (size_t)(e->naddrs + 1) * sizeof(*e->addrs));
	e->addrs[e->naddrs++] = *a;
}

/* The id an AWS description names ("Interface for NAT Gateway nat-..."):
 * its text at the first prefix, *len long; NULL when it names none. */
static const char *desc_id(const struct topo *t, uint32_t desc_s, const char *prefix, size_t *len)
{
	const char *p = strstr(strpool_str(t->pool, desc_s), prefix);
	if (p)
		*len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-");
	return p;
}

/* The same as an interned id (0 when it names none, or an id the topology
 * never mentions). */
static uint32_t id_in_desc(const struct topo *t, uint32_t desc_s, const char *prefix)
{
	size_t n;
	const char *p = desc_id(t, desc_s, prefix, &n);
	return p ? strpool_find(t->pool, p, n) : 0;
}

static void link_regions(struct topo *t)
{
	char buf[64];
	for (int i = 0; i < t->nsubnets; i++) {
		struct t_subnet *s = &t->subnets[i];
		if (!s->region_s && s->az_s &&
		    topo_region_of_az(strpool_str(t->pool, s->az_s), buf, sizeof(buf)) == 0)
			s->region_s = strpool_intern(t->pool, buf, strlen(buf));
		if (s->vpc >= 0 && !t->vpcs[s->vpc].region_s)
			t->vpcs[s->vpc].region_s = s->region_s;
	}
	for (int i = 0; i < t->npeerings; i++) {
		struct t_peer_side *sides[2] = {&t->peerings[i].req, &t->peerings[i].acc};
		for (int k = 0; k < 2; k++) {
			int v = topo_index_of(t, sides[k]->vpc_s, OBJ_VPC);
			if (v >= 0 && !t->vpcs[v].region_s)
				t->vpcs[v].region_s = sides[k]->region_s;
			if (v >= 0 && !sides[k]->region_s)
				sides[k]->region_s = t->vpcs[v].region_s;
		}
	}
	for (int i = 0; i < t->nsubnets; i++) {
		struct t_subnet *s = &t->subnets[i];
		if (!s->region_s && s->vpc >= 0)
			s->region_s = t->vpcs[s->vpc].region_s;
	}
}

/* Whether the n bytes at p spell a region: words of lowercase letters
 * joined by '-', then a number ("us-east-1", "us-gov-west-1"); not
 * "s3-global", nor an endpoint service id ("vpce-svc-0a1b..."). */
static int region_word(const char *p, size_t n)
{
	size_t i = 0, words = 0;
	while (i < n) {
		size_t s = i;
		while (i < n && p[i] >= 'a' && p[i] <= 'z')
			i++;
		if (i == s)
			break;
		words++;
		if (i == n || p[i] != '-')
			return 0;
		i++;
	}
	size_t d = i;
	while (i < n && p[i] >= '0' && p[i] <= '9')
		i++;
	return words >= 2 && i == n && i > d;
}

/* An endpoint's service and region from its ServiceName: the region is
 * the first dotted word that spells one; the service is the words after
 * it, after the words before it but the leading prefix words (com,
 * amazonaws, aws, cn, vpce), upper-cased: com.amazonaws.us-east-1.sqs is SQS in
 * us-east-1, cn.com.amazonaws.cn-north-1.ecr.dkr ECR.DKR in cn-north-1,
 * com.amazonaws.vpce.us-east-1.vpce-svc-0a1b VPCE-SVC-0A1B in us-east-1,
 * aws.sagemaker.us-east-1.notebook SAGEMAKER.NOTEBOOK in us-east-1, and
 * com.amazonaws.s3-global.accesspoint S3-GLOBAL.ACCESSPOINT in none. */
static void endpoint_service(struct topo *t, struct t_endpoint *e)
{
	static const char *const prefix[] = {"com", "amazonaws", "aws", "cn", "vpce"};
	const char *name = strpool_str(t->pool, e->service_name_s);
	const char *reg = NULL, *p;
	size_t nreg = 0, n = 0;
	char svc[128];
	for (p = name; *p;) {
		size_t k = strcspn(p, ".");
		if (region_word(p, k)) {
			reg = p;
			nreg = k;
			break;
		}
		p += k + (p[k] == '.');
	}
	int lead = 1; /* in the leading run of prefix words */
	for (p = name; *p;) {
		size_t k = strcspn(p, ".");
		int skip = 0;
		for (size_t i = 0; lead && p != reg && i < sizeof(prefix) / sizeof(prefix[0]); i++)
			skip |= strlen(prefix[i]) == k && memcmp(prefix[i], p, k) == 0;
		lead &= skip;
		skip |= p == reg;
		if (!skip && k) {
			if (n && n + 1 < sizeof(svc))
				svc[n++] = '.';
			for (size_t i = 0; i < k && n + 1 < sizeof(svc); i++)
				svc[n++] = (p[i] >= 'a' && p[i] <= 'z') ? (char)(p[i] - 'a' + 'A') : p[i];
		}
		p += k + (p[k] == '.');
	}
	svc[n] = '\0';
	char region[64] = "";
	if (reg && nreg < sizeof(region)) {
		memcpy(region, reg, nreg);
		region[nreg] = '\0';
	}
	/* where the endpoint service's name and ip-ranges' (and
	 * pkt-dst-aws-service's) code for the service differ, the code, so
	 * that one service has one name in every report */
	static const char *const alias[][2] = {
		{"EXECUTE-API", "API_GATEWAY"},
		{"ROUTE53RESOLVER", "ROUTE53_RESOLVER"},
		{"KINESISVIDEO", "KINESIS_VIDEO_STREAMS"},
		{"APPFLOW", "AMAZON_APPFLOW"},
	};
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(svc, alias[i][0]) == 0) {
			n = strlen(alias[i][1]);
			memcpy(svc, alias[i][1], n + 1);
		}
	e->service_s = n ? strpool_intern(t->pool, svc, n) : 0;
	e->service_region_s = region[0] ? strpool_intern(t->pool, region, strlen(region)) : 0;
}

/* The ip-ranges prefixes a gateway endpoint's prefix list holds, found once
 * per endpoint rather than once per route table: those of the families
 * its IpAddressType carries (IPv4 alone unless dualstack or ipv6). */
static void endpoint_prefixes(struct topo *t, struct t_endpoint *ep)
{
	if (ep->range_prefix_done)
		return;
	ep->range_prefix_done = 1;
	for (int i = 0; i < t->nrange_prefixes; i++) {
		const struct t_range_prefix *rp = &t->range_prefixes[i];
		const struct t_range *rg = &t->ranges[rp->range];
		if (rg->service_s == ep->service_s && rg->region_s == ep->service_region_s &&
		    (ep->families & (rp->c.a.family == 4 ? EP_IPV4 : EP_IPV6))) {
			ep->range_prefix = xrealloc(ep->range_prefix,
						    (size_t)(ep->nrange_prefix + 1) * sizeof(int));
			ep->range_prefix[ep->nrange_prefix++] = i;
		}
	}
}

/* The CIDR routes of rt that are propagated (or not) into its table. */
static void add_cidr_routes(struct t_rtable *rt, int propagated)
{
	for (int r = 0; r < rt->nroutes; r++) {
		const struct t_route *ro = &rt->routes[r];
		if (!ro->pl_s && ro->propagated == propagated)
			prefix_add(rt->lpm, &ro->dst.a, ro->dst.plen, (uint32_t)r, NULL);
	}
}

static void build_rtable(struct topo *t, struct t_rtable *rt)
{
	rt->lpm = prefix_new();
	/* AWS's route priority at equal prefix length: static CIDR routes,
	 * then prefix lists, then propagated routes. The first added of one
	 * prefix is kept. */
	add_cidr_routes(rt, 0);
	for (int r = 0; r < rt->nroutes; r++) {
		struct t_route *ro = &rt->routes[r];
		if (!ro->pl_s)
			continue;
		int pl = topo_index_of(t, ro->pl_s, OBJ_PREFIX_LIST);
		int added = 0, passed = 0;
		/* a gateway endpoint carries the families of its IpAddressType
		 * alone: an IPv4 one's route does not take IPv6 traffic, which
		 * keeps its ::/0 route, whatever CIDRs the list holds */
		struct t_endpoint *gep = NULL;
		if (ro->kind == TGT_VPCE) {
			int e = topo_index_of(t, ro->target_s, OBJ_ENDPOINT);
			if (e >= 0 && t->endpoints[e].type == EP_GATEWAY)
				gep = &t->endpoints[e];
		}
		int families = gep ? gep->families : EP_IPV4 | EP_IPV6;
		/* a list without CIDRs (describe-managed-prefix-lists output) is
		 * as good as absent */
		if (pl >= 0 && t->plists[pl].ncidrs > 0) {
			struct t_prefix_list *l = &t->plists[pl];
			for (int c = 0; c < l->ncidrs; c++) {
				if (!(families & (l->cidrs[c].a.family == 4 ? EP_IPV4 : EP_IPV6))) {
					passed++;
					continue;
				}
				added += prefix_add(rt->lpm, &l->cidrs[c].a, l->cidrs[c].plen,
						    (uint32_t)r, NULL) >= 0;
			}
		} else if (gep) {
			endpoint_prefixes(t, gep);
			for (int i = 0; i < gep->nrange_prefix; i++) {
				const struct t_range_prefix *rp = &t->range_prefixes[gep->range_prefix[i]];
				added += prefix_add(rt->lpm, &rp->c.a, rp->c.plen, (uint32_t)r, NULL) >= 0;
			}
			ro->from_ranges = added > 0;
		}
		if (!added && !passed) {
			rt->unresolved_pl++;
			ro->unresolved = 1;
		}
	}
	add_cidr_routes(rt, 1);
	prefix_build(rt->lpm);
}

static const uint8_t nat64_prefix[12] = {0, 0x64, 0xff, 0x9b};

int topo_nat64_embedded(const struct fl_addr *a, struct fl_addr *v4)
{
	if (a->family != 6 || memcmp(a->b, nat64_prefix, sizeof(nat64_prefix)) != 0)
		return 0;
	memset(v4, 0, sizeof(*v4));
	v4->family = 4;
	memcpy(v4->b, a->b + 12, 4);
	return 1;
}

/* The class table being built, and whether NAT64 addresses are classed
 * by the IPv4 address they embed. */
struct classes {
	struct prefix_table *c;
	uint32_t n;
	int nat64;
};

static void class_add(struct classes *k, const struct fl_addr *a, int plen)
{
	if (prefix_add(k->c, a, plen, k->n, NULL) == 0)
		k->n++;
	/* the same prefix inside 64:ff9b::/96: a NAT64 address's class
	 * is then its IPv4 address's, within that prefix */
	if (k->nat64 && a->family == 4) {
		struct fl_addr m = {6, {0}};
		memcpy(m.b, nat64_prefix, sizeof(nat64_prefix));
		memcpy(m.b + 12, a->b, 4);
		if (prefix_add(k->c, &m, 96 + plen, k->n, NULL) == 0)
			k->n++;
	}
}

static void class_add_cidrs(struct classes *k, const struct cidr *v, int nv)
{
	for (int i = 0; i < nv; i++)
		class_add(k, &v[i].a, v[i].plen);
}

static void class_add_addrs(struct classes *k, const struct fl_addr *v, int nv)
{
	for (int i = 0; i < nv; i++)
		if (v[i].family)
			class_add(k, &v[i], v[i].family == 4 ? 32 : 128);
}

/* May a route table send an address of 64:ff9b::/96 to a NAT gateway
 * (NAT64, which classify.c applies under any NAT route that matches)?
 * An IPv6 route or a prefix list route to one. */
static int has_nat64_route(const struct topo *t)
{
	for (int i = 0; i < t->nrtables; i++)
		for (int r = 0; r < t->rtables[i].nroutes; r++) {
			const struct t_route *ro = &t->rtables[i].routes[r];
			if (ro->kind == TGT_NAT && (ro->pl_s || ro->dst.a.family == 6))
				return 1;
		}
	return 0;
}

/* RFC 1918, shared address space (RFC 6598) and unique local IPv6, by
 * their first two bytes and prefix length (at most 16): one table for
 * topo_is_private and for the address classes that keep the memo exact. */
static const struct {
	uint8_t family, b0, b1, plen;
} private_ranges[] = {{4, 10, 0, 8}, {4, 172, 16, 12}, {4, 192, 168, 16}, {4, 100, 64, 10}, {6, 0xfc, 0, 7}};
#define NPRIVATE (sizeof(private_ranges) / sizeof(private_ranges[0]))

int topo_is_private(const struct fl_addr *a)
{
	unsigned v = (unsigned)a->b[0] << 8 | a->b[1];
	for (size_t i = 0; i < NPRIVATE; i++) {
		unsigned mask = 0xffffu << (16 - private_ranges[i].plen) & 0xffffu;
		unsigned want = (unsigned)private_ranges[i].b0 << 8 | private_ranges[i].b1;
		if (a->family == private_ranges[i].family && (v & mask) == (want & mask))
			return 1;
	}
	return 0;
}

/* The class table of topo_addr_class: every prefix and address the
 * classifier can compare an address with. */
static void build_classes(struct topo *t)
{
	t->nat64_routes = has_nat64_route(t);
	struct classes k = {prefix_new(), 0, t->nat64_routes};
	/* the private ranges: a NAT gateway whose VPC CIDRs are unknown
	 * tells its sides by them (classify.c) */
	for (size_t i = 0; i < NPRIVATE; i++) {
		struct fl_addr a = {private_ranges[i].family, {private_ranges[i].b0, private_ranges[i].b1}};
		class_add(&k, &a, private_ranges[i].plen);
	}
	for (int i = 0; i < t->nvpcs; i++)
		class_add_cidrs(&k, t->vpcs[i].cidrs, t->vpcs[i].ncidrs);
	for (int i = 0; i < t->nsubnets; i++)
		class_add_cidrs(&k, t->subnets[i].cidrs, t->subnets[i].ncidrs);
	for (int i = 0; i < t->nrtables; i++)
		for (int r = 0; r < t->rtables[i].nroutes; r++)
			if (!t->rtables[i].routes[r].pl_s)
				class_add(&k, &t->rtables[i].routes[r].dst.a,
					  t->rtables[i].routes[r].dst.plen);
	for (int i = 0; i < t->nplists; i++)
		class_add_cidrs(&k, t->plists[i].cidrs, t->plists[i].ncidrs);
	for (int i = 0; i < t->npeerings; i++) {
		class_add_cidrs(&k, t->peerings[i].req.cidrs, t->peerings[i].req.ncidrs);
		class_add_cidrs(&k, t->peerings[i].acc.cidrs, t->peerings[i].acc.ncidrs);
	}
	for (int i = 0; i < t->nrange_prefixes; i++)
		class_add(&k, &t->range_prefixes[i].c.a, t->range_prefixes[i].c.plen);
	for (int i = 0; i < t->nenis; i++) {
		class_add_addrs(&k, t->enis[i].addrs, t->enis[i].naddrs);
		class_add_cidrs(&k, t->enis[i].prefixes, t->enis[i].nprefixes);
	}
	for (int i = 0; i < t->nnats; i++)
		class_add_addrs(&k, t->nats[i].priv, t->nats[i].naddrs);
	prefix_build(k.c);
	t->class_lpm = k.c;
}

uint32_t topo_addr_class(const struct topo *t, const struct fl_addr *a)
{
	uint32_t v;
	if (!t->class_lpm || !prefix_lookup(t->class_lpm, a, &v, NULL))
		return 0;
	return v + 1;
}

static void cidr_add_once(struct cidr **arr, int *n, const struct cidr *c)
{
	for (int i = 0; i < *n; i++)
		if ((*arr)[i].plen == c->plen && (*arr)[i].a.family == c->a.family &&
		    memcmp((*arr)[i].a.b, c->a.b, sizeof(c->a.b)) == 0)
			return;
	*arr = xrealloc(*arr, (size_t)(*n + 1) * sizeof(**arr));
	(*arr)[(*n)++] = *c;
}

/* A subnet that network interfaces name but Subnets lacks (a page of
 * describe-subnets output missing) is made from what they say of it: its
 * VPC, owner and AZ. It has no CIDRs, but its interfaces' records take
 * its route table (the tables' associations name it). Only in a VPC the
 * topology has (described, or implied by its subnets): without one there
 * is nothing to place it in. */
static void imply_subnets(struct topo *t)
{
	uint8_t *known = xcalloc((size_t)strpool_count(t->pool) + 1, 1);
	uint8_t *vpc = xcalloc((size_t)strpool_count(t->pool) + 1, 1);
	for (int i = 0; i < t->nsubnets; i++)
		known[t->subnets[i].id_s] = 1;
	for (int i = 0; i < t->nvpcs; i++)
		vpc[t->vpcs[i].id_s] = 1;
	int first = t->nsubnets;
	for (int i = 0; i < t->nenis; i++) {
		const struct t_eni *x = &t->enis[i];
		if (!x->subnet_s || known[x->subnet_s] || !vpc[x->vpc_s])
			continue;
		known[x->subnet_s] = 1;
		struct t_subnet *s = topo_add_subnet(t);
		s->id_s = x->subnet_s;
		s->vpc_s = x->vpc_s;
		s->owner_s = x->owner_s;
		s->az_s = x->az_s;
	}
	t->implied_subnets = t->nsubnets - first;
	free(known);
	free(vpc);
}

/* A VPC that subnets name but Vpcs lacks (no describe-vpcs output) is
 * made from what the rest says of it: its owner from a subnet, its CIDRs
 * from its route tables' local routes, else from its subnets' CIDRs. */
static void imply_vpcs(struct topo *t)
{
	uint8_t *known = xcalloc((size_t)strpool_count(t->pool) + 1, 1);
	for (int i = 0; i < t->nvpcs; i++)
		known[t->vpcs[i].id_s] = 1;
	int first = t->nvpcs;
	for (int i = 0; i < t->nsubnets; i++) {
		uint32_t id = t->subnets[i].vpc_s;
		if (!id || known[id])
			continue;
		known[id] = 1;
		struct t_vpc *v = topo_add_vpc(t);
		v->id_s = id;
		v->owner_s = t->subnets[i].owner_s;
		for (int r = 0; r < t->nrtables; r++) {
			const struct t_rtable *rt = &t->rtables[r];
			for (int k = 0; rt->vpc_s == id && k < rt->nroutes; k++)
				if (rt->routes[k].kind == TGT_LOCAL && !rt->routes[k].pl_s)
					cidr_add_once(&v->cidrs, &v->ncidrs, &rt->routes[k].dst);
		}
		int from_routes = v->ncidrs > 0;
		v->implied = from_routes ? 1 : 2;
		for (int j = i; !from_routes && j < t->nsubnets; j++)
			for (int k = 0; t->subnets[j].vpc_s == id && k < t->subnets[j].ncidrs; k++)
				cidr_add_once(&v->cidrs, &v->ncidrs, &t->subnets[j].cidrs[k]);
	}
	t->implied_vpcs = t->nvpcs - first;
	free(known);
}

int topo_finish(struct topo *t)
{
	/* a NAT gateway's ENI names its gateway in its description
	 * ("Interface for NAT Gateway nat-..."), an interface endpoint's its
	 * endpoint ("VPC Endpoint Interface vpce-..."): interned before the
	 * ids are counted, so that a gateway or endpoint missing from
	 * NatGateways or VpcEndpoints still has one */
	for (int i = 0; i < t->nenis; i++) {
		struct t_eni *x = &t->enis[i];
		const char *type = strpool_str(t->pool, x->type_s);
		size_t n;
		const char *p = desc_id(t, x->desc_s, "nat-", &n);
		if (p && strcmp(type, "nat_gateway") == 0)
			x->nat_s = strpool_intern(t->pool, p, n);
		p = desc_id(t, x->desc_s, "vpce-", &n);
		if (p && strcmp(type, "vpc_endpoint") == 0)
			x->vpce_s = strpool_intern(t->pool, p, n);
	}
	imply_vpcs(t);
	imply_subnets(t);
	t->nids = strpool_count(t->pool);
	t->kind_of = xcalloc((size_t)t->nids + 1, 1);
	t->index_of = xcalloc((size_t)t->nids + 1, sizeof(*t->index_of));
	t->nat_named = xcalloc((size_t)t->nids + 1, 1);
	for (int i = 0; i < t->nenis; i++)
		t->nat_named[t->enis[i].nat_s] = 1; /* [0]: no name, never asked */

	for (int i = 0; i < t->nvpcs; i++)
		set_id(t, t->vpcs[i].id_s, OBJ_VPC, i);
	for (int i = 0; i < t->nsubnets; i++)
		set_id(t, t->subnets[i].id_s, OBJ_SUBNET, i);
	for (int i = 0; i < t->nrtables; i++)
		set_id(t, t->rtables[i].id_s, OBJ_RTABLE, i);
	for (int i = 0; i < t->nnats; i++)
		set_id(t, t->nats[i].id_s, OBJ_NAT, i);
	for (int i = 0; i < t->nendpoints; i++)
		set_id(t, t->endpoints[i].id_s, OBJ_ENDPOINT, i);
	for (int i = 0; i < t->npeerings; i++)
		set_id(t, t->peerings[i].id_s, OBJ_PEERING, i);
	for (int i = 0; i < t->ntgw_atts; i++)
		set_id(t, t->tgw_atts[i].id_s, OBJ_TGW_ATT, i);
	for (int i = 0; i < t->ngateways; i++)
		set_id(t, t->gateways[i].id_s, OBJ_GATEWAY, i);
	/* a list given twice, as describe-managed-prefix-lists (no CIDRs)
	 * and with its entries: the copy with CIDRs first, so that it wins;
	 * the CIDRs of two copies with entries (the pages of
	 * get-managed-prefix-list-entries output) are one list's */
	for (int i = 0; i < t->nplists; i++)
		for (int j = 0; j < i && t->plists[i].ncidrs; j++) {
			struct t_prefix_list *a = &t->plists[j], *b = &t->plists[i];
			if (a->id_s != b->id_s || !a->ncidrs)
				continue;
			a->cidrs = xrealloc(a->cidrs, (size_t)(a->ncidrs + b->ncidrs) * sizeof(*a->cidrs));
			memcpy(a->cidrs + a->ncidrs, b->cidrs, (size_t)b->ncidrs * sizeof(*b->cidrs));
			a->ncidrs += b->ncidrs;
			break;
		}
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < t->nplists; i++)
			if ((t->plists[i].ncidrs > 0) == (pass == 0))
				set_id(t, t->plists[i].id_s, OBJ_PREFIX_LIST, i);
	int nlisted = t->nenis;
	for (int i = 0; i < nlisted; i++) {
		set_id(t, t->enis[i].id_s, OBJ_ENI, i);
		t->enis[i].listed = 1;
	}

	/* VPCs and subnets */
	for (int i = 0; i < t->nvpcs; i++) {
		t->vpcs[i].main_rtable = -1;
	}
	for (int i = 0; i < t->nsubnets; i++) {
		struct t_subnet *s = &t->subnets[i];
		s->vpc = topo_index_of(t, s->vpc_s, OBJ_VPC);
		s->rtable = -1;
		if (s->vpc >= 0 && IS_FIRST(t, s->id_s, i)) {
			struct t_vpc *v = &t->vpcs[s->vpc];
			push_int(&v->subnets, &v->nsubnets, i);
			if (!v->owner_s)
				v->owner_s = s->owner_s;
		}
		if (!s->owner_s && s->vpc >= 0)
			s->owner_s = t->vpcs[s->vpc].owner_s;
	}
	for (int i = 0; i < t->nrtables; i++) {
		struct t_rtable *rt = &t->rtables[i];
		if (!IS_FIRST(t, rt->id_s, i))
			continue;
		rt->vpc = topo_index_of(t, rt->vpc_s, OBJ_VPC);
		if (rt->is_main && rt->vpc >= 0 && t->vpcs[rt->vpc].main_rtable < 0)
			t->vpcs[rt->vpc].main_rtable = i;
		for (int k = 0; k < rt->nsubnets; k++) {
			int s = topo_index_of(t, rt->subnet_s[k], OBJ_SUBNET);
			if (s >= 0 && t->subnets[s].rtable < 0)
				t->subnets[s].rtable = i;
		}
	}
	link_regions(t);

	/* endpoints before route tables: prefix-list routes of gateway
	 * endpoints need their service */
	for (int i = 0; i < t->nendpoints; i++) {
		struct t_endpoint *e = &t->endpoints[i];
		e->vpc = topo_index_of(t, e->vpc_s, OBJ_VPC);
		endpoint_service(t, e);
		/* an interface endpoint's ENIs are its vantage; a Gateway Load
		 * Balancer endpoint's forward others' flows, whether
		 * NetworkInterfaces lists them or not */
		int with_enis = e->type == EP_INTERFACE || e->type == EP_GWLB;
		for (int k = 0; with_enis && k < e->nenis; k++) {
			int xi = eni_for(t, e->eni_s[k]); /* may grow t->enis */
			struct t_eni *x = &t->enis[xi];
			if (e->type == EP_INTERFACE) {
				x->role = ROLE_IFACE_EP;
				x->endpoint = i;
			} else {
				x->forwards = 1;
			}
			/* without NetworkInterfaces: the endpoint's VPC, and its
			 * subnet when it has one (the order of its ENIs and subnets
			 * says nothing) */
			if (!x->vpc_s)
				x->vpc_s = e->vpc_s;
			if (!x->subnet_s && e->nsubnets == 1)
				x->subnet_s = e->subnet_s[0];
		}
	}
	for (int i = 0; i < t->nrtables; i++)
		if (IS_FIRST(t, t->rtables[i].id_s, i))
			build_rtable(t, &t->rtables[i]);

	/* NAT gateways */
	for (int i = 0; i < t->nnats; i++) {
		struct t_nat *n = &t->nats[i];
		n->subnet = topo_index_of(t, n->subnet_s, OBJ_SUBNET);
		n->vpc = topo_index_of(t, n->vpc_s, OBJ_VPC);
		if (n->vpc < 0 && n->subnet >= 0)
			n->vpc = t->subnets[n->subnet].vpc;
		for (int k = 0; k < n->naddrs; k++) {
			if (!n->eni_s[k])
				continue;
			int xi = eni_for(t, n->eni_s[k]); /* may grow t->enis */
			struct t_eni *x = &t->enis[xi];
			x->role = ROLE_NAT;
			x->nat = i;
			if (n->priv[k].family)
				eni_add_addr(x, &n->priv[k]);
			if (x->subnet_s == 0)
				x->subnet_s = n->subnet_s;
			if (x->vpc_s == 0)
				x->vpc_s = n->vpc_s;
		}
	}

	/* network interfaces: roles from their type */
	for (int i = 0; i < t->nenis; i++) {
		struct t_eni *x = &t->enis[i];
		const char *type = strpool_str(t->pool, x->type_s);
		if (x->role == ROLE_WORKLOAD && strcmp(type, "nat_gateway") == 0) {
			x->role = ROLE_NAT;
			x->nat = topo_index_of(t, x->nat_s, OBJ_NAT);
		} else if (x->role == ROLE_WORKLOAD && strcmp(type, "vpc_endpoint") == 0 && x->vpce_s) {
			x->role = ROLE_IFACE_EP;
			x->endpoint = topo_index_of(t, x->vpce_s, OBJ_ENDPOINT);
		} else if (x->role == ROLE_WORKLOAD && strcmp(type, "interface") == 0 &&
			   id_in_desc(t, x->desc_s, "vpce-")) {
			/* (a vpc_endpoint ENI naming its endpoint is taken above) */
			int e = topo_index_of(t, id_in_desc(t, x->desc_s, "vpce-"), OBJ_ENDPOINT);
			if (e >= 0 && t->endpoints[e].type == EP_INTERFACE) {
				x->role = ROLE_IFACE_EP;
				x->endpoint = e;
			}
		} else if (strcmp(type, "gateway_load_balancer_endpoint") == 0 ||
			   strcmp(type, "gateway_load_balancer") == 0) {
			x->forwards = 1;
		} else if (x->role == ROLE_WORKLOAD && strcmp(type, "transit_gateway") == 0) {
			x->role = ROLE_TGW;
			x->tgw_att = topo_index_of(t, id_in_desc(t, x->desc_s, "tgw-attach-"), OBJ_TGW_ATT);
		}
		x->subnet = topo_index_of(t, x->subnet_s, OBJ_SUBNET);
		x->vpc = topo_index_of(t, x->vpc_s, OBJ_VPC);
		if (x->vpc < 0 && x->subnet >= 0)
			x->vpc = t->subnets[x->subnet].vpc;
		if (x->role == ROLE_TGW && x->tgw_att < 0) {
			/* the attachment of this VPC that lists the ENI's subnet */
			for (int a = 0; a < t->ntgw_atts && x->tgw_att < 0; a++)
				for (int k = 0; k < t->tgw_atts[a].nsubnets; k++)
					if (t->tgw_atts[a].subnet_s[k] == x->subnet_s)
						x->tgw_att = a;
		}
		if (x->role == ROLE_NAT && x->nat < 0) {
			for (int n = 0; n < t->nnats && x->nat < 0; n++)
				for (int k = 0; k < t->nats[n].naddrs; k++)
					for (int j = 0; j < x->naddrs; j++)
						if (memcmp(&t->nats[n].priv[k], &x->addrs[j],
							   sizeof(x->addrs[j])) == 0)
							x->nat = n;
		}
	}

	/* subnets of a transit gateway attachment alone: 1 named by an
	 * attachment or holding its interface, -1 holding another interface
	 * (which wins), then 1 or 0 */
	for (int a = 0; a < t->ntgw_atts; a++)
		for (int k = 0; k < t->tgw_atts[a].nsubnets; k++) {
			int s = topo_index_of(t, t->tgw_atts[a].subnet_s[k], OBJ_SUBNET);
			if (s >= 0)
				t->subnets[s].attachment_only = 1;
		}
	for (int i = 0; i < t->nenis; i++) {
		const struct t_eni *x = &t->enis[i];
		if (x->subnet < 0)
			continue;
		if (x->role != ROLE_TGW)
			t->subnets[x->subnet].attachment_only = -1;
		else if (t->subnets[x->subnet].attachment_only == 0)
			t->subnets[x->subnet].attachment_only = 1;
	}
	for (int i = 0; i < t->nsubnets; i++)
		t->subnets[i].attachment_only = t->subnets[i].attachment_only > 0;

	/* participants of shared VPCs: accounts with interfaces in another's */
	for (int i = 0; i < t->nenis; i++) {
		const struct t_eni *x = &t->enis[i];
		if (x->vpc < 0 || !x->owner_s || x->owner_s == t->vpcs[x->vpc].owner_s)
			continue;
		struct t_vpc *v = &t->vpcs[x->vpc];
		int known = 0;
		for (int k = 0; k < v->nparticipants && !known; k++)
			known = v->participants[k] == x->owner_s;
		if (!known) {
			v->participants = xrealloc(v->participants,
						   (size_t)(v->nparticipants + 1) * sizeof(*v->participants));
			v->participants[v->nparticipants++] = x->owner_s;
		}
	}

	/* per-VPC lookups: subnets, ENI addresses; all VPC CIDRs */
	t->vpc_lpm = prefix_new();
	for (int i = 0; i < t->nvpcs; i++) {
		struct t_vpc *v = &t->vpcs[i];
		if (!IS_FIRST(t, v->id_s, i))
			continue;
		v->subnet_lpm = prefix_new();
		for (int k = 0; k < v->nsubnets; k++) {
			struct t_subnet *s = &t->subnets[v->subnets[k]];
			for (int c = 0; c < s->ncidrs; c++)
				prefix_add(v->subnet_lpm, &s->cidrs[c].a, s->cidrs[c].plen,
					   (uint32_t)v->subnets[k], NULL);
		}
		prefix_build(v->subnet_lpm);
		v->eni_lpm = prefix_new();
		for (int c = 0; c < v->ncidrs; c++) {
			uint32_t existing;
			if (prefix_add(t->vpc_lpm, &v->cidrs[c].a, v->cidrs[c].plen, (uint32_t)i,
				       &existing) == 1 &&
			    existing != (uint32_t)i)
				prefix_set(t->vpc_lpm, &v->cidrs[c].a, v->cidrs[c].plen, VPC_AMBIGUOUS);
		}
	}
	for (int i = 0; i < t->nenis; i++) {
		struct t_eni *x = &t->enis[i];
		if (x->vpc < 0)
			continue;
		for (int k = 0; k < x->naddrs; k++)
			prefix_add(t->vpcs[x->vpc].eni_lpm, &x->addrs[k],
				   x->addrs[k].family == 4 ? 32 : 128, (uint32_t)i, NULL);
		for (int k = 0; k < x->nprefixes; k++)
			prefix_add(t->vpcs[x->vpc].eni_lpm, &x->prefixes[k].a, x->prefixes[k].plen,
				   (uint32_t)i, NULL);
	}
	for (int i = 0; i < t->nvpcs; i++)
		if (t->vpcs[i].eni_lpm)
			prefix_build(t->vpcs[i].eni_lpm);
	prefix_build(t->vpc_lpm);
	if (t->range_lpm)
		prefix_build(t->range_lpm);
	build_classes(t);
	t->finished = 1;
	return 0;
}

int topo_service_of(const struct topo *t, const struct fl_addr *a, const struct t_range **range)
{
	uint32_t v;
	if (!t->range_lpm || !prefix_lookup(t->range_lpm, a, &v, NULL))
		return 0;
	*range = &t->ranges[v];
	return 1;
}

int topo_vpc_of_addr(const struct topo *t, const struct fl_addr *a)
{
	uint32_t v;
	if (!prefix_lookup(t->vpc_lpm, a, &v, NULL))
		return -1;
	return v == VPC_AMBIGUOUS ? -2 : (int)v;
}

int topo_vpc_holds(const struct topo *t, int vpc, const struct fl_addr *a)
{
	const struct t_vpc *v = &t->vpcs[vpc];
	for (int c = 0; c < v->ncidrs; c++)
		if (prefix_contains(&v->cidrs[c].a, v->cidrs[c].plen, a))
			return 1;
	return 0;
}

int topo_rtable_of_subnet(const struct topo *t, int subnet)
{
	const struct t_subnet *s = &t->subnets[subnet];
	if (s->rtable >= 0)
		return s->rtable;
	if (s->vpc >= 0)
		return t->vpcs[s->vpc].main_rtable;
	return -1;
}

/* Can NAT gateway x reach the internet: its subnet's route table has an
 * IPv4 route to an internet gateway (or the topology lacks the table)? */
static int nat_has_igw_route(const struct topo *t, const struct t_nat *x)
{
	int rt = topo_rtable_of_subnet(t, x->subnet);
	if (rt < 0)
		return 1;
	const struct t_rtable *tab = &t->rtables[rt];
	for (int k = 0; k < tab->nroutes; k++) {
		const struct t_route *ro = &tab->routes[k];
		if (ro->kind == TGT_IGW && !ro->blackhole && (ro->pl_s || ro->dst.a.family == 4))
			return 1;
	}
	return 0;
}

/* Is regional NAT gateway x active in az: it provisions every AZ with
 * subnets itself, or one of its addresses is in az (by name; an
 * address given by AZ id alone is not matched, the dearer guess)? */
static int nat_regional_in(const struct topo *t, const struct t_nat *x, const char *az)
{
	if (x->auto_zones)
		return 1;
	for (int i = 0; i < x->naddrs; i++)
		if (x->az_s[i] && strcmp(strpool_str(t->pool, x->az_s[i]), az) == 0)
			return 1;
	return 0;
}

const char *topo_nat_in_az(const struct topo *t, const char *vpc, const char *az, int private_nat,
			   int *hours)
{
	int v;
	*hours = 0;
	if (!t || topo_find(t, vpc, strlen(vpc), &v) != OBJ_VPC)
		return NULL;
	const struct t_nat *regional = NULL;
	for (int n = 0; n < t->nnats; n++) {
		const struct t_nat *x = &t->nats[n];
		if (x->regional && !private_nat && !x->gone && x->vpc == v &&
		    (!regional || (nat_regional_in(t, x, az) && !nat_regional_in(t, regional, az))))
			regional = x;
		if (x->regional || x->private_nat != private_nat || x->gone || x->subnet < 0 || x->vpc != v ||
		    (!private_nat && !nat_has_igw_route(t, x)))
			continue;
		if (strcmp(strpool_str(t->pool, t->subnets[x->subnet].az_s), az) == 0)
			return strpool_str(t->pool, x->id_s);
	}
	if (!regional)
		return NULL;
	*hours = !nat_regional_in(t, regional, az);
	return strpool_str(t->pool, regional->id_s);
}

int topo_rtable_serves_workloads(const struct topo *t, int rt)
{
	for (int s = 0; s < t->nsubnets; s++)
		if (topo_rtable_of_subnet(t, s) == rt && !t->subnets[s].attachment_only)
			return 1;
	return 0;
}

int topo_tgw_attached(const struct topo *t, uint32_t tgw_s, uint32_t vpc_s)
{
	for (int a = 0; a < t->ntgw_atts; a++)
		if (t->tgw_atts[a].tgw_s == tgw_s && (!vpc_s || t->tgw_atts[a].vpc_s == vpc_s))
			return 1;
	return 0;
}

int topo_rtable_of_subnet_id(const struct topo *t, const char *id, size_t len, int vpc, int *explicit)
{
	int idx;
	*explicit = 0;
	if (topo_find(t, id, len, &idx) == OBJ_SUBNET) {
		*explicit = t->subnets[idx].rtable >= 0;
		return topo_rtable_of_subnet(t, idx);
	}
	/* a subnet the topology lacks: a route table may still name it */
	uint32_t id_s = strpool_find(t->pool, id, len);
	for (int i = 0; id_s && i < t->nrtables; i++)
		for (int k = 0; k < t->rtables[i].nsubnets; k++)
			if (t->rtables[i].subnet_s[k] == id_s) {
				*explicit = 1;
				return i;
			}
	return vpc >= 0 ? t->vpcs[vpc].main_rtable : -1;
}

int topo_rtable_routes_to(const struct topo *t, int rtable, uint32_t target)
{
	const struct t_rtable *rt = &t->rtables[rtable];
	for (int r = 0; r < rt->nroutes; r++)
		if (rt->routes[r].target_s == target)
			return 1;
	return 0;
}

int topo_route_lookup(const struct topo *t, int rtable, const struct fl_addr *a)
{
	uint32_t v;
	if (rtable < 0 || !t->rtables[rtable].lpm || !prefix_lookup(t->rtables[rtable].lpm, a, &v, NULL))
		return -1;
	return (int)v;
}

int topo_nat_known(const struct topo *t, uint32_t nat_s)
{
	return topo_index_of(t, nat_s, OBJ_NAT) >= 0 ||
	       (nat_s && nat_s <= t->nids && t->nat_named[nat_s]);
}

int topo_rtable_routes_to_gateway(const struct topo *t, int rtable, uint32_t vpc_s, uint32_t service_s)
{
	for (int e = 0; rtable >= 0 && (e = topo_endpoint_next(t, e, EP_GATEWAY, vpc_s, service_s, NULL)) >= 0;
	     e++)
		if (topo_rtable_routes_to(t, rtable, t->endpoints[e].id_s))
			return 1;
	return 0;
}

int topo_endpoint_next(const struct topo *t, int from, enum ep_type type, uint32_t vpc_s,
		       uint32_t service_s, const uint32_t *region_s)
{
	for (int e = from; e < t->nendpoints; e++) {
		const struct t_endpoint *x = &t->endpoints[e];
		if (x->type == type && x->vpc_s == vpc_s && x->service_s == service_s &&
		    (!region_s || x->service_region_s == *region_s))
			return e;
	}
	return -1;
}

int topo_missing_nats(const struct topo *t, uint32_t *first)
{
	int n = 0;
	uint8_t *counted = xcalloc((size_t)t->nids + 1, 1);
	*first = 0;
	for (int i = 0; i < t->nrtables; i++)
		for (int r = 0; r < t->rtables[i].nroutes; r++) {
			uint32_t id = t->rtables[i].routes[r].target_s;
			if (t->rtables[i].routes[r].kind != TGT_NAT || id > t->nids || counted[id] ||
			    topo_nat_known(t, id))
				continue;
			counted[id] = 1;
			if (n++ == 0)
				*first = id;
		}
	free(counted);
	return n;
}

int topo_eni_holds(const struct t_eni *e, const struct fl_addr *a)
{
	for (int i = 0; i < e->naddrs; i++)
		if (fl_addr_eq(&e->addrs[i], a))
			return 1;
	for (int i = 0; i < e->nprefixes; i++)
		if (prefix_contains(&e->prefixes[i].a, e->prefixes[i].plen, a))
			return 1;
	return 0;
}
