/* SPDX-License-Identifier: MIT */
/*
 * estate_gen: a deterministic synthetic AWS estate and a day of its VPC flow
 * logs, with the true path of every record written beside them. The same
 * options always give the same bytes (seeded xoshiro256**; no clock).
 *
 * OUT/topology/{account}/{region}/describe-*.json  AWS CLI output shapes
 * OUT/ip-ranges.json                               AWS's schema, synthetic
 * OUT/logs/AWSLogs/{account}/vpcflowlogs/...       gzip, S3 key layout
 * OUT/truth.csv (--truth)                          records and bytes per
 *                                                  core-aggregate key
 * OUT/truth-traffic-path.csv (--truth)             traffic-path checks and
 *                                                  disagreements per VPC
 *
 * The estate: account 111111111111 owns "prod" (us-east-1, two AZs, public
 * and private subnets, a NAT gateway per AZ, one private subnet routed to the
 * other AZ's NAT by mistake, an S3 gateway endpoint on one route table only,
 * an ECR interface endpoint, an egress-only gateway for IPv6, a transit
 * gateway) and logs in a custom version 5 format. Account 222222222222 owns
 * "edge" (us-west-2, peered with prod across regions, its broad 10.0.0.0/8
 * route to the peering reaches further than the peering does) and "shared"
 * (us-east-1, reached only through the transit gateway, with a VPN gateway
 * and a blackhole route) and logs in the default format.
 *
 * The truth is not computed by classifying records: each scenario knows
 * which path it sends its traffic on, as shared/spec/paths.md names it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <zlib.h>

#include "rng.h"

static int chance(struct rng *r, uint32_t percent)
{
	return below(r, 100) < percent;
}

/* Heavy-tailed sizes: mostly small, a few large transfers. */
static uint64_t heavy(struct rng *r, int maxbits)
{
	int bits = 1 + (int)below(r, (uint32_t)maxbits);
	return 1 + (rng_next(r) >> (64 - bits));
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "estate_gen: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "estate_gen: out of memory\n");
		abort();
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* ---- the estate ---- */

#define ACCT_A "111111111111"
#define ACCT_B "222222222222"
#define TGW_ID "tgw-0f3e2d1c0b9a87654"
#define PCX_ID "pcx-0ab12cd34ef56a789"
#define PCX_DEAD "pcx-0dead0beef0dead01"
#define IGW_A "igw-0a1b2c3d4e5f60718"
#define IGW_B "igw-0b2c3d4e5f6071829"
#define EIGW_A "eigw-0c3d4e5f607182930"
#define VGW_C "vgw-0d4e5f60718293a41"
#define VPCE_S3 "vpce-0e5f60718293a4b52"
#define VPCE_ECR "vpce-0f60718293a4b5c63"
#define PL_S3_E1 "pl-63a5400a"
#define PL_DDB_E1 "pl-02cd2c6b"
#define PL_S3_W2 "pl-68a54001"
#define PL_DDB_W2 "pl-00a54069"
#define TGWA_A "tgw-attach-0a9b8c7d6e5f4a3b2"
#define TGWA_C "tgw-attach-0c1d2e3f4a5b6c7d8"
#define DAY0_DEFAULT UINT32_C(1795564800) /* 2026-11-25T00:00:00Z */
/* The day the logs cover (--day-offset moves it). */
static uint32_t DAY0 = DAY0_DEFAULT;

enum { V_PROD, V_EDGE, V_SHARED, NVPC };

struct vpc_def {
	const char *id, *owner, *region, *cidr, *v6, *name, *flowlog;
};

static const struct vpc_def vpcs[NVPC] = {
	{"vpc-0a1e5c3b7d9f20411", ACCT_A, "us-east-1", "10.10.0.0/16", "2600:1f18:4a3b:c800::/56",
	 "prod", "fl-0a1b2c3d4e5f60711"},
	{"vpc-0b2f6d4c8e0a31522", ACCT_B, "us-west-2", "10.20.0.0/16", NULL, "edge",
	 "fl-0b2c3d4e5f6071822"},
	{"vpc-0c3a7e5d9f1b42633", ACCT_B, "us-east-1", "10.30.0.0/16", NULL, "shared",
	 "fl-0c3d4e5f607182933"},
};

enum {
	S_PUB_A, S_PUB_B, S_PRIV_A, S_PRIV_B, S_PRIV_C, S_TGW_A, S_TGW_B,
	S_WEB_A, S_WEB_B, S_SVC_A, S_SVC_B, S_TGW_C, NSUB
};
enum { R_PROD_MAIN, R_PUB, R_PRIV_A, R_PRIV_B, R_PRIV_C, R_EDGE, R_SHARED, NRTB };
enum { NAT_A, NAT_B, NNAT };

struct subnet_def {
	const char *id;
	int vpc;
	const char *cidr, *az, *azid, *v6, *name;
	int rtb; /* explicit association, or -1: the VPC's main table */
	int nat; /* the NAT gateway its 0.0.0.0/0 route names, or -1 */
	int s3ep; /* its route table has the S3 gateway endpoint */
};

static const struct subnet_def subnets[NSUB] = {
	{"subnet-0a10a0b1c2d3e4f51", V_PROD, "10.10.0.0/24", "us-east-1a", "use1-az1",
	 "2600:1f18:4a3b:c800::/64", "prod-public-a", R_PUB, -1, 0},
	{"subnet-0a10b1c2d3e4f5a62", V_PROD, "10.10.1.0/24", "us-east-1b", "use1-az2",
	 "2600:1f18:4a3b:c801::/64", "prod-public-b", R_PUB, -1, 0},
	{"subnet-0a10c2d3e4f5a6b73", V_PROD, "10.10.10.0/24", "us-east-1a", "use1-az1",
	 "2600:1f18:4a3b:c80a::/64", "prod-private-a", R_PRIV_A, NAT_A, 1},
	{"subnet-0a10d3e4f5a6b7c84", V_PROD, "10.10.11.0/24", "us-east-1b", "use1-az2", NULL,
	 "prod-private-b", R_PRIV_B, NAT_B, 0},
	{"subnet-0a10e4f5a6b7c8d95", V_PROD, "10.10.12.0/24", "us-east-1b", "use1-az2", NULL,
	 "prod-batch-b", R_PRIV_C, NAT_A, 0},
	{"subnet-0a10f5a6b7c8d9ea6", V_PROD, "10.10.255.0/28", "us-east-1a", "use1-az1", NULL,
	 "prod-tgw-a", -1, -1, 0},
	{"subnet-0a1006b7c8d9eafb7", V_PROD, "10.10.255.16/28", "us-east-1b", "use1-az2", NULL,
	 "prod-tgw-b", -1, -1, 0},
	{"subnet-0b20a7c8d9eafb0c8", V_EDGE, "10.20.1.0/24", "us-west-2a", "usw2-az1", NULL,
	 "edge-web-a", R_EDGE, -1, 0},
	{"subnet-0b20b8d9eafb0c1d9", V_EDGE, "10.20.2.0/24", "us-west-2b", "usw2-az2", NULL,
	 "edge-web-b", -1, -1, 0},
	{"subnet-0c30a9eafb0c1d2ea", V_SHARED, "10.30.1.0/24", "us-east-1a", "use1-az4", NULL,
	 "shared-svc-a", R_SHARED, -1, 0},
	{"subnet-0c30bafb0c1d2e3fb", V_SHARED, "10.30.2.0/24", "us-east-1b", "use1-az6", NULL,
	 "shared-svc-b", R_SHARED, -1, 0},
	{"subnet-0c30cb0c1d2e3f40c", V_SHARED, "10.30.255.0/28", "us-east-1a", "use1-az4", NULL,
	 "shared-tgw-a", R_SHARED, -1, 0},
};

struct rtb_def {
	const char *id;
	int vpc, main;
};

static const struct rtb_def rtbs[NRTB] = {
	{"rtb-0a1000000000000a1", V_PROD, 1}, {"rtb-0a10000000000pub1", V_PROD, 0},
	{"rtb-0a100000000priv0a", V_PROD, 0}, {"rtb-0a100000000priv0b", V_PROD, 0},
	{"rtb-0a100000000batch0", V_PROD, 0}, {"rtb-0b2000000000000e1", V_EDGE, 1},
	{"rtb-0c3000000000000s1", V_SHARED, 1},
};

struct route_def {
	int rtb;
	const char *dst, *key, *target, *state;
};

static const struct route_def routes[] = {
	{R_PROD_MAIN, "10.10.0.0/16", "GatewayId", "local", "active"},
	{R_PUB, "10.10.0.0/16", "GatewayId", "local", "active"},
	{R_PUB, "2600:1f18:4a3b:c800::/56", "GatewayId", "local", "active"},
	{R_PUB, "0.0.0.0/0", "GatewayId", IGW_A, "active"},
	{R_PUB, "::/0", "GatewayId", IGW_A, "active"},
	{R_PRIV_A, "10.10.0.0/16", "GatewayId", "local", "active"},
	{R_PRIV_A, "2600:1f18:4a3b:c800::/56", "GatewayId", "local", "active"},
	{R_PRIV_A, "0.0.0.0/0", "NatGatewayId", "nat-0a1b2c3d4e5f6a7b8", "active"},
	{R_PRIV_A, "::/0", "EgressOnlyInternetGatewayId", EIGW_A, "active"},
	{R_PRIV_A, PL_S3_E1, "GatewayId", VPCE_S3, "active"},
	{R_PRIV_A, "10.20.0.0/16", "VpcPeeringConnectionId", PCX_ID, "active"},
	{R_PRIV_A, "10.30.0.0/16", "TransitGatewayId", TGW_ID, "active"},
	{R_PRIV_B, "10.10.0.0/16", "GatewayId", "local", "active"},
	{R_PRIV_B, "0.0.0.0/0", "NatGatewayId", "nat-0b2c3d4e5f6a7b8c9", "active"},
	{R_PRIV_B, "10.20.0.0/16", "VpcPeeringConnectionId", PCX_ID, "active"},
	{R_PRIV_B, "10.30.0.0/16", "TransitGatewayId", TGW_ID, "active"},
	{R_PRIV_C, "10.10.0.0/16", "GatewayId", "local", "active"},
	{R_PRIV_C, "0.0.0.0/0", "NatGatewayId", "nat-0a1b2c3d4e5f6a7b8", "active"},
	{R_PRIV_C, "10.20.0.0/16", "VpcPeeringConnectionId", PCX_ID, "active"},
	{R_PRIV_C, "10.30.0.0/16", "TransitGatewayId", TGW_ID, "active"},
	{R_EDGE, "10.20.0.0/16", "GatewayId", "local", "active"},
	{R_EDGE, "10.0.0.0/8", "VpcPeeringConnectionId", PCX_ID, "active"},
	{R_EDGE, "0.0.0.0/0", "GatewayId", IGW_B, "active"},
	{R_SHARED, "10.30.0.0/16", "GatewayId", "local", "active"},
	{R_SHARED, "10.10.0.0/16", "TransitGatewayId", TGW_ID, "active"},
	{R_SHARED, "172.16.0.0/12", "GatewayId", VGW_C, "active"},
	{R_SHARED, "10.40.0.0/16", "VpcPeeringConnectionId", PCX_DEAD, "blackhole"},
};

struct nat_def {
	const char *id, *eni, *ip, *public_ip;
	int subnet;
};

static const struct nat_def nats[NNAT] = {
	{"nat-0a1b2c3d4e5f6a7b8", "eni-0aa0000000000a0a1", "10.10.0.10", "44.210.17.5", S_PUB_A},
	{"nat-0b2c3d4e5f6a7b8c9", "eni-0bb0000000000b0b2", "10.10.1.10", "44.210.17.77", S_PUB_B},
};

/* ---- AWS address pools and what ip-ranges.json says of them ---- */

struct range_def {
	const char *prefix, *region, *service;
};

/* Same CIDR under several services, and service ranges nested in AMAZON. */
static const struct range_def ranges[] = {
	{"52.216.0.0/15", "us-east-1", "AMAZON"},     {"52.216.0.0/15", "us-east-1", "S3"},
	{"54.231.0.0/16", "us-east-1", "S3"},         {"54.231.0.0/16", "us-east-1", "AMAZON"},
	{"52.218.0.0/17", "us-west-2", "AMAZON"},     {"52.218.0.0/17", "us-west-2", "S3"},
	{"52.64.0.0/10", "us-east-1", "AMAZON"},      {"52.94.0.0/22", "us-east-1", "DYNAMODB"},
	{"52.94.0.0/22", "us-east-1", "AMAZON"},      {"52.94.24.0/23", "us-west-2", "DYNAMODB"},
	{"52.94.24.0/23", "us-west-2", "AMAZON"},     {"54.80.0.0/12", "us-east-1", "AMAZON"},
	{"54.80.0.0/13", "us-east-1", "EC2"},         {"54.200.0.0/14", "us-west-2", "AMAZON"},
	{"54.200.0.0/14", "us-west-2", "EC2"},        {"13.32.0.0/15", "GLOBAL", "AMAZON"},
	{"13.32.0.0/15", "GLOBAL", "CLOUDFRONT"},     {"15.177.0.0/18", "us-east-1", "ROUTE53_HEALTHCHECKS"},
	{"15.177.0.0/18", "us-east-1", "AMAZON"},     {"15.177.0.0/18", "us-east-1", "KINESIS_VIDEO_STREAMS"},
	{"44.192.0.0/11", "us-east-1", "EC2"},        {"44.192.0.0/11", "us-east-1", "AMAZON"},
};

static const struct range_def ranges6[] = {
	{"2600:1f00::/24", "us-east-1", "AMAZON"},
	{"2600:1f18::/33", "us-east-1", "EC2"},
	{"2600:1fa0:8000::/39", "us-east-1", "S3"},
	{"2600:1fa0:8000::/39", "us-east-1", "AMAZON"},
	{"2600:1f14::/35", "us-west-2", "EC2"},
};

enum {
	P_S3_E1, P_S3_E1B, P_S3_W2, P_DDB_E1, P_DDB_W2, P_AMZ_E1, P_EC2_E1, P_AMZ_E1B,
	P_EC2_W2, P_CF, P_KVS, P_S3_UNLISTED, P_AMZ_AS_EC2, P_INET1, P_INET2, P_INET3,
	P_INET4, P6_INET, P6_EC2, P6_S3, NPOOL
};

struct pool_def {
	const char *base; /* dotted IPv4, or an IPv6 /64 prefix text ending "::" */
	uint32_t span;    /* host choices */
	/* what a ranges lookup by paths.md 1 gives: service, region ("" none) */
	const char *svc, *region;
	/* what AWS writes in pkt-*-aws-service ("" for none) */
	const char *aws_view;
};

static const struct pool_def pools[NPOOL] = {
	{"52.216.0.0", 1u << 17, "S3", "us-east-1", "S3"},
	{"54.231.0.0", 1u << 16, "S3", "us-east-1", "S3"},
	{"52.218.0.0", 1u << 15, "S3", "us-west-2", "S3"},
	{"52.94.0.0", 1u << 10, "DYNAMODB", "us-east-1", "DYNAMODB"},
	{"52.94.24.0", 1u << 9, "DYNAMODB", "us-west-2", "DYNAMODB"},
	{"52.95.0.0", 1u << 16, "AMAZON", "us-east-1", "AMAZON"},
	{"54.80.0.0", 1u << 19, "EC2", "us-east-1", "EC2"},
	{"54.88.0.0", 1u << 19, "AMAZON", "us-east-1", "AMAZON"},
	{"54.200.0.0", 1u << 18, "EC2", "us-west-2", "EC2"},
	{"13.32.0.0", 1u << 17, "CLOUDFRONT", "GLOBAL", "CLOUDFRONT"},
	{"15.177.0.0", 1u << 14, "KINESIS_VIDEO_STREAMS", "us-east-1", "KINESIS_VIDEO_STREAMS"},
	/* outside the synthetic ranges; only a v5 record can tell it is S3 */
	{"3.5.0.0", 1u << 13, "", "", "S3"},
	/* AMAZON to the ranges, EC2 to the record: the record wins */
	{"54.90.0.0", 1u << 16, "AMAZON", "us-east-1", "EC2"},
	{"203.0.113.0", 256, "", "", ""},
	{"198.51.100.0", 256, "", "", ""},
	{"151.101.0.0", 1u << 16, "", "", ""},
	{"140.82.112.0", 1u << 12, "", "", ""},
	{"2001:db8:", 1u << 16, "", "", ""},
	{"2600:1f18:1000:", 1u << 16, "EC2", "us-east-1", "EC2"},
	{"2600:1fa0:8000:", 1u << 16, "S3", "us-east-1", "S3"},
};

/* ---- ENIs ---- */

enum role { ROLE_WORK, ROLE_NAT, ROLE_IEP, ROLE_TGW };

struct eni {
	char id[24], inst[24];
	char ip[16], ip6[48];
	int subnet, role, listed, nat;
};

#define MAXENI 96

struct estate {
	struct eni e[MAXENI];
	int n;
	int by_subnet[NSUB][16];
	int nby[NSUB];
	int iep[2], tgw_eni[3], unlisted;
};

static uint32_t v4_parse(const char *s, int *plen)
{
	unsigned a, b, c, d, p = 32;
	if (sscanf(s, "%u.%u.%u.%u/%u", &a, &b, &c, &d, &p) < 4) {
		fprintf(stderr, "estate_gen: bad address %s\n", s);
		exit(1);
	}
	if (plen)
		*plen = (int)p;
	return a << 24 | b << 16 | c << 8 | d;
}

static void v4_text(uint32_t a, char *out)
{
	snprintf(out, 16, "%u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
}

static void hexid(uint64_t *st, char *out, size_t cap, const char *prefix)
{
	snprintf(out, cap, "%s0%016" PRIx64, prefix, splitmix64(st));
}

static int add_eni(struct estate *es, uint64_t *idst, int subnet, int host, int role, int listed)
{
	struct eni *e = &es->e[es->n];
	int plen;
	uint32_t base = v4_parse(subnets[subnet].cidr, &plen);
	memset(e, 0, sizeof(*e));
	hexid(idst, e->id, sizeof(e->id), "eni-");
	if (role == ROLE_WORK)
		hexid(idst, e->inst, sizeof(e->inst), "i-");
	v4_text(base + (uint32_t)host, e->ip);
	if (role == ROLE_WORK && subnets[subnet].v6) {
		char pfx[48];
		snprintf(pfx, sizeof(pfx), "%s", subnets[subnet].v6);
		*strstr(pfx, "::/") = '\0';
		snprintf(e->ip6, sizeof(e->ip6), "%.20s:%x:3b:%x:5d", pfx, 0x1a2u + (unsigned)(host & 255),
			 0xc4u + (unsigned)(host & 255));
	}
	e->subnet = subnet;
	e->role = role;
	e->listed = listed;
	e->nat = -1;
	if (role == ROLE_WORK && listed)
		es->by_subnet[subnet][es->nby[subnet]++] = es->n;
	return es->n++;
}

static void build_estate(struct estate *es)
{
	static const int work[NSUB] = {3, 3, 6, 6, 4, 0, 0, 4, 4, 3, 3, 0};
	uint64_t idst = UINT64_C(0x5eed0fe57a7e);
	memset(es, 0, sizeof(*es));
	for (int s = 0; s < NSUB; s++)
		for (int h = 0; h < work[s]; h++)
			add_eni(es, &idst, s, 20 + h * 7, ROLE_WORK, 1);
	/* a Lambda-style ENI the inventory snapshot missed */
	es->unlisted = add_eni(es, &idst, S_WEB_A, 150, ROLE_WORK, 0);
	for (int k = 0; k < NNAT; k++) {
		int i = add_eni(es, &idst, nats[k].subnet, 10, ROLE_NAT, 1);
		snprintf(es->e[i].id, sizeof(es->e[i].id), "%s", nats[k].eni);
		es->e[i].nat = k;
	}
	es->iep[0] = add_eni(es, &idst, S_PRIV_A, 200, ROLE_IEP, 1);
	es->iep[1] = add_eni(es, &idst, S_PRIV_B, 200, ROLE_IEP, 1);
	es->tgw_eni[0] = add_eni(es, &idst, S_TGW_A, 5, ROLE_TGW, 1);
	es->tgw_eni[1] = add_eni(es, &idst, S_TGW_B, 4, ROLE_TGW, 1);
	es->tgw_eni[2] = add_eni(es, &idst, S_TGW_C, 5, ROLE_TGW, 1);
}

static const struct vpc_def *vpc_of(const struct eni *e)
{
	return &vpcs[subnets[e->subnet].vpc];
}

static const char *region_of_az(const char *az, char *out)
{
	size_t n = strlen(az);
	memcpy(out, az, n - 1);
	out[n - 1] = '\0';
	return out;
}

/* ---- truth: records and bytes per core-aggregate key ---- */

struct tentry {
	char *key;
	uint64_t records, bytes;
};

struct truth {
	struct tentry *t;
	size_t n, cap;
};

static uint64_t fnv(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h;
}

static void truth_add(struct truth *tr, const char *key, uint64_t bytes)
{
	if (tr->n * 2 >= tr->cap) {
		struct truth nt = {NULL, 0, tr->cap ? tr->cap * 2 : 1024};
		nt.t = calloc(nt.cap, sizeof(*nt.t));
		if (!nt.t)
			abort();
		for (size_t i = 0; i < tr->cap; i++) {
			if (!tr->t[i].key)
				continue;
			size_t j = fnv(tr->t[i].key) & (nt.cap - 1);
			while (nt.t[j].key)
				j = (j + 1) & (nt.cap - 1);
			nt.t[j] = tr->t[i];
		}
		nt.n = tr->n;
		free(tr->t);
		*tr = nt;
	}
	size_t j = fnv(key) & (tr->cap - 1);
	while (tr->t[j].key && strcmp(tr->t[j].key, key) != 0)
		j = (j + 1) & (tr->cap - 1);
	if (!tr->t[j].key) {
		tr->t[j].key = xstrdup(key);
		tr->n++;
	}
	tr->t[j].records++;
	tr->t[j].bytes += bytes;
}

static int cmp_tentry(const void *a, const void *b)
{
	return strcmp(((const struct tentry *)a)->key, ((const struct tentry *)b)->key);
}

/* ---- flow log lines, kept per flow log until written in 5-minute files ---- */

struct line {
	uint32_t end, seq;
	char *text;
};

struct flog {
	struct line *v;
	size_t n, cap;
};

/* A path as paths.md names it: what a record's key says after the vantage. */
struct pv {
	const char *path, *svc, *sreg, *via, *reason;
	int rvpc; /* index into vpcs, or -1 */
};

struct rec {
	const char *src, *dst, *psrc, *pdst; /* pkt-*: NULL when equal to src/dst */
	unsigned sport, dport, proto;
	uint64_t packets, bytes;
	int reject, egress, tp;
	const char *src_svc, *dst_svc; /* pkt-*-aws-service, NULL for '-' */
};

struct gen {
	struct rng r;
	struct estate es;
	struct flog fl[NVPC];
	struct truth tr;
	uint32_t seq, start, end, nwin;
	uint64_t nrec, nbytes, nodata, skipdata;
	/* prod's egress workload records with a traffic-path (all on paths
	 * paths.md 4 compares), and those whose traffic-path is stale */
	uint64_t tp_checked, tp_disagree;
	int disputed;
	uint64_t scale; /* packets (and so bytes) of every flow multiplied by this */
};

static const char *const v2_fields =
	"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
	"start end action log-status";
static const char *const v5_fields =
	"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
	"start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr "
	"pkt-dstaddr region az-id flow-direction traffic-path pkt-src-aws-service "
	"pkt-dst-aws-service";

static void fl_push(struct gen *g, int vpc, const char *text)
{
	struct flog *f = &g->fl[vpc];
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 4096;
		struct line *nv = realloc(f->v, f->cap * sizeof(*nv));
		if (!nv)
			abort();
		f->v = nv;
	}
	f->v[f->n].end = g->end;
	f->v[f->n].seq = g->seq++;
	f->v[f->n].text = xstrdup(text);
	f->n++;
}

static const char *dash(const char *s)
{
	return s && *s ? s : "-";
}

/* Write one flow record captured on e, and count it under the truth key. */
static void emit(struct gen *g, const struct eni *e, const struct rec *x, int loc_subnet,
		 const char *vantage, const char *side, const struct pv *p)
{
	const struct vpc_def *v = vpc_of(e);
	const struct subnet_def *s = &subnets[e->subnet];
	int vi = s->vpc;
	char buf[1024], reg[32];
	int n = snprintf(buf, sizeof(buf), "%d %s %s %s %s %u %u %u %" PRIu64 " %" PRIu64 " %u %u %s OK",
			 vi == V_PROD ? 5 : 2, v->owner, e->id, x->src, x->dst, x->sport, x->dport,
			 x->proto, x->packets, x->bytes, g->start, g->end,
			 x->reject ? "REJECT" : "ACCEPT");
	if (vi == V_PROD) {
		int v6 = strchr(x->src, ':') != NULL;
		char tp[8];
		snprintf(tp, sizeof(tp), "%d", x->tp);
		snprintf(buf + n, sizeof(buf) - (size_t)n,
			 " %s %s %s %d %s %s %s %s %s %s %s %s %s", v->id, s->id, dash(e->inst),
			 x->proto == 6 ? 19 : 0, v6 ? "IPv6" : "IPv4", x->psrc ? x->psrc : x->src,
			 x->pdst ? x->pdst : x->dst, v->region, s->azid,
			 x->egress ? "egress" : "ingress", x->egress && x->tp ? tp : "-",
			 dash(x->src_svc), dash(x->dst_svc));
	}
	fl_push(g, vi, buf);
	g->nrec++;
	g->nbytes += x->bytes;
	if (vi == V_PROD && x->egress && x->tp && strcmp(vantage, "workload") == 0 &&
	    strcmp(p->path, "unroutable") != 0)
		g->tp_checked++;

	const struct subnet_def *ls = &subnets[loc_subnet];
	const struct vpc_def *lv = &vpcs[ls->vpc];
	const char *dir = x->egress ? "egress" : "ingress";
	snprintf(buf, sizeof(buf), "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", lv->owner,
		 region_of_az(ls->az, reg), lv->id, ls->id, ls->az, vantage, side,
		 p->reason && strcmp(p->reason, "@unknown") == 0 ? "unknown" : dir,
		 x->reject ? "REJECT" : "ACCEPT", p->path, p->svc ? p->svc : "",
		 p->sreg ? p->sreg : "", p->via ? p->via : "", p->rvpc >= 0 ? vpcs[p->rvpc].id : "",
		 p->rvpc >= 0 ? vpcs[p->rvpc].region : "",
		 p->reason && p->reason[0] != '@' ? p->reason : "");
	truth_add(&g->tr, buf, x->bytes);
}

static void nodata(struct gen *g, const struct eni *e, int skip)
{
	const struct vpc_def *v = vpc_of(e);
	int vi = subnets[e->subnet].vpc;
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "%d %s %s - - - - - - - %u %u - %s", vi == V_PROD ? 5 : 2,
			 v->owner, e->id, g->start, g->end, skip ? "SKIPDATA" : "NODATA");
	if (vi == V_PROD)
		snprintf(buf + n, sizeof(buf) - (size_t)n, " - - - - - - - - - - - - -");
	fl_push(g, vi, buf);
	if (skip)
		g->skipdata++;
	else
		g->nodata++;
}

/* ---- conversations ---- */

static void conv_time(struct gen *g)
{
	uint32_t slot = 86400 / g->nwin, k = below(&g->r, g->nwin);
	uint32_t w = DAY0 + (k * slot + 900) / 300 * 300;
	g->end = w + below(&g->r, 300);
	g->start = g->end - 1 - below(&g->r, 540);
}

static unsigned ephemeral(struct gen *g)
{
	return 32768 + below(&g->r, 28232);
}

struct sizes {
	uint64_t qp, qb, rp, rb; /* request and response packets, bytes */
};

static struct sizes sizes(struct gen *g, int bulk)
{
	struct sizes z;
	z.qp = heavy(&g->r, 6);
	z.qb = z.qp * (40 + below(&g->r, 600));
	z.rp = heavy(&g->r, bulk ? 14 : 8);
	z.rb = z.rp * (52 + below(&g->r, 1400));
	z.qp *= g->scale;
	z.qb *= g->scale;
	z.rp *= g->scale;
	z.rb *= g->scale;
	return z;
}

static void pool_addr(struct gen *g, int pool, char *out)
{
	const struct pool_def *p = &pools[pool];
	uint32_t h = 1 + below(&g->r, p->span - 2);
	if (strchr(p->base, ':'))
		snprintf(out, 48, "%s%x::%x", p->base, h & 0xffff, 1 + below(&g->r, 0xfffe));
	else
		v4_text(v4_parse(p->base, NULL) + h, out);
}

/* How paths.md 1 and 4 name a service remote on a route to via. */
static struct pv svc_path(int pool, int v5, const char *svc_path_name, const char *inet_path,
			  const char *via)
{
	const struct pool_def *p = &pools[pool];
	const char *svc = v5 && p->aws_view[0] ? p->aws_view : p->svc;
	struct pv r = {inet_path, NULL, NULL, via, NULL, -1};
	if (svc[0]) {
		r.path = svc_path_name;
		r.svc = svc;
		r.sreg = p->region;
	}
	return r;
}

/*
 * The records of one conversation on workload w with remote address rip:
 * the request (w sends it when w_client) and the response, unless
 * no_response. reject: the request is rejected at w.
 */
static void wl_conv(struct gen *g, const struct eni *w, const char *rip, int w_client,
		    unsigned dport, struct sizes z, const struct pv *p, int tp, const char *rsvc,
		    int no_response, int reject)
{
	const char *lip = strchr(rip, ':') ? w->ip6 : w->ip;
	unsigned eph = ephemeral(g);
	struct rec q = {0}, a = {0};
	q.proto = a.proto = 6;
	q.packets = z.qp;
	q.bytes = z.qb;
	a.packets = z.rp;
	a.bytes = z.rb;
	q.sport = a.dport = eph;
	q.dport = a.sport = dport;
	q.reject = reject;
	if (w_client) {
		q.src = a.dst = lip;
		q.dst = a.src = rip;
		q.egress = 1;
		q.tp = tp;
		q.dst_svc = a.src_svc = rsvc;
	} else {
		q.src = a.dst = rip;
		q.dst = a.src = lip;
		a.egress = 1;
		a.tp = tp;
		q.src_svc = a.dst_svc = rsvc;
	}
	emit(g, w, &q, w->subnet, "workload", "", p);
	if (!no_response)
		emit(g, w, &a, w->subnet, "workload", "", p);
}

static const struct eni *pick(struct gen *g, int subnet)
{
	return &g->es.e[g->es.by_subnet[subnet][below(&g->r, (uint32_t)g->es.nby[subnet])]];
}

static const struct eni *pick_of(struct gen *g, const int *subs, int n)
{
	return pick(g, subs[below(&g->r, (uint32_t)n)]);
}

static const int priv[] = {S_PRIV_A, S_PRIV_B, S_PRIV_C};
static const int pub[] = {S_PUB_A, S_PUB_B};
static const int prod_work[] = {S_PUB_A, S_PUB_B, S_PRIV_A, S_PRIV_B, S_PRIV_C};
static const int edge_work[] = {S_WEB_A, S_WEB_B};
static const int shared_work[] = {S_SVC_A, S_SVC_B};

/* A conversation inside one VPC: both ENIs are logged. */
static void sc_local(struct gen *g, const int *subs, int n, int vpc)
{
	const struct eni *c = pick_of(g, subs, n), *s = pick_of(g, subs, n);
	struct sizes z = sizes(g, 0);
	struct pv p = {"local", NULL, NULL, NULL, NULL, vpc};
	unsigned port = vpc == V_SHARED ? 5432 : 8080;
	if (c == s)
		return;
	int reject = chance(&g->r, 3);
	/* the server's records first: the response may not exist */
	wl_conv(g, s, c->ip, 0, port, z, &p, 1, NULL, reject, reject);
	wl_conv(g, c, s->ip, 1, port, z, &p, 1, NULL, reject, 0);
}

/* prod workload -> the ECR interface endpoint, logged on both ENIs. */
static void sc_iface_ep(struct gen *g)
{
	const struct eni *w = pick_of(g, priv, 3);
	const struct eni *e = &g->es.e[g->es.iep[below(&g->r, 2)]];
	struct sizes z = sizes(g, 1);
	struct pv p = {"interface-endpoint", "ECR.API", "us-east-1", VPCE_ECR, NULL, V_PROD};
	wl_conv(g, w, e->ip, 1, 443, z, &p, 1, NULL, 0, 0);
	unsigned eph = ephemeral(g);
	struct rec q = {w->ip, e->ip, NULL, NULL, eph, 443, 6, z.qp, z.qb, 0, 0, 0, NULL, NULL};
	struct rec a = {e->ip, w->ip, NULL, NULL, 443, eph, 6, z.rp, z.rb, 0, 1, 1, NULL, NULL};
	emit(g, e, &q, e->subnet, "interface-endpoint", "", &p);
	emit(g, e, &a, e->subnet, "interface-endpoint", "", &p);
}

/* prod private workload -> S3 in us-east-1 through the gateway endpoint. */
static void sc_gw_ep(struct gen *g)
{
	const struct eni *w = pick(g, S_PRIV_A);
	int pool = chance(&g->r, 70) ? P_S3_E1 : P_S3_E1B;
	char rip[48];
	pool_addr(g, pool, rip);
	struct pv p = {"gateway-endpoint", "S3", "us-east-1", VPCE_S3, NULL, -1};
	wl_conv(g, w, rip, 1, 443, sizes(g, 1), &p, 7, "S3", 0, 0);
}

/* prod private workload -> outside through its subnet's NAT gateway: the
 * workload's two records and the NAT ENI's four (flow-log-format.md). */
static void sc_nat(struct gen *g)
{
	static const int mix[] = {P_S3_E1, P_S3_W2, P_S3_W2, P_DDB_E1, P_DDB_E1, P_DDB_W2,
				  P_AMZ_E1, P_EC2_E1, P_AMZ_E1B, P_CF, P_KVS, P_S3_UNLISTED,
				  P_AMZ_AS_EC2, P_INET1, P_INET2, P_INET3, P_INET3, P_INET4,
				  P_INET4, P_INET1};
	const struct eni *w = pick_of(g, priv, 3);
	int pool = mix[below(&g->r, sizeof(mix) / sizeof(mix[0]))];
	const struct subnet_def *ws = &subnets[w->subnet];
	if (ws->s3ep && (pool == P_S3_E1 || pool == P_S3_E1B))
		pool = P_S3_W2; /* the gateway endpoint's prefix list takes these */
	const struct nat_def *nd = &nats[ws->nat];
	const struct eni *ne = NULL;
	for (int i = 0; i < g->es.n; i++)
		if (g->es.e[i].role == ROLE_NAT && g->es.e[i].nat == ws->nat)
			ne = &g->es.e[i];
	char h[48];
	pool_addr(g, pool, h);
	struct sizes z = sizes(g, 1);
	struct pv p = svc_path(pool, 1, "nat-aws-service", "nat-internet", nd->id);
	const char *view = pools[pool].aws_view[0] ? pools[pool].aws_view : NULL;
	unsigned dport = pools[pool].svc[0] || view ? 443 : (chance(&g->r, 80) ? 443 : 80);
	/* now and then the batch subnet's records still say "internet gateway":
	 * it was public when the topology snapshot was older */
	int stale = w->subnet == S_PRIV_C && chance(&g->r, 4);
	g->tp_disagree += (uint64_t)stale;
	wl_conv(g, w, h, 1, dport, z, &p, stale ? 8 : 1, view, 0, 0);
	unsigned weph = ephemeral(g), neph = 1024 + below(&g->r, 64000);
	const char *n = nd->ip;
	struct rec r1 = {w->ip, n, w->ip, h, weph, dport, 6, z.qp, z.qb, 0, 0, 0, NULL, view};
	struct rec r2 = {n, h, n, h, neph, dport, 6, z.qp, z.qb, 0, 1, 8, NULL, view};
	struct rec r3 = {h, n, h, n, dport, neph, 6, z.rp, z.rb, 0, 0, 0, view, NULL};
	struct rec r4 = {n, w->ip, h, w->ip, dport, weph, 6, z.rp, z.rb, 0, 1, 1, view, NULL};
	emit(g, ne, &r1, w->subnet, "nat-gateway", "vpc", &p);
	emit(g, ne, &r2, nd->subnet, "nat-gateway", "internet", &p);
	emit(g, ne, &r3, nd->subnet, "nat-gateway", "internet", &p);
	emit(g, ne, &r4, w->subnet, "nat-gateway", "vpc", &p);
}

/* Public subnets: inbound web traffic, scans (REJECT), and outbound calls to
 * AWS services through the internet gateway. */
static void sc_public(struct gen *g, int kind)
{
	static const int aws_mix[] = {P_EC2_E1, P_S3_E1, P_DDB_E1, P_KVS, P_AMZ_E1B, P_CF};
	const struct eni *w = pick_of(g, pub, 2);
	char rip[48];
	if (kind == 2) {
		int pool = aws_mix[below(&g->r, 6)];
		pool_addr(g, pool, rip);
		struct pv p = svc_path(pool, 1, "igw-aws-service", "igw-internet", IGW_A);
		wl_conv(g, w, rip, 1, 443, sizes(g, 0), &p, 8, pools[pool].aws_view, 0, 0);
		return;
	}
	pool_addr(g, kind ? P_INET2 : P_INET3 + (int)below(&g->r, 2), rip);
	struct pv p = {"igw-internet", NULL, NULL, IGW_A, NULL, -1};
	if (kind == 1) /* a scan, rejected */
		wl_conv(g, w, rip, 0, chance(&g->r, 50) ? 22 : 3389, sizes(g, 0), &p, 8, NULL, 1, 1);
	else
		wl_conv(g, w, rip, 0, 443, sizes(g, 1), &p, 8, NULL, 0, 0);
}

/* IPv6 from a private subnet through the egress-only internet gateway. */
static void sc_ipv6(struct gen *g)
{
	static const int mix[] = {P6_INET, P6_INET, P6_EC2, P6_S3};
	const struct eni *w = pick(g, S_PRIV_A);
	int pool = mix[below(&g->r, 4)];
	char rip[48];
	pool_addr(g, pool, rip);
	struct pv p = svc_path(pool, 1, "igw-aws-service", "igw-internet", EIGW_A);
	wl_conv(g, w, rip, 1, 443, sizes(g, 0), &p, 8, pools[pool].aws_view[0] ? pools[pool].aws_view : NULL, 0, 0);
}

/* prod <-> edge over the inter-region peering, logged at both ends. */
static void sc_peering(struct gen *g)
{
	const struct eni *a = pick_of(g, priv, 3), *b = pick_of(g, edge_work, 2);
	struct sizes z = sizes(g, 0);
	struct pv pa = {"peering", NULL, NULL, PCX_ID, NULL, V_EDGE};
	struct pv pb = {"peering", NULL, NULL, PCX_ID, NULL, V_PROD};
	if (chance(&g->r, 70)) {
		wl_conv(g, a, b->ip, 1, 9200, z, &pa, 5, NULL, 0, 0);
		wl_conv(g, b, a->ip, 0, 9200, z, &pb, 0, NULL, 0, 0);
	} else {
		wl_conv(g, b, a->ip, 1, 8443, z, &pb, 0, NULL, 0, 0);
		wl_conv(g, a, b->ip, 0, 8443, z, &pa, 5, NULL, 0, 0);
	}
}

/* edge -> shared through edge's 10.0.0.0/8 peering route: not transitive. */
static void sc_not_transitive(struct gen *g)
{
	const struct eni *b = pick_of(g, edge_work, 2), *c = pick_of(g, shared_work, 2);
	struct pv p = {"unroutable", NULL, NULL, PCX_ID, "peering-not-transitive", V_SHARED};
	struct sizes z = {1 + below(&g->r, 3), 0, 0, 0};
	z.qb = z.qp * 60;
	wl_conv(g, b, c->ip, 1, 5432, z, &p, 0, NULL, 1, 0);
}

/* prod private -> shared through the transit gateway; shared's server may
 * reject it. */
static void sc_tgw_out(struct gen *g)
{
	const struct eni *a = pick_of(g, priv, 3), *c = pick_of(g, shared_work, 2);
	struct sizes z = sizes(g, 0);
	struct pv pa = {"transit-gateway", NULL, NULL, TGW_ID, NULL, V_SHARED};
	struct pv pc = {"transit-gateway", NULL, NULL, TGW_ID, NULL, V_PROD};
	int reject = chance(&g->r, 10);
	wl_conv(g, c, a->ip, 0, 5432, z, &pc, 0, NULL, reject, reject);
	wl_conv(g, a, c->ip, 1, 5432, z, &pa, 1, NULL, reject, 0);
	if (!g->disputed)
		return;
	/* prod's own attachment ENI on the way out: no address of its own in
	 * the record; the peer beyond the transit gateway is pkt-dstaddr of
	 * what enters it and pkt-srcaddr of what leaves it */
	const struct eni *t = &g->es.e[g->es.tgw_eni[a->subnet == S_PRIV_A ? 0 : 1]];
	unsigned eph = ephemeral(g);
	struct rec q = {a->ip, c->ip, a->ip, c->ip, eph, 5432, 6, z.qp, z.qb, 0, 0, 0, NULL, NULL};
	struct rec r = {c->ip, a->ip, c->ip, a->ip, 5432, eph, 6, z.rp, z.rb, 0, 1, 1, NULL, NULL};
	emit(g, t, &q, t->subnet, "transit-gateway", "", &pa);
	if (!reject)
		emit(g, t, &r, t->subnet, "transit-gateway", "", &pa);
}

/* shared -> prod private through the transit gateway, also seen on prod's
 * attachment ENI (its own address in srcaddr/dstaddr, the client in pkt-*). */
static void sc_tgw_in(struct gen *g)
{
	const struct eni *a = pick_of(g, priv, 3), *c = pick_of(g, shared_work, 2);
	const struct eni *t = &g->es.e[g->es.tgw_eni[a->subnet == S_PRIV_A ? 0 : 1]];
	struct sizes z = sizes(g, 0);
	struct pv pa = {"transit-gateway", NULL, NULL, TGW_ID, NULL, V_SHARED};
	struct pv pc = {"transit-gateway", NULL, NULL, TGW_ID, NULL, V_PROD};
	wl_conv(g, c, a->ip, 1, 8080, z, &pc, 0, NULL, 0, 0);
	unsigned eph = ephemeral(g);
	struct rec q = {t->ip, a->ip, c->ip, a->ip, eph, 8080, 6, z.qp, z.qb, 0, 1, 1, NULL, NULL};
	struct rec r = {a->ip, t->ip, a->ip, c->ip, 8080, eph, 6, z.rp, z.rb, 0, 0, 0, NULL, NULL};
	emit(g, t, &q, t->subnet, "transit-gateway", "", &pa);
	emit(g, t, &r, t->subnet, "transit-gateway", "", &pa);
	wl_conv(g, a, c->ip, 0, 8080, z, &pa, 1, NULL, 0, 0);
}

/* edge's public web servers: internet in and out through its gateway, and
 * AWS services (default format: only the ip-ranges name the service). */
static void sc_edge_igw(struct gen *g)
{
	static const int mix[] = {P_S3_W2, P_DDB_W2, P_EC2_W2, P_AMZ_E1, P_CF, P_KVS,
				  P_S3_E1, P_INET1, P_INET3, P_S3_UNLISTED, P_AMZ_AS_EC2};
	const struct eni *b = pick_of(g, edge_work, 2);
	char rip[48];
	if (chance(&g->r, 40)) {
		pool_addr(g, P_INET4, rip);
		struct pv p = {"igw-internet", NULL, NULL, IGW_B, NULL, -1};
		wl_conv(g, b, rip, 0, 443, sizes(g, 1), &p, 0, NULL, 0, 0);
		return;
	}
	int pool = mix[below(&g->r, sizeof(mix) / sizeof(mix[0]))];
	pool_addr(g, pool, rip);
	struct pv p = svc_path(pool, 0, "igw-aws-service", "igw-internet", IGW_B);
	wl_conv(g, b, rip, 1, 443, sizes(g, 1), &p, 0, NULL, 0, 0);
}

/*
 * The ENI missing from the inventory, default format: no flow-direction, no
 * subnet-id, so paths.md 3 decides by subnet membership. With an internet
 * host the local address is the one in edge's subnets; between two edge
 * addresses both are, the direction is unknown and srcaddr is local.
 */
static void sc_unlisted(struct gen *g)
{
	const struct eni *u = &g->es.e[g->es.unlisted];
	struct sizes z = sizes(g, 0);
	if (chance(&g->r, 50)) {
		char rip[48];
		pool_addr(g, P_INET1, rip);
		struct pv p = {"igw-internet", NULL, NULL, IGW_B, NULL, -1};
		wl_conv(g, u, rip, 1, 443, z, &p, 0, NULL, 0, 0);
		return;
	}
	const struct eni *s = pick_of(g, edge_work, 2);
	unsigned eph = ephemeral(g);
	struct pv p = {"local", NULL, NULL, NULL, "@unknown", V_EDGE};
	struct rec q = {u->ip, s->ip, NULL, NULL, eph, 6379, 6, z.qp, z.qb, 0, 1, 0, NULL, NULL};
	struct rec a = {s->ip, u->ip, NULL, NULL, 6379, eph, 6, z.rp, z.rb, 0, 0, 0, NULL, NULL};
	emit(g, u, &q, u->subnet, "workload", "", &p);
	emit(g, u, &a, s->subnet, "workload", "", &p);
	wl_conv(g, s, u->ip, 0, 6379, z, &(struct pv){"local", NULL, NULL, NULL, NULL, V_EDGE}, 0,
		NULL, 0, 0);
}

/* shared: on-premises through the VPN gateway, a blackhole route, and DNS
 * to the internet with no route at all. */
static void sc_shared_out(struct gen *g)
{
	const struct eni *c = pick_of(g, shared_work, 2);
	char rip[48];
	uint32_t k = below(&g->r, 10);
	if (k < 6) {
		v4_text(v4_parse("172.16.0.0", NULL) + 1 + below(&g->r, 1u << 20), rip);
		struct pv p = {"vpn-or-direct-connect", NULL, NULL, VGW_C, NULL, -1};
		wl_conv(g, c, rip, chance(&g->r, 50), 1521, sizes(g, 0), &p, 0, NULL, 0, 0);
	} else if (k < 8) {
		v4_text(v4_parse("10.40.0.0", NULL) + 1 + below(&g->r, 65000), rip);
		struct pv p = {"unroutable", NULL, NULL, PCX_DEAD, "blackhole", -1};
		struct sizes z = {1 + below(&g->r, 3), 0, 0, 0};
		z.qb = z.qp * 60;
		wl_conv(g, c, rip, 1, 443, z, &p, 0, NULL, 1, 0);
	} else {
		snprintf(rip, sizeof(rip), "8.8.%u.8", 4 + 4 * below(&g->r, 2));
		struct pv p = {"unroutable", NULL, NULL, NULL, "no-route", -1};
		struct sizes z = {1, 0, 0, 0};
		z.qb = 64 + below(&g->r, 40);
		wl_conv(g, c, rip, 1, 53, z, &p, 0, NULL, 1, 0);
	}
}

static void sc_nodata(struct gen *g)
{
	const struct eni *e = &g->es.e[below(&g->r, (uint32_t)g->es.n)];
	nodata(g, e, chance(&g->r, 15));
}

static void generate(struct gen *g, uint64_t target)
{
	static const struct {
		int weight, kind;
	} mix[] = {{12, 0}, {6, 1}, {8, 2}, {24, 3}, {8, 4}, {3, 5}, {3, 6}, {4, 7}, {6, 8},
		   {2, 9}, {5, 10}, {4, 11}, {6, 12}, {3, 13}, {3, 14}, {4, 15}, {3, 16}, {2, 17}};
	int total = 0;
	for (size_t i = 0; i < sizeof(mix) / sizeof(mix[0]); i++)
		total += mix[i].weight;
	while (g->nrec < target) {
		int k = (int)below(&g->r, (uint32_t)total), kind = 0;
		for (size_t i = 0; i < sizeof(mix) / sizeof(mix[0]); i++) {
			if (k < mix[i].weight) {
				kind = mix[i].kind;
				break;
			}
			k -= mix[i].weight;
		}
		conv_time(g);
		switch (kind) {
		case 0: sc_local(g, prod_work, 5, V_PROD); break;
		case 1: sc_iface_ep(g); break;
		case 2: sc_gw_ep(g); break;
		case 3: sc_nat(g); break;
		case 4: sc_public(g, 0); break;
		case 5: sc_public(g, 1); break;
		case 6: sc_public(g, 2); break;
		case 7: sc_ipv6(g); break;
		case 8: sc_peering(g); break;
		case 9: sc_not_transitive(g); break;
		case 10: sc_tgw_out(g); break;
		case 11: sc_tgw_in(g); break;
		case 12: sc_edge_igw(g); break;
		case 13: sc_unlisted(g); break;
		case 14: sc_local(g, edge_work, 2, V_EDGE); break;
		case 15: sc_local(g, shared_work, 2, V_SHARED); break;
		case 16: sc_shared_out(g); break;
		default: sc_nodata(g); break;
		}
	}
}

/* ---- output files ---- */

static void mkdir_p(const char *path)
{
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			die("cannot create", buf);
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		die("cannot create", buf);
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[1024];
	mkdir_p(dir);
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		die("path too long:", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		die("cannot write", path);
	return f;
}

static void close_out(FILE *f, const char *what)
{
	if (ferror(f) || fclose(f) != 0)
		die("cannot write", what);
}

/* One account and region of the estate: what its describe-* commands print. */
struct scope {
	const char *account, *region;
};

static int in_scope(const struct scope *sc, int vpc)
{
	return strcmp(vpcs[vpc].owner, sc->account) == 0 &&
	       strcmp(vpcs[vpc].region, sc->region) == 0;
}

static const char *sep(int *first)
{
	if (*first) {
		*first = 0;
		return "";
	}
	return ",";
}

static void tags(FILE *f, const char *ind, const char *name)
{
	fprintf(f, "%s\"Tags\": [\n%s    {\n%s        \"Key\": \"Name\",\n%s        \"Value\": \"%s\"\n"
		   "%s    }\n%s]",
		ind, ind, ind, ind, name, ind, ind);
}

static void write_vpcs(const char *dir, const struct scope *sc)
{
	FILE *f = open_out(dir, "describe-vpcs.json");
	int first = 1;
	fprintf(f, "{\n    \"Vpcs\": [");
	for (int v = 0; v < NVPC; v++) {
		if (!in_scope(sc, v))
			continue;
		const struct vpc_def *d = &vpcs[v];
		char cidr[32];
		snprintf(cidr, sizeof(cidr), "%s", d->cidr);
		fprintf(f, "%s\n        {\n", sep(&first));
		fprintf(f, "            \"CidrBlock\": \"%s\",\n", cidr);
		fprintf(f, "            \"DhcpOptionsId\": \"dopt-0%.16s\",\n", d->id + 5);
		fprintf(f, "            \"State\": \"available\",\n");
		fprintf(f, "            \"VpcId\": \"%s\",\n", d->id);
		fprintf(f, "            \"OwnerId\": \"%s\",\n", d->owner);
		fprintf(f, "            \"InstanceTenancy\": \"default\",\n");
		if (d->v6)
			fprintf(f,
				"            \"Ipv6CidrBlockAssociationSet\": [\n"
				"                {\n"
				"                    \"AssociationId\": \"vpc-cidr-assoc-06%.15s\",\n"
				"                    \"Ipv6CidrBlock\": \"%s\",\n"
				"                    \"Ipv6CidrBlockState\": {\n"
				"                        \"State\": \"associated\"\n"
				"                    },\n"
				"                    \"NetworkBorderGroup\": \"%s\",\n"
				"                    \"Ipv6Pool\": \"Amazon\"\n"
				"                }\n"
				"            ],\n",
				d->id + 6, d->v6, d->region);
		fprintf(f,
			"            \"CidrBlockAssociationSet\": [\n"
			"                {\n"
			"                    \"AssociationId\": \"vpc-cidr-assoc-04%.15s\",\n"
			"                    \"CidrBlock\": \"%s\",\n"
			"                    \"CidrBlockState\": {\n"
			"                        \"State\": \"associated\"\n"
			"                    }\n"
			"                }\n"
			"            ],\n"
			"            \"IsDefault\": false,\n",
			d->id + 6, cidr);
		tags(f, "            ", d->name);
		fprintf(f, "\n        }");
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-vpcs.json");
}

static void write_subnets(const char *dir, const struct scope *sc)
{
	FILE *f = open_out(dir, "describe-subnets.json");
	int first = 1;
	fprintf(f, "{\n    \"Subnets\": [");
	for (int s = 0; s < NSUB; s++) {
		const struct subnet_def *d = &subnets[s];
		if (!in_scope(sc, d->vpc))
			continue;
		int plen;
		v4_parse(d->cidr, &plen);
		fprintf(f, "%s\n        {\n", sep(&first));
		fprintf(f, "            \"AvailabilityZone\": \"%s\",\n", d->az);
		fprintf(f, "            \"AvailabilityZoneId\": \"%s\",\n", d->azid);
		fprintf(f, "            \"AvailableIpAddressCount\": %d,\n", (1 << (32 - plen)) - 5 - 6);
		fprintf(f, "            \"CidrBlock\": \"%s\",\n", d->cidr);
		fprintf(f, "            \"DefaultForAz\": false,\n");
		fprintf(f, "            \"MapPublicIpOnLaunch\": %s,\n",
			d->rtb == R_PUB || d->vpc == V_EDGE ? "true" : "false");
		fprintf(f, "            \"MapCustomerOwnedIpOnLaunch\": false,\n");
		fprintf(f, "            \"State\": \"available\",\n");
		fprintf(f, "            \"SubnetId\": \"%s\",\n", d->id);
		fprintf(f, "            \"VpcId\": \"%s\",\n", vpcs[d->vpc].id);
		fprintf(f, "            \"OwnerId\": \"%s\",\n", vpcs[d->vpc].owner);
		fprintf(f, "            \"AssignIpv6AddressOnCreation\": false,\n");
		fprintf(f, "            \"Ipv6CidrBlockAssociationSet\": [");
		if (d->v6)
			fprintf(f,
				"\n                {\n"
				"                    \"AssociationId\": \"subnet-cidr-assoc-0%.16s\",\n"
				"                    \"Ipv6CidrBlock\": \"%s\",\n"
				"                    \"Ipv6CidrBlockState\": {\n"
				"                        \"State\": \"associated\"\n"
				"                    }\n"
				"                }\n            ",
				d->id + 8, d->v6);
		fprintf(f, "],\n");
		tags(f, "            ", d->name);
		fprintf(f, ",\n            \"SubnetArn\": \"arn:aws:ec2:%s:%s:subnet/%s\"\n        }",
			vpcs[d->vpc].region, vpcs[d->vpc].owner, d->id);
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-subnets.json");
}

static void write_route_tables(const char *dir, const struct scope *sc)
{
	FILE *f = open_out(dir, "describe-route-tables.json");
	int first = 1;
	fprintf(f, "{\n    \"RouteTables\": [");
	for (int t = 0; t < NRTB; t++) {
		const struct rtb_def *d = &rtbs[t];
		if (!in_scope(sc, d->vpc))
			continue;
		int af = 1, rf = 1, k = 0;
		fprintf(f, "%s\n        {\n            \"Associations\": [", sep(&first));
		if (d->main)
			fprintf(f,
				"%s\n                {\n"
				"                    \"Main\": true,\n"
				"                    \"RouteTableAssociationId\": \"rtbassoc-0m%.15s\",\n"
				"                    \"RouteTableId\": \"%s\",\n"
				"                    \"AssociationState\": {\n"
				"                        \"State\": \"associated\"\n"
				"                    }\n"
				"                }",
				sep(&af), d->id + 5, d->id);
		for (int s = 0; s < NSUB; s++) {
			if (subnets[s].rtb != t)
				continue;
			fprintf(f,
				"%s\n                {\n"
				"                    \"Main\": false,\n"
				"                    \"RouteTableAssociationId\": \"rtbassoc-0%02d%.14s\",\n"
				"                    \"RouteTableId\": \"%s\",\n"
				"                    \"SubnetId\": \"%s\",\n"
				"                    \"AssociationState\": {\n"
				"                        \"State\": \"associated\"\n"
				"                    }\n"
				"                }",
				sep(&af), k++, subnets[s].id + 8, d->id, subnets[s].id);
		}
		fprintf(f, "\n            ],\n            \"PropagatingVgws\": [],\n");
		fprintf(f, "            \"RouteTableId\": \"%s\",\n            \"Routes\": [", d->id);
		for (size_t r = 0; r < sizeof(routes) / sizeof(routes[0]); r++) {
			const struct route_def *ro = &routes[r];
			if (ro->rtb != t)
				continue;
			const char *dkey = strncmp(ro->dst, "pl-", 3) == 0 ? "DestinationPrefixListId"
					   : strchr(ro->dst, ':')          ? "DestinationIpv6CidrBlock"
									   : "DestinationCidrBlock";
			int local = strcmp(ro->target, "local") == 0;
			fprintf(f,
				"%s\n                {\n"
				"                    \"%s\": \"%s\",\n"
				"                    \"%s\": \"%s\",\n"
				"                    \"Origin\": \"%s\",\n"
				"                    \"State\": \"%s\"\n"
				"                }",
				sep(&rf), dkey, ro->dst, ro->key, ro->target,
				local ? "CreateRouteTable" : "CreateRoute", ro->state);
		}
		fprintf(f, "\n            ],\n");
		fprintf(f, "            \"VpcId\": \"%s\",\n            \"OwnerId\": \"%s\"\n        }",
			vpcs[d->vpc].id, vpcs[d->vpc].owner);
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-route-tables.json");
}

static void write_nat_gateways(const char *dir, const struct scope *sc)
{
	FILE *f = open_out(dir, "describe-nat-gateways.json");
	int first = 1;
	fprintf(f, "{\n    \"NatGateways\": [");
	for (int k = 0; k < NNAT; k++) {
		const struct nat_def *d = &nats[k];
		int v = subnets[d->subnet].vpc;
		if (!in_scope(sc, v))
			continue;
		fprintf(f,
			"%s\n        {\n"
			"            \"CreateTime\": \"2026-03-02T09:41:%02dZ\",\n"
			"            \"NatGatewayAddresses\": [\n"
			"                {\n"
			"                    \"AllocationId\": \"eipalloc-0%.16s\",\n"
			"                    \"NetworkInterfaceId\": \"%s\",\n"
			"                    \"PrivateIp\": \"%s\",\n"
			"                    \"PublicIp\": \"%s\",\n"
			"                    \"AssociationId\": \"eipassoc-0%.16s\",\n"
			"                    \"IsPrimary\": true,\n"
			"                    \"Status\": \"succeeded\"\n"
			"                }\n"
			"            ],\n"
			"            \"NatGatewayId\": \"%s\",\n"
			"            \"State\": \"available\",\n"
			"            \"SubnetId\": \"%s\",\n"
			"            \"VpcId\": \"%s\",\n",
			sep(&first), 10 + k, d->id + 5, d->eni, d->ip, d->public_ip, d->id + 5, d->id,
			subnets[d->subnet].id, vpcs[v].id);
		tags(f, "            ", k == NAT_A ? "prod-nat-a" : "prod-nat-b");
		fprintf(f, ",\n            \"ConnectivityType\": \"public\"\n        }");
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-nat-gateways.json");
}

static void str_list(FILE *f, const char *const *v, int n)
{
	fprintf(f, "[");
	for (int i = 0; i < n; i++)
		fprintf(f, "%s\n                \"%s\"", i ? "," : "", v[i]);
	fprintf(f, n ? "\n            ]" : "]");
}

static void write_endpoints(const char *dir, const struct scope *sc, const struct estate *es)
{
	FILE *f = open_out(dir, "describe-vpc-endpoints.json");
	fprintf(f, "{\n    \"VpcEndpoints\": [");
	if (in_scope(sc, V_PROD)) {
		const char *rt[] = {rtbs[R_PRIV_A].id};
		const char *sn[] = {subnets[S_PRIV_A].id, subnets[S_PRIV_B].id};
		const char *en[] = {es->e[es->iep[0]].id, es->e[es->iep[1]].id};
		fprintf(f,
			"\n        {\n"
			"            \"VpcEndpointId\": \"%s\",\n"
			"            \"VpcEndpointType\": \"Gateway\",\n"
			"            \"VpcId\": \"%s\",\n"
			"            \"ServiceName\": \"com.amazonaws.us-east-1.s3\",\n"
			"            \"State\": \"available\",\n"
			"            \"PolicyDocument\": \"{\\\"Version\\\":\\\"2008-10-17\\\",\\\"Statement\\\":"
			"[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"*\\\","
			"\\\"Resource\\\":\\\"*\\\"}]}\",\n"
			"            \"RouteTableIds\": ",
			VPCE_S3, vpcs[V_PROD].id);
		str_list(f, rt, 1);
		fprintf(f, ",\n            \"SubnetIds\": [],\n            \"Groups\": [],\n"
			   "            \"PrivateDnsEnabled\": false,\n"
			   "            \"RequesterManaged\": false,\n"
			   "            \"NetworkInterfaceIds\": [],\n"
			   "            \"DnsEntries\": [],\n"
			   "            \"CreationTimestamp\": \"2026-03-02T10:02:11.000Z\",\n"
			   "            \"OwnerId\": \"%s\"\n        },\n", ACCT_A);
		fprintf(f,
			"        {\n"
			"            \"VpcEndpointId\": \"%s\",\n"
			"            \"VpcEndpointType\": \"Interface\",\n"
			"            \"VpcId\": \"%s\",\n"
			"            \"ServiceName\": \"com.amazonaws.us-east-1.ecr.api\",\n"
			"            \"State\": \"available\",\n"
			"            \"RouteTableIds\": [],\n"
			"            \"SubnetIds\": ",
			VPCE_ECR, vpcs[V_PROD].id);
		str_list(f, sn, 2);
		fprintf(f, ",\n            \"Groups\": [\n                {\n"
			   "                    \"GroupId\": \"sg-0e1c2a3b4d5f60718\",\n"
			   "                    \"GroupName\": \"vpce-ecr\"\n                }\n            ],\n"
			   "            \"PrivateDnsEnabled\": true,\n"
			   "            \"RequesterManaged\": false,\n"
			   "            \"NetworkInterfaceIds\": ");
		str_list(f, en, 2);
		fprintf(f, ",\n            \"DnsEntries\": [\n                {\n"
			   "                    \"DnsName\": \"%s-4kq2x7bd.api.ecr.us-east-1.vpce.amazonaws.com\",\n"
			   "                    \"HostedZoneId\": \"Z7HUB22UULQXV\"\n                }\n"
			   "            ],\n"
			   "            \"CreationTimestamp\": \"2026-03-02T10:05:47.000Z\",\n"
			   "            \"OwnerId\": \"%s\"\n        }",
			VPCE_ECR, ACCT_A);
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-vpc-endpoints.json");
}

static void peer_info(FILE *f, const char *name, int v, int last)
{
	const struct vpc_def *d = &vpcs[v];
	fprintf(f,
		"            \"%s\": {\n"
		"                \"CidrBlock\": \"%s\",\n"
		"                \"CidrBlockSet\": [\n"
		"                    {\n"
		"                        \"CidrBlock\": \"%s\"\n"
		"                    }\n"
		"                ],\n"
		"                \"OwnerId\": \"%s\",\n"
		"                \"PeeringOptions\": {\n"
		"                    \"AllowDnsResolutionFromRemoteVpc\": false,\n"
		"                    \"AllowEgressFromLocalClassicLinkToRemoteVpc\": false,\n"
		"                    \"AllowEgressFromLocalVpcToRemoteClassicLink\": false\n"
		"                },\n"
		"                \"VpcId\": \"%s\",\n"
		"                \"Region\": \"%s\"\n"
		"            }%s\n",
		name, d->cidr, d->cidr, d->owner, d->id, d->region, last ? "" : ",");
}

/* The peering is listed by both sides' accounts, as each sees it. */
static void write_peerings(const char *dir, const struct scope *sc)
{
	FILE *f = open_out(dir, "describe-vpc-peering-connections.json");
	fprintf(f, "{\n    \"VpcPeeringConnections\": [");
	if (in_scope(sc, V_PROD) || in_scope(sc, V_EDGE)) {
		fprintf(f, "\n        {\n");
		peer_info(f, "AccepterVpcInfo", V_EDGE, 0);
		peer_info(f, "RequesterVpcInfo", V_PROD, 0);
		fprintf(f, "            \"Status\": {\n                \"Code\": \"active\",\n"
			   "                \"Message\": \"Active\"\n            },\n");
		tags(f, "            ", "prod-to-edge");
		fprintf(f, ",\n            \"VpcPeeringConnectionId\": \"%s\"\n        }", PCX_ID);
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-vpc-peering-connections.json");
}

static void tgw_attachment(FILE *f, const char *id, int v, const int *subs, int n, int last)
{
	fprintf(f,
		"\n        {\n"
		"            \"TransitGatewayAttachmentId\": \"%s\",\n"
		"            \"TransitGatewayId\": \"%s\",\n"
		"            \"VpcId\": \"%s\",\n"
		"            \"VpcOwnerId\": \"%s\",\n"
		"            \"State\": \"available\",\n"
		"            \"SubnetIds\": [",
		id, TGW_ID, vpcs[v].id, vpcs[v].owner);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s\n                \"%s\"", i ? "," : "", subnets[subs[i]].id);
	fprintf(f, "\n            ],\n"
		   "            \"CreationTime\": \"2026-03-04T14:20:05.000Z\",\n"
		   "            \"Options\": {\n"
		   "                \"DnsSupport\": \"enable\",\n"
		   "                \"Ipv6Support\": \"disable\",\n"
		   "                \"ApplianceModeSupport\": \"disable\"\n"
		   "            },\n"
		   "            \"Tags\": []\n        }%s",
		last ? "" : ",");
}

/* The transit gateway's owner (prod's account) sees both attachments; the
 * shared VPC's account sees its own. */
static void write_tgw(const char *dir, const struct scope *sc)
{
	static const int sa[] = {S_TGW_A, S_TGW_B}, sc1[] = {S_TGW_C};
	int a = in_scope(sc, V_PROD), c = a || in_scope(sc, V_SHARED);
	FILE *f = open_out(dir, "describe-transit-gateway-vpc-attachments.json");
	fprintf(f, "{\n    \"TransitGatewayVpcAttachments\": [");
	if (a)
		tgw_attachment(f, TGWA_A, V_PROD, sa, 2, !c);
	if (c)
		tgw_attachment(f, TGWA_C, V_SHARED, sc1, 1, 1);
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-transit-gateway-vpc-attachments.json");
}

static void write_gateways(const char *dir, const struct scope *sc)
{
	FILE *f = open_out(dir, "describe-internet-gateways.json");
	int first = 1;
	fprintf(f, "{\n    \"InternetGateways\": [");
	for (int v = 0; v < NVPC; v++) {
		if (!in_scope(sc, v) || v == V_SHARED)
			continue;
		fprintf(f,
			"%s\n        {\n"
			"            \"Attachments\": [\n"
			"                {\n"
			"                    \"State\": \"available\",\n"
			"                    \"VpcId\": \"%s\"\n"
			"                }\n"
			"            ],\n"
			"            \"InternetGatewayId\": \"%s\",\n"
			"            \"OwnerId\": \"%s\",\n",
			sep(&first), vpcs[v].id, v == V_PROD ? IGW_A : IGW_B, vpcs[v].owner);
		tags(f, "            ", v == V_PROD ? "prod-igw" : "edge-igw");
		fprintf(f, "\n        }");
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-internet-gateways.json");
	if (in_scope(sc, V_PROD)) {
		f = open_out(dir, "describe-egress-only-internet-gateways.json");
		fprintf(f,
			"{\n    \"EgressOnlyInternetGateways\": [\n        {\n"
			"            \"Attachments\": [\n                {\n"
			"                    \"State\": \"attached\",\n"
			"                    \"VpcId\": \"%s\"\n                }\n            ],\n"
			"            \"EgressOnlyInternetGatewayId\": \"%s\",\n"
			"            \"Tags\": []\n        }\n    ]\n}\n",
			vpcs[V_PROD].id, EIGW_A);
		close_out(f, "describe-egress-only-internet-gateways.json");
	}
	if (in_scope(sc, V_SHARED)) {
		f = open_out(dir, "describe-vpn-gateways.json");
		fprintf(f,
			"{\n    \"VpnGateways\": [\n        {\n"
			"            \"State\": \"available\",\n"
			"            \"Type\": \"ipsec.1\",\n"
			"            \"VpcAttachments\": [\n                {\n"
			"                    \"State\": \"attached\",\n"
			"                    \"VpcId\": \"%s\"\n                }\n            ],\n"
			"            \"VpnGatewayId\": \"%s\",\n"
			"            \"AmazonSideAsn\": 64512,\n"
			"            \"Tags\": []\n        }\n    ]\n}\n",
			vpcs[V_SHARED].id, VGW_C);
		close_out(f, "describe-vpn-gateways.json");
	}
}

static void write_enis(const char *dir, const struct scope *sc, const struct estate *es)
{
	FILE *f = open_out(dir, "describe-network-interfaces.json");
	int first = 1;
	fprintf(f, "{\n    \"NetworkInterfaces\": [");
	for (int i = 0; i < es->n; i++) {
		const struct eni *e = &es->e[i];
		const struct subnet_def *s = &subnets[e->subnet];
		const struct vpc_def *v = &vpcs[s->vpc];
		if (!in_scope(sc, s->vpc) || !e->listed)
			continue;
		const char *type = e->role == ROLE_NAT ? "nat_gateway"
				   : e->role == ROLE_TGW ? "transit_gateway"
				   : "interface";
		char desc[128] = "";
		if (e->role == ROLE_NAT)
			snprintf(desc, sizeof(desc), "Interface for NAT Gateway %s", nats[e->nat].id);
		else if (e->role == ROLE_IEP)
			snprintf(desc, sizeof(desc), "VPC Endpoint Interface %s", VPCE_ECR);
		else if (e->role == ROLE_TGW)
			snprintf(desc, sizeof(desc), "Network Interface for Transit Gateway Attachment %s",
				 s->vpc == V_PROD ? TGWA_A : TGWA_C);
		char dns[64];
		snprintf(dns, sizeof(dns), "ip-%s.%s", e->ip,
			 strcmp(v->region, "us-east-1") == 0 ? "ec2.internal" : "us-west-2.compute.internal");
		for (char *p = dns + 3; *p && *p != '.'; p++)
			;
		for (char *p = dns; *p && p < dns + 3 + strlen(e->ip); p++)
			if (*p == '.')
				*p = '-';
		fprintf(f, "%s\n        {\n", sep(&first));
		if (e->role == ROLE_WORK)
			fprintf(f,
				"            \"Attachment\": {\n"
				"                \"AttachTime\": \"2026-10-30T08:12:44.000Z\",\n"
				"                \"AttachmentId\": \"eni-attach-0%.16s\",\n"
				"                \"DeleteOnTermination\": true,\n"
				"                \"DeviceIndex\": 0,\n"
				"                \"NetworkCardIndex\": 0,\n"
				"                \"InstanceId\": \"%s\",\n"
				"                \"InstanceOwnerId\": \"%s\",\n"
				"                \"Status\": \"attached\"\n"
				"            },\n",
				e->id + 5, e->inst, v->owner);
		fprintf(f, "            \"AvailabilityZone\": \"%s\",\n", s->az);
		fprintf(f, "            \"Description\": \"%s\",\n", desc);
		fprintf(f, "            \"Groups\": [],\n");
		fprintf(f, "            \"InterfaceType\": \"%s\",\n", type);
		if (e->ip6[0])
			fprintf(f,
				"            \"Ipv6Addresses\": [\n                {\n"
				"                    \"Ipv6Address\": \"%s\",\n"
				"                    \"IsPrimaryIpv6\": false\n                }\n            ],\n",
				e->ip6);
		else
			fprintf(f, "            \"Ipv6Addresses\": [],\n");
		fprintf(f, "            \"MacAddress\": \"0e:%02x:%02x:3c:%02x:1b\",\n",
			(unsigned)(i * 37 & 255), (unsigned)(i * 11 & 255), (unsigned)(i * 5 & 255));
		fprintf(f, "            \"NetworkInterfaceId\": \"%s\",\n", e->id);
		fprintf(f, "            \"OwnerId\": \"%s\",\n", v->owner);
		fprintf(f, "            \"PrivateDnsName\": \"%s\",\n", dns);
		fprintf(f, "            \"PrivateIpAddress\": \"%s\",\n", e->ip);
		fprintf(f,
			"            \"PrivateIpAddresses\": [\n                {\n"
			"                    \"Primary\": true,\n"
			"                    \"PrivateDnsName\": \"%s\",\n"
			"                    \"PrivateIpAddress\": \"%s\"\n                }\n            ],\n",
			dns, e->ip);
		fprintf(f, "            \"RequesterId\": \"%s\",\n",
			e->role == ROLE_WORK ? v->owner : "AROAEXAMPLEREQUESTER");
		fprintf(f, "            \"RequesterManaged\": %s,\n", e->role == ROLE_WORK ? "false" : "true");
		fprintf(f, "            \"SourceDestCheck\": %s,\n", e->role == ROLE_NAT ? "false" : "true");
		fprintf(f, "            \"Status\": \"in-use\",\n");
		fprintf(f, "            \"SubnetId\": \"%s\",\n", s->id);
		fprintf(f, "            \"TagSet\": [],\n");
		fprintf(f, "            \"VpcId\": \"%s\"\n        }", v->id);
	}
	fprintf(f, "\n    ]\n}\n");
	close_out(f, "describe-network-interfaces.json");
}

/* AWS-managed prefix lists of the scope's region. */
static void write_prefix_lists(const char *dir, const struct scope *sc)
{
	int e1 = strcmp(sc->region, "us-east-1") == 0;
	FILE *f = open_out(dir, "describe-prefix-lists.json");
	fprintf(f,
		"{\n    \"PrefixLists\": [\n"
		"        {\n"
		"            \"Cidrs\": [\n                \"%s\"%s%s%s\n            ],\n"
		"            \"PrefixListId\": \"%s\",\n"
		"            \"PrefixListName\": \"com.amazonaws.%s.s3\"\n"
		"        },\n"
		"        {\n"
		"            \"Cidrs\": [\n                \"%s\"\n            ],\n"
		"            \"PrefixListId\": \"%s\",\n"
		"            \"PrefixListName\": \"com.amazonaws.%s.dynamodb\"\n"
		"        }\n    ]\n}\n",
		e1 ? "52.216.0.0/15" : "52.218.0.0/17", e1 ? ",\n                \"" : "",
		e1 ? "54.231.0.0/16" : "", e1 ? "\"" : "", e1 ? PL_S3_E1 : PL_S3_W2, sc->region,
		e1 ? "52.94.0.0/22" : "52.94.24.0/23", e1 ? PL_DDB_E1 : PL_DDB_W2, sc->region);
	close_out(f, "describe-prefix-lists.json");
}

static void write_topology(const char *out, const struct estate *es)
{
	static const struct scope scopes[] = {
		{ACCT_A, "us-east-1"}, {ACCT_B, "us-west-2"}, {ACCT_B, "us-east-1"}};
	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		char dir[1024];
		snprintf(dir, sizeof(dir), "%s/topology/%s/%s", out, scopes[i].account,
			 scopes[i].region);
		write_vpcs(dir, &scopes[i]);
		write_subnets(dir, &scopes[i]);
		write_route_tables(dir, &scopes[i]);
		write_nat_gateways(dir, &scopes[i]);
		write_endpoints(dir, &scopes[i], es);
		write_peerings(dir, &scopes[i]);
		write_tgw(dir, &scopes[i]);
		write_gateways(dir, &scopes[i]);
		write_enis(dir, &scopes[i], es);
		write_prefix_lists(dir, &scopes[i]);
	}
}

static void write_ip_ranges(const char *out)
{
	FILE *f = open_out(out, "ip-ranges.json");
	fprintf(f, "{\n  \"syncToken\": \"1795478400\",\n  \"createDate\": \"2026-11-24-00-00-00\",\n"
		   "  \"prefixes\": [");
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		fprintf(f,
			"%s\n    {\n      \"ip_prefix\": \"%s\",\n      \"region\": \"%s\",\n"
			"      \"service\": \"%s\",\n      \"network_border_group\": \"%s\"\n    }",
			i ? "," : "", ranges[i].prefix, ranges[i].region, ranges[i].service,
			ranges[i].region);
	fprintf(f, "\n  ],\n  \"ipv6_prefixes\": [");
	for (size_t i = 0; i < sizeof(ranges6) / sizeof(ranges6[0]); i++)
		fprintf(f,
			"%s\n    {\n      \"ipv6_prefix\": \"%s\",\n      \"region\": \"%s\",\n"
			"      \"service\": \"%s\",\n      \"network_border_group\": \"%s\"\n    }",
			i ? "," : "", ranges6[i].prefix, ranges6[i].region, ranges6[i].service,
			ranges6[i].region);
	fprintf(f, "\n  ]\n}\n");
	close_out(f, "ip-ranges.json");
}

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	uint32_t wx = x->end / 300, wy = y->end / 300;
	if (wx != wy)
		return wx < wy ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* One gzip object per flow log and 5-minute window, named as AWS names it. */
static void write_logs(const char *out, struct gen *g, uint64_t seed)
{
	for (int v = 0; v < NVPC; v++) {
		struct flog *fl = &g->fl[v];
		const struct vpc_def *d = &vpcs[v];
		qsort(fl->v, fl->n, sizeof(*fl->v), cmp_line);
		size_t i = 0;
		while (i < fl->n) {
			uint32_t w = fl->v[i].end / 300 * 300, sec = w - DAY0;
			uint64_t hs = seed ^ ((uint64_t)w << 8) ^ (uint64_t)v;
			char dir[1024], path[1400];
			struct tm tm;
			time_t day = (time_t)DAY0;
			gmtime_r(&day, &tm);
			snprintf(dir, sizeof(dir), "%s/logs/AWSLogs/%s/vpcflowlogs/%s/%04d/%02d/%02d", out,
				 d->owner, d->region, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
			mkdir_p(dir);
			snprintf(path, sizeof(path),
				 "%s/%s_vpcflowlogs_%s_%s_%04d%02d%02dT%02u%02uZ_%08" PRIx32 ".log.gz", dir,
				 d->owner, d->region, d->flowlog, tm.tm_year + 1900, tm.tm_mon + 1,
				 tm.tm_mday, sec / 3600, sec % 3600 / 60, (uint32_t)(splitmix64(&hs) >> 32));
			gzFile z = gzopen(path, "wb6");
			if (!z)
				die("cannot write", path);
			gzprintf(z, "%s\n", v == V_PROD ? v5_fields : v2_fields);
			for (; i < fl->n && fl->v[i].end / 300 * 300 == w; i++) {
				gzputs(z, fl->v[i].text);
				gzputc(z, '\n');
			}
			if (gzclose(z) != Z_OK)
				die("cannot write", path);
		}
	}
}

static void write_truth(const char *out, struct gen *g)
{
	struct tentry *v = xmalloc(g->tr.n * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < g->tr.cap; i++)
		if (g->tr.t[i].key)
			v[n++] = g->tr.t[i];
	qsort(v, n, sizeof(*v), cmp_tentry);
	FILE *f = open_out(out, "truth.csv");
	fprintf(f, "account,region,vpc,subnet,az,vantage,side,direction,action,path,service,"
		   "service_region,via,remote_vpc,remote_region,reason,records,bytes\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s,%" PRIu64 ",%" PRIu64 "\n", v[i].key, v[i].records, v[i].bytes);
	close_out(f, "truth.csv");
	free(v);
	f = open_out(out, "truth-traffic-path.csv");
	fprintf(f, "vpc,checked,disagree\n%s,%" PRIu64 ",%" PRIu64 "\n", vpcs[V_PROD].id,
		g->tp_checked, g->tp_disagree);
	close_out(f, "truth-traffic-path.csv");
}

static const char usage_text[] =
	"Usage: estate_gen [options] -o DIR\n"
	"\n"
	"Write a synthetic AWS estate (DIR/topology, DIR/ip-ranges.json) and a day of\n"
	"its VPC flow logs (DIR/logs, gzip in the S3 key layout), deterministically.\n"
	"\n"
	"Options:\n"
	"  -o, --output DIR   where to write (created)\n"
	"  -n, --records N    flow records to write, about (default 100000)\n"
	"  -s, --seed N       PRNG seed (default 1)\n"
	"  -w, --windows N    busy 5-minute windows in the day (default 24)\n"
	"  -t, --truth        also write DIR/truth.csv: records and bytes per key of\n"
	"                     flowpath's core aggregate, as paths.md decides them;\n"
	"                     and DIR/truth-traffic-path.csv: per VPC, the egress\n"
	"                     records with a traffic-path and those disagreeing\n"
	"  -d, --disputed     also log the sending-side transit gateway attachment ENI\n"
	"  -x, --scale N      multiply every flow's packets and bytes by N (default 1)\n"
	"  -D, --day-offset N the logs cover the N-th day after 2026-11-25 (default 0)\n"
	"                     today: the transit gateway attachment ENI on the\n"
	"                     sending side (its remote is the peer beyond it)\n"
	"  -h, --help         show this help and exit\n";

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-')
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'}, {"records", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},   {"windows", required_argument, NULL, 'w'},
		{"truth", no_argument, NULL, 't'},        {"help", no_argument, NULL, 'h'},
		{"disputed", no_argument, NULL, 'd'},     {"scale", required_argument, NULL, 'x'},
		{"day-offset", required_argument, NULL, 'D'},
		{NULL, 0, NULL, 0}};
	const char *out = NULL;
	uint64_t n = 100000, seed = 1, windows = 24, scale = 1;
	int truth = 0, disputed = 0, c;
	while ((c = getopt_long(argc, argv, "o:n:s:w:x:D:tdh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'n':
			if (parse_u64(optarg, &n) != 0)
				goto bad;
			break;
		case 's':
			if (parse_u64(optarg, &seed) != 0)
				goto bad;
			break;
		case 'w':
			if (parse_u64(optarg, &windows) != 0 || windows < 1 || windows > 280)
				goto bad;
			break;
		case 'x':
			if (parse_u64(optarg, &scale) != 0 || scale < 1 || scale > 1000000)
				goto bad;
			break;
		case 'D': {
			uint64_t days;
			if (parse_u64(optarg, &days) != 0 || days > 3650)
				goto bad;
			DAY0 = DAY0_DEFAULT + (uint32_t)days * 86400;
			break;
		}
		case 't': truth = 1; break;
		case 'd': disputed = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: goto bad;
		}
	}
	if (!out || optind != argc)
		goto bad;

	static struct gen g;
	rng_seed(&g.r, seed);
	g.nwin = (uint32_t)windows;
	g.disputed = disputed;
	g.scale = scale;
	build_estate(&g.es);
	generate(&g, n);
	mkdir_p(out);
	write_topology(out, &g.es);
	write_ip_ranges(out);
	write_logs(out, &g, seed);
	if (truth)
		write_truth(out, &g);
	fprintf(stderr,
		"estate_gen: %" PRIu64 " flow records, %" PRIu64 " bytes, %" PRIu64 " NODATA, %" PRIu64
		" SKIPDATA\n",
		g.nrec, g.nbytes, g.nodata, g.skipdata);
	return 0;
bad:
	fputs("estate_gen: bad usage; try 'estate_gen --help'\n", stderr);
	return 2;
}
