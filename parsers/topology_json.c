/* SPDX-License-Identifier: MIT */
/*
 * AWS CLI JSON shapes and ip-ranges.json into the topology model; see
 * topology_json.h. Each recognised top-level key has a table entry naming
 * the function that reads one element of its array.
 */
#include "topology_json.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "walk.h"

struct ld {
	struct topo *t;
	const char *name;
	const char *text; /* the JSON document being read */
	size_t len;
	unsigned long line0; /* lines of the file before it */
	unsigned long col0;  /* columns of its first line before it */
	struct diag *d;
	char path[512];
	size_t plen;
	int err;
};

static size_t path_push(struct ld *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static size_t path_push(struct ld *l, const char *fmt, ...)
{
	size_t mark = l->plen;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(l->path + l->plen, sizeof(l->path) - l->plen, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->plen += (size_t)n;
	if (l->plen >= sizeof(l->path))
		l->plen = sizeof(l->path) - 1;
	return mark;
}

static void path_pop(struct ld *l, size_t mark)
{
	l->plen = mark;
	l->path[mark] = '\0';
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* Report a shape error at the current path (+ key when not NULL). */
static int shape_error(struct ld *l, const char *key, const char *what, const json_t *got)
{
	if (l->err)
		return l->err;
	size_t mark = l->plen;
	if (key)
		path_push(l, "%s%s", l->plen ? "." : "", key);
	unsigned long line = 0, col = 0;
	json_locate(l->text, l->len, l->path, &line, &col);
	int missing = line == 0 && key && !got;
	if (line == 0 && key) {
		/* a missing key: the object that lacks it */
		char c = l->path[mark];
		l->path[mark] = '\0';
		json_locate(l->text, l->len, l->path, &line, &col);
		l->path[mark] = c;
	}
	if (line == 1)
		col += l->col0;
	if (line)
		line += l->line0;
	diag_set(l->d, TJ_E_SHAPE, l->name, line, "%s: expected %s%s%s", l->plen ? l->path : "(top level)",
		 what, got ? ", got " : missing ? " (missing)" : "", got ? type_name(got) : "");
	if (l->d)
		l->d->column = col;
	path_pop(l, mark);
	l->err = TJ_E_SHAPE;
	return l->err;
}

/* AWS ids, names and states never hold control characters; they would
 * reach terminals through the table reports and messages. */
static int has_control(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c < 0x20 || *c == 0x7f || (c[0] == 0xc2 && c[1] >= 0x80 && c[1] < 0xa0)) /* C1 too */
			return 1;
	return 0;
}

#define NO_CONTROL "a string without control characters"

/* A string field: NULL when absent or null; a shape error when another
 * type, or with a control character. */
static const char *get_str(struct ld *l, const json_t *obj, const char *key, int required)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			shape_error(l, key, "a string", NULL);
		return NULL;
	}
	if (!json_is_string(v)) {
		shape_error(l, key, "a string", v);
		return NULL;
	}
	if (has_control(json_string_value(v))) {
		shape_error(l, key, NO_CONTROL, v);
		return NULL;
	}
	return json_string_value(v);
}

/* Reports join ids, AZs and regions with commas (a recommendation's
 * target): AWS writes none with a comma or a space. */
#define NO_SEPARATOR "an id without commas or spaces"
static int has_separator(const char *s)
{
	return strpbrk(s, ", ") != NULL;
}

/* An id field as a string: get_str's, and a shape error (NULL) for one
 * with a separator. */
static const char *get_id_str(struct ld *l, const json_t *obj, const char *key, int required)
{
	const char *s = get_str(l, obj, key, required);
	if (s && has_separator(s)) {
		shape_error(l, key, NO_SEPARATOR, json_object_get(obj, key));
		return NULL;
	}
	return s;
}

static uint32_t get_id(struct ld *l, const json_t *obj, const char *key, int required)
{
	const char *s = get_id_str(l, obj, key, required);
	return s ? topo_str(l->t, s) : 0;
}

/* A name that is free text (a description, a prefix list's name). */
static uint32_t get_text(struct ld *l, const json_t *obj, const char *key)
{
	const char *s = get_str(l, obj, key, 0);
	return s ? topo_str(l->t, s) : 0;
}

/* obj[key] when it is of type `type`; NULL when missing or null, and
 * NULL after a shape error (saying `what` was expected) otherwise. */
static const json_t *get_typed(struct ld *l, const json_t *obj, const char *key, json_type type,
			       const char *what)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	if (json_typeof(v) != type) {
		shape_error(l, key, what, v);
		return NULL;
	}
	return v;
}

static const json_t *get_arr(struct ld *l, const json_t *obj, const char *key)
{
	return get_typed(l, obj, key, JSON_ARRAY, "an array");
}

static const json_t *get_obj(struct ld *l, const json_t *obj, const char *key)
{
	return get_typed(l, obj, key, JSON_OBJECT, "an object");
}

static int parse_cidr(struct ld *l, const json_t *obj, const char *key, struct cidr *out)
{
	const char *s = get_str(l, obj, key, 0);
	if (!s)
		return 0;
	if (prefix_parse(s, strlen(s), &out->a, &out->plen) != 0) {
		shape_error(l, key, "a CIDR block", NULL);
		return 0;
	}
	return 1;
}

static void cidr_push(struct cidr **arr, int *n, const struct cidr *c)
{
	*arr = xrealloc(*arr, (size_t)(*n + 1) * sizeof(**arr));
	(*arr)[(*n)++] = *c;
}

static void id_push(uint32_t **arr, int *n, uint32_t id)
{
	*arr = xrealloc(*arr, (size_t)(*n + 1) * sizeof(**arr));
	(*arr)[(*n)++] = id;
}

/* Each element of arr[key] as an object, calling fn; sub-path per element. */
typedef void (*elem_fn)(struct ld *l, const json_t *elem, void *arg);

static void each_obj(struct ld *l, const json_t *obj, const char *key, elem_fn fn, void *arg)
{
	const json_t *arr = get_arr(l, obj, key);
	size_t i;
	const json_t *e;
	if (!arr)
		return;
	size_t mark = path_push(l, "%s%s", l->plen ? "." : "", key);
	json_array_foreach(arr, i, e)
	{
		if (l->err)
			break;
		size_t m2 = path_push(l, "[%zu]", i);
		if (!json_is_object(e))
			shape_error(l, NULL, "an object", e);
		else
			fn(l, e, arg);
		path_pop(l, m2);
	}
	path_pop(l, mark);
}

/* Strings of an array of strings into ids. */
static void each_id(struct ld *l, const json_t *obj, const char *key, uint32_t **out, int *n)
{
	const json_t *arr = get_arr(l, obj, key);
	size_t i;
	const json_t *e;
	if (!arr)
		return;
	json_array_foreach(arr, i, e)
	{
		const char *s = json_string_value(e);
		if (!s || has_control(s) || has_separator(s)) {
			size_t mark = path_push(l, "%s%s[%zu]", l->plen ? "." : "", key, i);
			shape_error(l, NULL, !s ? "a string" : has_control(s) ? NO_CONTROL : NO_SEPARATOR, e);
			path_pop(l, mark);
			return;
		}
		id_push(out, n, topo_str(l->t, s));
	}
}

struct cidr_sink {
	struct cidr **arr;
	int *n;
	const char *field;
};

static void cidr_elem(struct ld *l, const json_t *e, void *arg)
{
	struct cidr_sink *s = arg;
	struct cidr c;
	const json_t *st = json_object_get(e, "CidrBlockState");
	if (!st)
		st = json_object_get(e, "Ipv6CidrBlockState");
	const char *state = st && json_is_object(st) ? json_string_value(json_object_get(st, "State"))
						     : NULL;
	if (state && (strcmp(state, "disassociated") == 0 || strcmp(state, "failed") == 0))
		return;
	if (parse_cidr(l, e, s->field, &c))
		cidr_push(s->arr, s->n, &c);
}

static void cidr_set(struct ld *l, const json_t *obj, const char *key, const char *field,
		     struct cidr **arr, int *n)
{
	struct cidr_sink s = {arr, n, field};
	each_obj(l, obj, key, cidr_elem, &s);
}

static void load_vpc(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_vpc *v = topo_add_vpc(l->t);
	struct cidr c;
	v->id_s = get_id(l, e, "VpcId", 1);
	v->owner_s = get_id(l, e, "OwnerId", 0);
	cidr_set(l, e, "CidrBlockAssociationSet", "CidrBlock", &v->cidrs, &v->ncidrs);
	if (v->ncidrs == 0 && parse_cidr(l, e, "CidrBlock", &c))
		cidr_push(&v->cidrs, &v->ncidrs, &c);
	cidr_set(l, e, "Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock", &v->cidrs, &v->ncidrs);
}

static void load_subnet(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_subnet *s = topo_add_subnet(l->t);
	struct cidr c;
	s->id_s = get_id(l, e, "SubnetId", 1);
	s->vpc_s = get_id(l, e, "VpcId", 0);
	s->owner_s = get_id(l, e, "OwnerId", 0);
	s->az_s = get_id(l, e, "AvailabilityZone", 0);
	s->azid_s = get_id(l, e, "AvailabilityZoneId", 0);
	if (parse_cidr(l, e, "CidrBlock", &c))
		cidr_push(&s->cidrs, &s->ncidrs, &c);
	cidr_set(l, e, "Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock", &s->cidrs, &s->ncidrs);
}

static void load_assoc(struct ld *l, const json_t *e, void *arg)
{
	struct t_rtable *rt = arg;
	const json_t *m = json_object_get(e, "Main");
	if (m && !json_is_boolean(m)) {
		shape_error(l, "Main", "a boolean", m);
		return;
	}
	if (m && json_is_true(m))
		rt->is_main = 1;
	uint32_t s = get_id(l, e, "SubnetId", 0);
	if (s)
		id_push(&rt->subnet_s, &rt->nsubnets, s);
}

static const struct {
	const char *field;
	const char *prefix; /* for GatewayId, the id prefix that selects the kind */
	enum target_kind kind;
} route_targets[] = {
	{"NatGatewayId", NULL, TGT_NAT},
	{"VpcPeeringConnectionId", NULL, TGT_PCX},
	{"TransitGatewayId", NULL, TGT_TGW},
	{"EgressOnlyInternetGatewayId", NULL, TGT_EIGW},
	{"NetworkInterfaceId", NULL, TGT_ENI},
	{"InstanceId", NULL, TGT_INSTANCE},
	{"LocalGatewayId", NULL, TGT_LGW},
	{"CarrierGatewayId", NULL, TGT_CAGW},
	{"CoreNetworkArn", NULL, TGT_CORE},
	{"GatewayId", "local", TGT_LOCAL},
	{"GatewayId", "igw-", TGT_IGW},
	{"GatewayId", "vgw-", TGT_VGW},
	{"GatewayId", "vpce-", TGT_VPCE},
	{"GatewayId", "", TGT_UNKNOWN},
};

/* jansson's object iteration takes a non-const object, which it only
 * reads. */
static json_t *json_mut(const json_t *j)
{
	return (json_t *)(uintptr_t)j;
}

static void load_route(struct ld *l, const json_t *e, void *arg)
{
	struct t_rtable *rt = arg;
	struct t_route r;
	memset(&r, 0, sizeof(r));
	int have = parse_cidr(l, e, "DestinationCidrBlock", &r.dst);
	if (!have)
		have = parse_cidr(l, e, "DestinationIpv6CidrBlock", &r.dst);
	if (!have) {
		r.pl_s = get_id(l, e, "DestinationPrefixListId", 0);
		if (!r.pl_s) {
			if (!l->err)
				shape_error(l, NULL,
					    "a DestinationCidrBlock, DestinationIpv6CidrBlock or "
					    "DestinationPrefixListId",
					    NULL);
			return;
		}
	}
	for (size_t i = 0; i < sizeof(route_targets) / sizeof(route_targets[0]); i++) {
		const char *v = get_id_str(l, e, route_targets[i].field, 0);
		if (l->err)
			return;
		if (!v)
			continue;
		const char *pre = route_targets[i].prefix;
		if (pre && strncmp(v, pre, strlen(pre)) != 0)
			continue;
		r.kind = route_targets[i].kind;
		r.target_s = topo_str(l->t, v);
		break;
	}
	if (r.kind == TGT_NONE) {
		/* a target of a kind flowpath does not know (a newer AWS
		 * target field, ...Id or ...Arn): kept by its id, so that the
		 * path names it and topology check can point at it */
		const char *key;
		const json_t *v;
		json_object_foreach(json_mut(e), key, v) {
			size_t n = strlen(key);
			int id = (n > 2 && strcmp(key + n - 2, "Id") == 0) || (n > 3 && strcmp(key + n - 3, "Arn") == 0);
			if (!id || !json_is_string(v) || strcmp(key, "DestinationPrefixListId") == 0 ||
			    strcmp(key, "InstanceOwnerId") == 0 || has_control(json_string_value(v)) ||
			    has_separator(json_string_value(v)))
				continue;
			r.target_s = topo_str(l->t, json_string_value(v));
			break;
		}
	}
	const char *state = get_str(l, e, "State", 0);
	r.blackhole = state && strcmp(state, "blackhole") == 0;
	const char *origin = get_str(l, e, "Origin", 0);
	r.propagated = origin && strcmp(origin, "EnableVgwRoutePropagation") == 0;
	if (r.kind == TGT_NONE)
		r.kind = TGT_UNKNOWN;
	rt->routes = xrealloc(rt->routes, (size_t)(rt->nroutes + 1) * sizeof(*rt->routes));
	rt->routes[rt->nroutes++] = r;
}

static void load_rtable(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_rtable *rt = topo_add_rtable(l->t);
	rt->id_s = get_id(l, e, "RouteTableId", 1);
	rt->vpc_s = get_id(l, e, "VpcId", 0);
	rt->vpc = -1;
	each_obj(l, e, "Associations", load_assoc, rt);
	each_obj(l, e, "Routes", load_route, rt);
}

static void load_nat_addr(struct ld *l, const json_t *e, void *arg)
{
	struct t_nat *n = arg;
	struct fl_addr a;
	memset(&a, 0, sizeof(a));
	const char *ip = get_str(l, e, "PrivateIp", 0);
	if (ip && fl_addr_parse(ip, strlen(ip), &a) != 0) {
		shape_error(l, "PrivateIp", "an IP address", NULL);
		return;
	}
	n->eni_s = xrealloc(n->eni_s, (size_t)(n->naddrs + 1) * sizeof(*n->eni_s));
	n->priv = xrealloc(n->priv, (size_t)(n->naddrs + 1) * sizeof(*n->priv));
	n->eni_s[n->naddrs] = get_id(l, e, "NetworkInterfaceId", 0);
	n->priv[n->naddrs] = a;
	/* a public address (an Elastic IP), which AWS bills by the hour */
	n->npublic += get_str(l, e, "PublicIp", 0) || get_str(l, e, "AllocationId", 0);
	/* a regional NAT gateway's addresses name their AZ: count the
	 * distinct ones (an earlier address of the same AZ counted it) */
	/* its AvailabilityZoneId when it names no AvailabilityZone */
	uint32_t az = get_id(l, e, "AvailabilityZone", 0);
	if (!az)
		az = get_id(l, e, "AvailabilityZoneId", 0);
	n->az_s = xrealloc(n->az_s, (size_t)(n->naddrs + 1) * sizeof(*n->az_s));
	n->az_s[n->naddrs] = az;
	int seen = !az;
	for (int i = 0; i < n->naddrs && !seen; i++)
		seen = n->az_s[i] == az;
	n->nazs += !seen;
	n->naddrs++;
}

static void load_nat(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_nat *n = topo_add_nat(l->t);
	n->id_s = get_id(l, e, "NatGatewayId", 1);
	n->subnet_s = get_id(l, e, "SubnetId", 0);
	n->vpc_s = get_id(l, e, "VpcId", 0);
	const char *ct = get_str(l, e, "ConnectivityType", 0);
	n->private_nat = ct && strcmp(ct, "private") == 0;
	const char *mode = get_str(l, e, "AvailabilityMode", 0);
	n->regional = mode && strcasecmp(mode, "regional") == 0;
	const char *zones = get_str(l, e, "AutoProvisionZones", 0);
	n->auto_zones = zones && strcasecmp(zones, "enabled") == 0;
	/* describe-nat-gateways lists deleted and failed gateways for a while */
	const char *state = get_str(l, e, "State", 0);
	n->gone = state && (strcmp(state, "deleted") == 0 || strcmp(state, "deleting") == 0 ||
			    strcmp(state, "failed") == 0);
	each_obj(l, e, "NatGatewayAddresses", load_nat_addr, n);
}

static void load_endpoint(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	/* describe-vpc-endpoints lists deleted ones for a while: an endpoint
	 * that no longer exists (or never will) carries nothing and cannot
	 * be associated, so it is not in the model */
	static const char *const gone[] = {"deleted", "deleting", "failed", "rejected", "expired"};
	const char *state = get_str(l, e, "State", 0);
	for (size_t i = 0; state && i < sizeof(gone) / sizeof(gone[0]); i++)
		if (strcasecmp(state, gone[i]) == 0)
			return;
	struct t_endpoint *p = topo_add_endpoint(l->t);
	p->id_s = get_id(l, e, "VpcEndpointId", 1);
	p->vpc_s = get_id(l, e, "VpcId", 0);
	p->service_name_s = get_id(l, e, "ServiceName", 0);
	p->vpc = -1;
	const char *type = get_str(l, e, "VpcEndpointType", 0);
	if (!type || strcmp(type, "Gateway") == 0)
		p->type = EP_GATEWAY;
	else if (strcmp(type, "GatewayLoadBalancer") == 0)
		p->type = EP_GWLB;
	else
		p->type = EP_INTERFACE;
	each_id(l, e, "RouteTableIds", &p->rtable_s, &p->nrtables);
	each_id(l, e, "NetworkInterfaceIds", &p->eni_s, &p->nenis);
	each_id(l, e, "SubnetIds", &p->subnet_s, &p->nsubnets);
	const json_t *dns = json_object_get(e, "PrivateDnsEnabled");
	p->private_dns = json_is_boolean(dns) ? json_is_true(dns) : -1;
	const json_t *dopt = json_object_get(e, "DnsOptions");
	const json_t *inb = json_is_object(dopt)
				    ? json_object_get(dopt, "PrivateDnsOnlyForInboundResolverEndpoint")
				    : NULL;
	p->dns_inbound_only = json_is_boolean(inb) ? json_is_true(inb) : -1;
	/* DnsOptions.DnsRecordIpType: whether its names resolve to IPv6 */
	const json_t *drt = json_is_object(dopt) ? json_object_get(dopt, "DnsRecordIpType") : NULL;
	const char *rt = json_is_string(drt) ? json_string_value(drt) : NULL;
	p->dns_records = !rt					     ? 0
			 : strcasecmp(rt, "ipv4") == 0		     ? EP_IPV4
			 : strcasecmp(rt, "ipv6") == 0		     ? EP_IPV6
			 : strcasecmp(rt, "dualstack") == 0	     ? EP_IPV4 | EP_IPV6
								     : 0;
	/* IPv4 when not given: output from before dual-stack endpoints */
	const char *ipt = get_str(l, e, "IpAddressType", 0);
	p->families = ipt && strcasecmp(ipt, "dualstack") == 0 ? EP_IPV4 | EP_IPV6
		      : ipt && strcasecmp(ipt, "ipv6") == 0    ? EP_IPV6
							       : EP_IPV4;
}

static void load_peer_side(struct ld *l, const json_t *e, const char *key, struct t_peer_side *s)
{
	const json_t *o = get_obj(l, e, key);
	struct cidr c;
	if (!o)
		return;
	size_t mark = path_push(l, "%s%s", l->plen ? "." : "", key);
	s->vpc_s = get_id(l, o, "VpcId", 0);
	s->owner_s = get_id(l, o, "OwnerId", 0);
	s->region_s = get_id(l, o, "Region", 0);
	cidr_set(l, o, "CidrBlockSet", "CidrBlock", &s->cidrs, &s->ncidrs);
	if (s->ncidrs == 0 && parse_cidr(l, o, "CidrBlock", &c))
		cidr_push(&s->cidrs, &s->ncidrs, &c);
	cidr_set(l, o, "Ipv6CidrBlockSet", "Ipv6CidrBlock", &s->cidrs, &s->ncidrs);
	path_pop(l, mark);
}

static void load_peering(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_peering *p = topo_add_peering(l->t);
	p->id_s = get_id(l, e, "VpcPeeringConnectionId", 1);
	const json_t *st = get_obj(l, e, "Status");
	const char *code = NULL;
	if (st) {
		size_t mark = path_push(l, "%sStatus", l->plen ? "." : "");
		code = get_str(l, st, "Code", 0);
		path_pop(l, mark);
	}
	p->active = !code || strcmp(code, "active") == 0;
	p->status_s = code ? topo_str(l->t, code) : 0;
	load_peer_side(l, e, "RequesterVpcInfo", &p->req);
	load_peer_side(l, e, "AccepterVpcInfo", &p->acc);
}

static void load_tgw_vpc_att(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_tgw_att *a = topo_add_tgw_att(l->t);
	a->id_s = get_id(l, e, "TransitGatewayAttachmentId", 1);
	a->tgw_s = get_id(l, e, "TransitGatewayId", 0);
	a->vpc_s = get_id(l, e, "VpcId", 0);
	a->resource_type_s = topo_str(l->t, "vpc");
	each_id(l, e, "SubnetIds", &a->subnet_s, &a->nsubnets);
}

static void load_tgw_att(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_tgw_att *a = topo_add_tgw_att(l->t);
	a->id_s = get_id(l, e, "TransitGatewayAttachmentId", 1);
	a->tgw_s = get_id(l, e, "TransitGatewayId", 0);
	a->resource_type_s = get_id(l, e, "ResourceType", 0);
	if (strcmp(strpool_str(l->t->pool, a->resource_type_s), "vpc") == 0)
		a->vpc_s = get_id(l, e, "ResourceId", 0);
}

struct gw_arg {
	enum gw_kind kind;
	const char *id_field;
	const char *att_field;
};

static void gw_att(struct ld *l, const json_t *e, void *arg)
{
	struct t_gateway *g = arg;
	uint32_t v = get_id(l, e, "VpcId", 0);
	if (v)
		id_push(&g->vpc_s, &g->nvpcs, v);
}

static void load_gateway(struct ld *l, const json_t *e, void *arg)
{
	const struct gw_arg *ga = arg;
	struct t_gateway *g = topo_add_gateway(l->t);
	g->kind = ga->kind;
	g->id_s = get_id(l, e, ga->id_field, 1);
	each_obj(l, e, ga->att_field, gw_att, g);
}

static void eni_addr(struct ld *l, const json_t *e, void *arg)
{
	struct t_eni *x = arg;
	const char *field = json_object_get(e, "Ipv6Address") ? "Ipv6Address" : "PrivateIpAddress";
	const char *ip = get_str(l, e, field, 0);
	struct fl_addr a;
	if (!ip)
		return;
	if (fl_addr_parse(ip, strlen(ip), &a) != 0) {
		shape_error(l, field, "an IP address", NULL);
		return;
	}
	for (int i = 0; i < x->naddrs; i++)
		if (memcmp(&x->addrs[i], &a, sizeof(a)) == 0)
			return;
	x->addrs = xrealloc(x->addrs, (size_t)(x->naddrs + 1) * sizeof(*x->addrs));
	x->addrs[x->naddrs++] = a;
}

/* A prefix delegated to an interface ({"Ipv4Prefix": "10.0.1.16/28"}):
 * its addresses are the interface's own (pods on an EKS node). */
static void eni_prefix(struct ld *l, const json_t *e, void *arg)
{
	struct t_eni *x = arg;
	struct cidr c;
	if (parse_cidr(l, e, json_object_get(e, "Ipv6Prefix") ? "Ipv6Prefix" : "Ipv4Prefix", &c))
		cidr_push(&x->prefixes, &x->nprefixes, &c);
}

static void load_eni(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_eni *x = topo_add_eni(l->t);
	x->subnet = x->vpc = x->nat = x->endpoint = x->tgw_att = -1;
	x->id_s = get_id(l, e, "NetworkInterfaceId", 1);
	x->subnet_s = get_id(l, e, "SubnetId", 0);
	x->vpc_s = get_id(l, e, "VpcId", 0);
	x->owner_s = get_id(l, e, "OwnerId", 0);
	x->type_s = get_id(l, e, "InterfaceType", 0);
	x->desc_s = get_text(l, e, "Description");
	x->az_s = get_id(l, e, "AvailabilityZone", 0);
	const json_t *att = get_obj(l, e, "Attachment");
	if (att)
		x->instance_s = get_id(l, att, "InstanceId", 0);
	const char *ip = get_str(l, e, "PrivateIpAddress", 0);
	if (ip) {
		json_t *tmp = json_pack("{ss}", "PrivateIpAddress", ip);
		eni_addr(l, tmp, x);
		json_decref(tmp);
	}
	each_obj(l, e, "PrivateIpAddresses", eni_addr, x);
	each_obj(l, e, "Ipv6Addresses", eni_addr, x);
	each_obj(l, e, "Ipv4Prefixes", eni_prefix, x);
	each_obj(l, e, "Ipv6Prefixes", eni_prefix, x);
}

static void load_plist(struct ld *l, const json_t *e, void *arg)
{
	(void)arg;
	struct t_prefix_list *p = topo_add_plist(l->t);
	const json_t *arr;
	size_t i;
	const json_t *c;
	p->id_s = get_id(l, e, "PrefixListId", 1);
	p->name_s = get_text(l, e, "PrefixListName");
	/* describe-prefix-lists: Cidrs, strings; a customer-managed list: the
	 * Entries of get-managed-prefix-list-entries ({"Cidr": ...}) added to
	 * its describe-managed-prefix-lists element (README, The topology) */
	int entries = 0;
	arr = get_arr(l, e, "Cidrs");
	if (!arr && !l->err) {
		arr = get_arr(l, e, "Entries");
		entries = 1;
	}
	if (!arr)
		return;
	json_array_foreach(arr, i, c)
	{
		struct cidr x;
		const json_t *v = !entries ? c : json_is_object(c) ? json_object_get(c, "Cidr") : NULL;
		const char *s = v && json_is_string(v) ? json_string_value(v) : NULL;
		if (!s || prefix_parse(s, strlen(s), &x.a, &x.plen) != 0) {
			size_t mark = path_push(l, entries ? "%sEntries[%zu].Cidr" : "%sCidrs[%zu]", l->plen ? "." : "", i);
			shape_error(l, NULL, "a CIDR block", NULL);
			path_pop(l, mark);
			return;
		}
		cidr_push(&p->cidrs, &p->ncidrs, &x);
	}
}

static const struct gw_arg igw_arg = {GW_IGW, "InternetGatewayId", "Attachments"};
static const struct gw_arg eigw_arg = {GW_EIGW, "EgressOnlyInternetGatewayId", "Attachments"};
static const struct gw_arg vgw_arg = {GW_VGW, "VpnGatewayId", "VpcAttachments"};

static const struct {
	const char *key;
	elem_fn fn;
	const void *arg;
} shapes[] = {
	{"Vpcs", load_vpc, NULL},
	{"Subnets", load_subnet, NULL},
	{"RouteTables", load_rtable, NULL},
	{"NatGateways", load_nat, NULL},
	{"VpcEndpoints", load_endpoint, NULL},
	{"VpcPeeringConnections", load_peering, NULL},
	{"TransitGatewayVpcAttachments", load_tgw_vpc_att, NULL},
	{"TransitGatewayAttachments", load_tgw_att, NULL},
	{"InternetGateways", load_gateway, &igw_arg},
	{"EgressOnlyInternetGateways", load_gateway, &eigw_arg},
	{"VpnGateways", load_gateway, &vgw_arg},
	{"NetworkInterfaces", load_eni, NULL},
	{"PrefixLists", load_plist, NULL},
};

void json_path_at(const char *text, size_t pos, char *out, size_t cap)
{
	struct {
		char kind; /* '{' or '[' */
		char want_key, has_key;
		unsigned long idx;
		char key[64];
	} st[32];
	int depth = 0;
	for (const char *p = text, *end = text + pos; p < end; p++) {
		int top = depth > 0 && depth <= 32;
		if (*p == '"') {
			const char *k = ++p;
			while (p < end && *p != '"')
				p += *p == '\\' && p + 1 < end ? 2 : 1;
			if (top && st[depth - 1].kind == '{' && st[depth - 1].want_key) {
				size_t n = (size_t)((p < end ? p : end) - k);
				n = n < sizeof(st[0].key) ? n : sizeof(st[0].key) - 1;
				memcpy(st[depth - 1].key, k, n);
				st[depth - 1].key[n] = '\0';
				st[depth - 1].want_key = 0;
				st[depth - 1].has_key = 1;
			}
			if (p >= end)
				break;
		} else if (*p == '{' || *p == '[') {
			if (depth < 32) {
				st[depth].kind = *p;
				st[depth].want_key = *p == '{';
				st[depth].has_key = 0;
				st[depth].idx = 0;
			}
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth -= depth > 0;
		} else if (*p == ',' && top) {
			st[depth - 1].idx++;
			st[depth - 1].want_key = st[depth - 1].kind == '{';
			st[depth - 1].has_key = 0;
		}
	}
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < depth && i < 32 && o < cap; i++) {
		int n = st[i].kind == '[' ? snprintf(out + o, cap - o, "[%lu]", st[i].idx)
			: st[i].has_key ? snprintf(out + o, cap - o, "%s%s", o ? "." : "", st[i].key)
					: 0;
		if (n < 0 || (size_t)n >= cap - o)
			break;
		o += (size_t)n;
	}
}

static int syntax_error(struct ld *l, const json_error_t *je)
{
	char path[256];
	size_t at = je->position > 0 ? (size_t)je->position : 0;
	at = at < l->len ? at : l->len;
	/* jansson's position is past the token it stopped at: a closing
	 * bracket there would close the container the error is in */
	if (at && (strstr(je->text, "near '}'") || strstr(je->text, "near ']'")) &&
	    (l->text[at - 1] == '}' || l->text[at - 1] == ']'))
		at--;
	json_path_at(l->text, at, path, sizeof(path));
	diag_set(l->d, TJ_E_SYNTAX, l->name, (uint64_t)(je->line > 0 ? je->line + (int)l->line0 : 0),
		 "%s%smalformed JSON: %s", path, path[0] ? ": " : "", je->text);
	if (l->d && je->column > 0)
		l->d->column = (uint64_t)je->column + (je->line == 1 ? l->col0 : 0);
	return TJ_E_SYNTAX;
}

/* The prefix list id a file's name holds, as in pl-0123456789abcdef0.json
 * (pl- and 8 or 17 hex digits, not followed by another letter or digit),
 * into out; 0 when none. */
static int plist_id_in_name(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (const char *p = strstr(base, "pl-"); p; p = strstr(p + 1, "pl-")) {
		size_t n = strspn(p + 3, "0123456789abcdef");
		char next = p[3 + n];
		int before = p > base && (isalnum((unsigned char)p[-1]));
		if ((n == 8 || n == 17) && !isalnum((unsigned char)next) && !before && n + 4 <= cap) {
			snprintf(out, cap, "%.*s", (int)(n + 3), p);
			return 1;
		}
	}
	return 0;
}

/* Load the topology keys of one object; returns how many it has. */
static int load_root(struct ld *l, const json_t *root)
{
	int known = 0;
	const char *next = json_string_value(json_object_get(root, "NextToken"));
	if (next && next[0] && l->t->truncated++ == 0)
		snprintf(l->t->truncated_first, sizeof(l->t->truncated_first), "%s", l->name);
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]) && !l->err; i++) {
		if (!json_object_get(root, shapes[i].key))
			continue;
		known++;
		each_obj(l, root, shapes[i].key, shapes[i].fn, (void *)(uintptr_t)shapes[i].arg);
	}
	return known;
}

/* An array of describe outputs (`jq -s` of several files): objects only,
 * one at least with a topology key. */
static int is_slurped(const json_t *a)
{
	size_t i, n = json_array_size(a);
	int keyed = 0;
	for (i = 0; i < n; i++) {
		const json_t *o = json_array_get(a, i);
		if (!json_is_object(o))
			return 0;
		for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]) && !keyed; k++)
			keyed = json_object_get(o, shapes[k].key) != NULL;
	}
	return keyed;
}

int topo_load_buffer(struct topo *t, const char *name, const char *buf, size_t len,
		     struct diag *d)
{
	struct ld l;
	json_error_t je;
	memset(&l, 0, sizeof(l));
	l.t = t;
	l.name = name;
	l.d = d;
	int known = 0, docs = 0, entries = 0;
	const char *other = NULL; /* what the file is instead */
	/* one document, or several one after another (the outputs of
	 * several commands appended to one file) */
	size_t line_start = 0; /* where the line of buf[off] starts */
	for (size_t off = 0; !l.err;) {
		/* blanks, and the byte order mark of each file when files that
		 * start with one are joined with cat */
		for (; off < len; off++) {
			if (len - off >= 3 && memcmp(buf + off, "\xef\xbb\xbf", 3) == 0) {
				off += 2;
				continue;
			}
			if (!buf[off] || !strchr(" \t\r\n", buf[off]))
				break;
			if (buf[off] == '\n') {
				l.line0++;
				line_start = off + 1;
			}
		}
		if (off >= len)
			break;
		l.col0 = off - line_start;
		l.text = buf + off;
		l.len = len - off;
		json_t *root = json_loadb(buf + off, len - off, JSON_ALLOW_NUL | JSON_DISABLE_EOF_CHECK, &je);
		if (!root)
			return syntax_error(&l, &je);
		docs++;
		if (json_is_object(root)) {
			int k = load_root(&l, root);
			const json_t *ent = json_object_get(root, "Entries");
			char plid[32];
			if (!k && ent && !l.err && plist_id_in_name(name, plid, sizeof(plid))) {
				/* get-managed-prefix-list-entries output saved under
				 * the list's id: that list's CIDRs */
				json_t *e = json_pack("{s:s, s:O}", "PrefixListId", plid, "Entries", ent);
				load_plist(&l, e, NULL);
				json_decref(e);
				k = 1;
			}
			known += k;
			entries |= ent != NULL;
			if (json_object_get(root, "AWSTemplateFormatVersion") || json_object_get(root, "Resources"))
				other = "a CloudFormation template";
			else if (json_object_get(root, "terraform_version"))
				other = "a Terraform state";
		} else if (json_is_array(root) && is_slurped(root)) {
			for (size_t i = 0; i < json_array_size(root) && !l.err; i++) {
				size_t mark = path_push(&l, "[%zu]", i);
				known += load_root(&l, json_array_get(root, i));
				path_pop(&l, mark);
			}
		} else {
			shape_error(&l, NULL,
				    json_is_array(root) ? "an object with keys such as Vpcs or Subnets (the "
							  "whole output of an aws ec2 describe command, "
							  "without --query)"
							: "an object with keys such as Vpcs or Subnets",
				    root);
		}
		/* the lines of this document, for the next one's */
		size_t used = je.position > 0 && (size_t)je.position <= len - off ? (size_t)je.position : len - off;
		for (size_t i = 0; i < used; i++)
			if (buf[off + i] == '\n') {
				l.line0++;
				line_start = off + i + 1;
			}
		off += used;
		json_decref(root);
	}
	if (l.err)
		return l.err;
	if (!docs)
		return diag_set(d, TJ_E_SYNTAX, name, 0,
				"empty: no JSON in the file (an aws command that failed?)");
	if (!known && entries && !t->unread_entries++)
		snprintf(t->entries_first, sizeof(t->entries_first), "%s", name);
	if (!known && entries)
		return diag_set(d, TJ_E_EMPTY, name, 0,
				"get-managed-prefix-list-entries output names no prefix list: name the "
				"file by the list's id (pl-....json), or add its Entries to the list's "
				"element of PrefixLists (README, The topology)");
	if (!known && other)
		return diag_set(d, TJ_E_EMPTY, name, 0,
				"%s, not describe output: flowpath reads what aws ec2 describe-vpcs, "
				"describe-subnets, describe-route-tables ... print (--output json), the estate "
				"as it is (README, The topology)",
				other);
	if (!known)
		return diag_set(d, TJ_E_EMPTY, name, 0,
				"no topology key (Vpcs, Subnets, RouteTables, ...) in the file");
	return 0;
}

static int read_file(const char *path, size_t max, char **out, size_t *len, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return diag_set(d, TJ_E_OPEN, path, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return diag_set(d, TJ_E_OPEN, path, 0, "not a regular file");
	}
	/* a JSON tree takes several times its text in memory: refuse a file
	 * too large rather than be killed for memory */
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return diag_set(d, TJ_E_LIMIT, path, 0,
				"%lld bytes: larger than the limit of %zu (--max-topology-bytes)",
				(long long)st.st_size, max);
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(buf);
				close(fd);
				return diag_set(d, TJ_E_LIMIT, path, 0,
						"larger than the limit of %zu bytes (--max-topology-bytes)", max);
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return diag_set(d, TJ_E_OPEN, path, 0, "read error: %s", strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*out = buf;
	*len = n;
	return 0;
}

static int load_file(struct topo *t, const char *path, struct diag *d,
		     int (*fn)(struct topo *, const char *, const char *, size_t, struct diag *))
{
	char *buf = NULL;
	size_t len = 0;
	size_t max = t->max_file_bytes ? t->max_file_bytes : (size_t)256 << 20;
	int rc = read_file(path, max, &buf, &len, d);
	if (rc)
		return rc;
	if (len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b) {
		free(buf);
		return diag_set(d, TJ_E_SYNTAX, path, 0,
				"gzip-compressed: decompress it first (gunzip); JSON is read as text");
	}
	/* UTF-16, as Windows PowerShell 5.1's > and Out-File write it */
	if (len >= 2 && (((unsigned char)buf[0] == 0xff && (unsigned char)buf[1] == 0xfe) ||
			 ((unsigned char)buf[0] == 0xfe && (unsigned char)buf[1] == 0xff))) {
		free(buf);
		return diag_set(d, TJ_E_SYNTAX, path, 0,
				"UTF-16 text (Windows PowerShell 5.1's > and Out-File write it): save "
				"it as UTF-8 (Out-File -Encoding utf8) and give that");
	}
	/* a UTF-8 byte order mark (PowerShell's Out-File writes one) */
	size_t bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t first = bom; /* the buffer has no NUL: bounded by len */
	while (first < len && strchr(" \t\r\n", buf[first]) && buf[first])
		first++;
	rc = fn(t, path, buf + bom, len - bom, d);
	/* not JSON at all: the CLI's other output formats */
	if (rc == TJ_E_SYNTAX && d && fn == topo_load_buffer && first < len && buf[first] != '{' &&
	    buf[first] != '[') {
		size_t n = strlen(d->msg);
		snprintf(d->msg + n, sizeof(d->msg) - n, "%s",
			 " (not JSON: the AWS CLI's --output yaml, text or table? give it --output json)");
	}
	free(buf);
	return rc;
}

struct walk_err {
	struct diag *d;
	int rc;
};

static void on_walk_diag(void *ctx, const struct diag *wd)
{
	struct walk_err *we = ctx;
	if (we->rc == 0) {
		if (we->d)
			*we->d = *wd;
		if (we->d)
			we->d->code = TJ_E_OPEN;
		we->rc = TJ_E_OPEN;
	}
}

int topo_load_path(struct topo *t, const char *path, struct diag *d)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct walk_list files;
		struct walk_err we = {d, 0};
		int loaded = 0, rc = 0;
		walk_list_init(&files);
		walk_add(&files, path, on_walk_diag, &we);
		for (size_t i = 0; i < files.n && rc == 0 && we.rc == 0; i++) {
			size_t n = strlen(files.paths[i]);
			int json = n >= 5 && strcmp(files.paths[i] + n - 5, ".json") == 0;
			int entries = t->unread_entries;
			rc = json ? load_file(t, files.paths[i], d, topo_load_buffer) : TJ_E_EMPTY;
			/* other files beside the topology (an ip-ranges.json, a
			 * pricing export, a describe output left gzipped) are
			 * passed over in a directory, and counted for a note;
			 * prefix list entries (unread_entries) have their own */
			if (rc == TJ_E_EMPTY && t->unread_entries > entries) {
				rc = 0;
			} else if (rc == TJ_E_EMPTY) {
				rc = 0;
				if (!t->unread++)
					snprintf(t->unread_first, sizeof(t->unread_first), "%s", files.paths[i]);
			} else if (rc == 0) {
				loaded++;
			}
		}
		walk_list_fini(&files);
		if (we.rc)
			return we.rc;
		if (rc == 0 && loaded == 0)
			rc = diag_set(d, TJ_E_EMPTY, path, 0,
				      "no topology JSON (Vpcs, Subnets, RouteTables, ...) in the directory "
				      "(only files named *.json are read)");
		return rc;
	}
	return load_file(t, path, d, topo_load_buffer);
}

int ipranges_load_path(struct topo *t, const char *path, struct diag *d)
{
	return load_file(t, path, d, ipranges_load_buffer);
}

/* json_locate: a small scanner that follows the path through the text. */
struct jscan {
	const char *p, *end, *start;
};

static void js_ws(struct jscan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* Skip a string; if out is not NULL copy its raw content (up to cap-1). */
static int js_string(struct jscan *s, char *out, size_t cap)
{
	size_t o = 0;
	if (s->p >= s->end || *s->p != '"')
		return -1;
	s->p++;
	while (s->p < s->end && *s->p != '"') {
		if (*s->p == '\\')
			s->p++;
		else if (out && o + 1 < cap)
			out[o++] = *s->p;
		s->p++;
	}
	if (out)
		out[o] = '\0';
	if (s->p >= s->end)
		return -1;
	s->p++;
	return 0;
}

static int js_skip(struct jscan *s, int depth)
{
	js_ws(s);
	if (s->p >= s->end || depth > 512)
		return -1;
	char c = *s->p;
	if (c == '"')
		return js_string(s, NULL, 0);
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		s->p++;
		js_ws(s);
		if (s->p < s->end && *s->p == close) {
			s->p++;
			return 0;
		}
		for (;;) {
			if (c == '{') {
				js_ws(s);
				if (js_string(s, NULL, 0))
					return -1;
				js_ws(s);
				if (s->p >= s->end || *s->p != ':')
					return -1;
				s->p++;
			}
			if (js_skip(s, depth + 1))
				return -1;
			js_ws(s);
			if (s->p < s->end && *s->p == ',') {
				s->p++;
				continue;
			}
			if (s->p < s->end && *s->p == close) {
				s->p++;
				return 0;
			}
			return -1;
		}
	}
	while (s->p < s->end && !strchr(",}] \t\r\n", *s->p))
		s->p++;
	return 0;
}

int json_locate(const char *text, size_t len, const char *path, unsigned long *line,
		unsigned long *column)
{
	struct jscan s = {text, text + len, text};
	const char *q = path;
	js_ws(&s);
	while (*q) {
		if (*q == '.')
			q++;
		if (*q == '[') {
			char *endp;
			unsigned long idx = strtoul(q + 1, &endp, 10);
			if (*endp != ']')
				return -1;
			q = endp + 1;
			js_ws(&s);
			if (s.p >= s.end || *s.p != '[')
				return -1;
			s.p++;
			for (unsigned long i = 0; i < idx; i++) {
				if (js_skip(&s, 0))
					return -1;
				js_ws(&s);
				if (s.p >= s.end || *s.p != ',')
					return -1;
				s.p++;
			}
			js_ws(&s);
			continue;
		}
		size_t klen = strcspn(q, ".[");
		js_ws(&s);
		if (s.p >= s.end || *s.p != '{')
			return -1;
		s.p++;
		for (;;) {
			char key[256];
			js_ws(&s);
			if (js_string(&s, key, sizeof(key)))
				return -1;
			js_ws(&s);
			if (s.p >= s.end || *s.p != ':')
				return -1;
			s.p++;
			js_ws(&s);
			if (strlen(key) == klen && strncmp(key, q, klen) == 0)
				break;
			if (js_skip(&s, 0))
				return -1;
			js_ws(&s);
			if (s.p >= s.end || *s.p != ',')
				return -1;
			s.p++;
		}
		q += klen;
	}
	js_ws(&s);
	unsigned long ln = 1, col = 1;
	for (const char *p = text; p < s.p; p++) {
		if (*p == '\n') {
			ln++;
			col = 1;
		} else {
			col++;
		}
	}
	*line = ln;
	*column = col;
	return 0;
}
