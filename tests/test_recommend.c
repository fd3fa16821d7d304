/* SPDX-License-Identifier: MIT */
/*
 * Recommendations priced by hand: every expected dollar below is worked
 * out in the comment beside it from the us-east-1 prices of reports.md
 * (NAT $0.045/h and /GB, interface endpoint $0.01/h per AZ and /GB, TGW
 * $0.02/GB, cross-AZ $0.01/GB each way) and of docs/prices.md (a public
 * NAT gateway's IPv4 address $0.005/h), a GB of 2^30 bytes, a month of
 * 30.4375 days and a window of one day (so monthly = daily x 30.4375).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "agg.h"
#include "prices.h"
#include "pricing_csv.h"
#include "recommend.h"
#include "topo.h"
#include "topology_json.h"

#define GB(x) ((uint64_t)((x) * 1073741824.0))
#define DAY 86400

static const char estate[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"},"
	"  {\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.0.0/16\"}],"
	"\"Subnets\":["
	"{\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\",\"AvailabilityZone\":\"us-east-1b\"}],"
	"\"RouteTables\":["
	"{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-a\"}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]},"
	"{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-b\"}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}],"
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\"}],"
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]},"
	"{\"VpcEndpointId\":\"vpce-sns\",\"VpcEndpointType\":\"Interface\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.sns\",\"SubnetIds\":[\"subnet-a\"],"
	" \"PrivateDnsEnabled\":false},"
	"{\"VpcEndpointId\":\"vpce-api\",\"VpcEndpointType\":\"Interface\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.execute-api\",\"SubnetIds\":[\"subnet-a\"],"
	" \"PrivateDnsEnabled\":true},"
	"{\"VpcEndpointId\":\"vpce-sts\",\"VpcEndpointType\":\"Interface\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.sts\",\"SubnetIds\":[\"subnet-a\"]}]}";

static struct topo *T;
static struct prices *P;

static int setup(void **state)
{
	struct diag d;
	(void)state;
	T = topo_new();
	if (topo_load_buffer(T, "estate.json", estate, strlen(estate), &d) != 0)
		return -1;
	topo_finish(T);
	P = prices_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	topo_free(T);
	prices_free(P);
	return 0;
}

/* A topology of one JSON text, finished. */
static struct topo *topo_json(const char *json)
{
	struct diag d;
	struct topo *t = topo_new();
	assert_int_equal(topo_load_buffer(t, "t.json", json, strlen(json), &d), 0);
	topo_finish(t);
	return t;
}

static struct sv S(const char *s)
{
	struct sv v = {s, (uint32_t)strlen(s)};
	return v;
}

/* The action of the rows row_of adds. */
static int row_action = FL_ACCEPT;

/* A row of vpc in region seen from vantage v (side: NAT gateway vantage
 * only). */
static void row_of(struct agg *a, const char *vpc, const char *region, enum vantage v, enum side side,
		   const char *subnet, const char *az, enum path p, const char *svc, const char *svc_region,
		   const char *via, enum direction dir, uint64_t bytes)
{
	struct cls_result c;
	memset(&c, 0, sizeof(c));
	c.vantage = v;
	c.side = side;
	c.direction = dir;
	c.action = row_action;
	c.path = p;
	c.account = S("111111111111");
	c.region = S(region);
	c.vpc = S(vpc);
	c.subnet = S(subnet);
	c.az = S(az);
	c.service = S(svc);
	c.service_region = S(svc_region);
	c.via = S(via);
	agg_add(a, &c, 1, bytes, 0, DAY);
}

/* A row of vpc-a in us-east-1. */
static void vantage_row(struct agg *a, enum vantage v, enum side side, const char *subnet,
			const char *az, enum path p, const char *svc, const char *svc_region,
			const char *via, enum direction dir, uint64_t bytes)
{
	row_of(a, "vpc-a", "us-east-1", v, side, subnet, az, p, svc, svc_region, via, dir, bytes);
}

/* A workload-vantage row of vpc-a. */
static void wl(struct agg *a, const char *subnet, const char *az, enum path p, const char *svc,
	       const char *svc_region, const char *via, enum direction dir, uint64_t bytes)
{
	vantage_row(a, VANTAGE_WORKLOAD, SIDE_NONE, subnet, az, p, svc, svc_region, via, dir, bytes);
}

/* An internet-side row of nat-a's own ENI: bytes to an AWS service. */
static void nat_eni(struct agg *a, const char *svc, uint64_t bytes)
{
	vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pa", "", PATH_NAT_AWS, svc, "us-east-1",
		    "nat-a", DIR_EGRESS, bytes);
}

static const struct rec_row *find(const struct recs *r, const char *action, const char *service)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].action, action) == 0 && strcmp(r->rows[i].service, service) == 0)
			return &r->rows[i];
	return NULL;
}

/* find(), failing the test when the row is missing (never NULL, so that
 * the checks after it need no null tests). */
static const struct rec_row *must(const struct recs *r, const char *action, const char *service)
{
	static const struct rec_row none;
	const struct rec_row *x = find(r, action, service);
	if (!x) {
		fail_msg("no %s row for '%s'", action, service);
		return &none;
	}
	return x;
}

/* Money columns come rounded to four decimals: within half a unit of
 * the last digit. */
static void assert_usd(double got, double want)
{
	if (fabs(got - want) > 0.00005 + 1e-9)
		fail_msg("got $%.6f, want $%.6f", got, want);
}

static void run(struct agg *a, struct recs *r)
{
	struct rec_input in = {a, T, P, 0, DAY};
	recommend(&in, r, NULL);
}

/* use-gateway-endpoint where nothing says how the interface endpoint's
 * DNS is set (a merge without the topology): the reason names both fixes
 * rather than guess one; no route table is known to name. */
static void test_use_gateway_endpoint_without_topology(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	wl(a, "subnet-a", "us-east-1a", PATH_INTERFACE_ENDPOINT, "S3", "us-east-1", "vpce-s3", DIR_EGRESS,
	   GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_INTERFACE_ENDPOINT, "S3", "us-east-1", "vpce-s3", DIR_INGRESS,
	   GB(1));
	struct rec_input in = {a, NULL, P, 0, DAY};
	recommend(&in, &r, NULL);
	const struct rec_row *x = must(&r, "use-gateway-endpoint", "S3");
	assert_int_equal(x->observed_bytes, GB(2));
	/* 60.875 GB/month x $0.01 */
	assert_usd(x->savings_usd, 0.60875);
	assert_string_equal(x->target, "");
	assert_non_null(strstr(x->reason, "through interface endpoint vpce-s3"));
	assert_non_null(strstr(x->reason, "If the interface endpoint's private DNS is on for all resolvers"));
	assert_non_null(strstr(x->reason, "associated with the route tables of the senders' subnets"));
	recs_free(&r);
	agg_free(a);
}

static void test_gateway_endpoint_create_and_associate(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	/* 10 GiB/day of DynamoDB through nat-a: 304.375 GB/month x $0.045 = $13.696875 */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-a", DIR_EGRESS, GB(8));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-a", DIR_INGRESS, GB(2));
	/* 2 GiB/day of S3 from subnet-b, whose rtb-b the S3 endpoint misses:
	 * 60.875 GB/month x $0.045 = $2.739375 */
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(2));
	/* and 1 GiB/day of S3 that rtb-a's subnet sends over IPv6 (an
	 * internet gateway): not what rtb-b sent, so not in that row */
	wl(a, "subnet-a", "us-east-1a", PATH_IGW_AWS, "S3", "us-east-1", "eigw-a", DIR_EGRESS, GB(1));
	run(a, &r);
	const struct rec_row *x = must(&r, "create-gateway-endpoint", "DYNAMODB");
	assert_string_equal(x->vpc, "vpc-a");
	assert_string_equal(x->target, "rtb-a");
	assert_int_equal(x->observed_bytes, GB(10));
	assert_int_equal(x->window_seconds, DAY);
	assert_usd(x->monthly_gb, 304.375);
	assert_usd(x->current_usd, 13.696875);
	assert_usd(x->new_usd, 0);
	assert_usd(x->savings_usd, 13.696875);
	assert_string_equal(x->confidence, "high");
	assert_string_equal(x->cost_source, "workload");
	x = must(&r, "associate-gateway-endpoint", "S3");
	assert_string_equal(x->target, "rtb-b");
	assert_int_equal(x->observed_bytes, GB(2));
	assert_usd(x->monthly_gb, 60.875);
	assert_usd(x->savings_usd, 2.739375);
	assert_non_null(strstr(x->reason, "vpce-s3"));
	/* sorted by saving */
	assert_string_equal(r.rows[0].service, "DYNAMODB");
	recs_free(&r);
	agg_free(a);
}

/* Two S3 gateway endpoints in one VPC, each on its own route table (AWS
 * allows that): a table on either is done, and only the third is named. */
static void test_gateway_endpoint_per_route_table(void **state)
{
	static const char two[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"222222222222\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":["
		"{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"},"
		"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\"},"
		"{\"SubnetId\":\"subnet-c\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.3.0/24\"}],"
		"\"RouteTables\":["
		"{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-a\"}],"
		" \"Routes\":[{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-one\"}]},"
		"{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-b\"}],"
		" \"Routes\":[{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-two\"}]},"
		"{\"RouteTableId\":\"rtb-c\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-c\"}]}],"
		"\"VpcEndpoints\":["
		"{\"VpcEndpointId\":\"vpce-one\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
		" \"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]},"
		"{\"VpcEndpointId\":\"vpce-two\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
		" \"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-b\"]}]}";
	(void)state;
	struct topo *t = topo_json(two);
	struct agg *a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-b", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-c", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	struct rec_input in = {a, t, P, 0, DAY};
	struct recs r;
	recommend(&in, &r, NULL);
	const struct rec_row *x = must(&r, "associate-gateway-endpoint", "S3");
	assert_string_equal(x->target, "rtb-c");
	assert_non_null(strstr(x->reason, "vpce-one")); /* the first of the two */
	assert_string_equal(x->account, "222222222222"); /* the VPC's owner makes the change */
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

/* A VPC of 300 route tables, each of one subnet sending S3 through the
 * NAT gateway: the target list holds whole table ids, as many as fit
 * (more than the 64 tables a group once held), and says that it was
 * cut; the reason is whole and names the first few. */
static void test_long_target_list(void **state)
{
	enum { N = 300 };
	static char json[N * 400 + 1024];
	(void)state;
	char *o = json;
	o += sprintf(o, "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":[");
	for (int i = 0; i < N; i++)
		o += sprintf(o, "%s{\"SubnetId\":\"subnet-%017d\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.%d.%d/26\","
			     "\"AvailabilityZone\":\"us-east-1a\"}",
			     i ? "," : "", i, i / 4, i % 4 * 64);
	o += sprintf(o, "],\"RouteTables\":[");
	for (int i = 0; i < N; i++)
		o += sprintf(o, "%s{\"RouteTableId\":\"rtb-%017d\",\"VpcId\":\"vpc-a\",\"Associations\":"
			     "[{\"SubnetId\":\"subnet-%017d\"}],\"Routes\":[{\"DestinationCidrBlock\":"
			     "\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}",
			     i ? "," : "", i, i);
	sprintf(o, "]}");
	struct topo *t = topo_json(json);
	struct agg *a = agg_new();
	for (int i = 0; i < N; i++) {
		char subnet[32];
		snprintf(subnet, sizeof(subnet), "subnet-%017d", i);
		wl(a, subnet, "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	}
	struct rec_input in = {a, t, P, 0, DAY};
	struct recs r;
	recommend(&in, &r, NULL);
	const struct rec_row *x = must(&r, "create-gateway-endpoint", "S3");
	size_t n = strlen(x->target);
	assert_true(n > 3000 && n < sizeof(x->target));
	assert_string_equal(x->target + n - 6, ",[...]");
	/* every item but the mark a whole id, in order from the first */
	int items = 0;
	for (const char *p = x->target; strncmp(p, "[...]", 5) != 0; items++) {
		char want[32];
		snprintf(want, sizeof(want), "rtb-%017d,", items);
		assert_memory_equal(p, want, strlen(want));
		p += strlen(want);
	}
	assert_true(items > 100 && items < N);
	/* the reason names the first 8 and says the column has the rest */
	assert_non_null(strstr(x->reason, "rtb-00000000000000007 and more (the target column lists "));
	assert_null(strstr(x->reason, "rtb-00000000000000008"));
	assert_null(strstr(x->reason, "[...]"));
	recs_free(&r);
	agg_free(a);
	topo_free(t);

	/* one table whose id alone does not fit: the target is the mark
	 * alone, and the reason says to see the column */
	char id[4300];
	memset(id, 'a', sizeof(id) - 1);
	id[sizeof(id) - 1] = 0;
	memcpy(id, "rtb-", 4);
	snprintf(json, sizeof(json),
		 "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":[{\"SubnetId\":"
		 "\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],\"RouteTables\":[{\"RouteTableId\":"
		 "\"%s\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-a\"}],\"Routes\":[{"
		 "\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}]}",
		 id);
	t = topo_json(json);
	a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	struct rec_input in2 = {a, t, P, 0, DAY};
	recommend(&in2, &r, NULL);
	x = must(&r, "create-gateway-endpoint", "S3");
	assert_string_equal(x->target, "[...]");
	assert_non_null(strstr(x->reason, "route tables (too long to list: see the target column)"));
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

/* A NAT gateway's public IPv4 addresses are billed by the hour: two
 * Elastic IPs cost two addresses' hours, a private NAT gateway none. */
static void test_nat_public_addresses(void **state)
{
	static const char json[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\","
		"\"NatGatewayAddresses\":[{\"PublicIp\":\"198.51.100.1\",\"PrivateIp\":\"10.0.0.5\"},"
		"{\"AllocationId\":\"eipalloc-2\",\"PrivateIp\":\"10.0.0.6\"}]},"
		"{\"NatGatewayId\":\"nat-p\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\","
		"\"ConnectivityType\":\"private\",\"NatGatewayAddresses\":[{\"PrivateIp\":\"10.0.0.7\"}]}]}";
	(void)state;
	struct topo *t = topo_json(json);
	struct agg *a = agg_new();
	wl(a, "subnet-pa", "us-east-1a", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-pa", "us-east-1a", PATH_NAT_INTERNET, "", "", "nat-p", DIR_EGRESS, GB(1));
	struct rec_input in = {a, t, P, 0, DAY};
	struct recs r;
	struct nat_costs nc;
	recommend(&in, &r, &nc);
	int seen = 0;
	for (size_t i = 0; i < nc.n; i++) {
		if (strcmp(nc.v[i].nat, "nat-a") == 0) {
			assert_usd(nc.v[i].hourly_usd, 40.1775); /* (0.045 + 2 x 0.005) x 730.5 */
			seen |= 1;
		} else if (strcmp(nc.v[i].nat, "nat-p") == 0) {
			assert_usd(nc.v[i].hourly_usd, 32.8725); /* 0.045 x 730.5 */
			seen |= 2;
		}
	}
	assert_int_equal(seen, 3);
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

/* Same-region DynamoDB through an internet gateway only: the endpoint is
 * still recommended (no public addresses), priced at no saving, and the
 * reason does not claim a NAT charge it would save. */
static void test_gateway_endpoint_for_internet_gateway_traffic(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	wl(a, "subnet-pa", "us-east-1a", PATH_IGW_AWS, "DYNAMODB", "us-east-1", "igw-a", DIR_EGRESS,
	   GB(3));
	run(a, &r);
	const struct rec_row *x = must(&r, "create-gateway-endpoint", "DYNAMODB");
	assert_int_equal(x->observed_bytes, GB(3));
	assert_usd(x->current_usd, 0);
	assert_usd(x->savings_usd, 0);
	assert_non_null(strstr(x->reason, "through an internet gateway"));
	assert_non_null(strstr(x->reason, "saves no money"));
	assert_null(strstr(x->reason, "NAT"));
	recs_free(&r);
	agg_free(a);
}

/* Addresses ip-ranges lists only as AMAZON, in several regions: one
 * log-pkt-dst-aws-service row for the VPC with all their bytes (its
 * columns name no region that would tell rows apart). */
static void test_amazon_one_row_per_vpc(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "AMAZON", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "AMAZON", "eu-west-1", "nat-a", DIR_EGRESS, GB(2));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "AMAZON", "", "nat-a", DIR_EGRESS, GB(3));
	/* a service of no known region (pkt-dst-aws-service alone) is taken
	 * to be in the VPC's, and its interface endpoint row says so */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "SQS", "", "nat-a", DIR_EGRESS, GB(50));
	/* the same for an endpoint the VPC has, whose PrivateDnsEnabled is
	 * not given */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "STS", "", "nat-a", DIR_EGRESS, GB(5));
	run(a, &r);
	size_t n = 0;
	for (size_t i = 0; i < r.n; i++)
		n += strcmp(r.rows[i].action, "log-pkt-dst-aws-service") == 0;
	assert_int_equal(n, 1);
	const struct rec_row *x = must(&r, "log-pkt-dst-aws-service", "AMAZON");
	assert_int_equal(x->observed_bytes, GB(6));
	assert_non_null(strstr(x->reason, "known only as AMAZON (ip-ranges.json, or the records' "
					  "pkt-dst-aws-service)"));
	/* two AZs sent it: 0.01 x 730.5 x 2 / (0.045 - 0.01) = 417.4 GB/month */
	assert_non_null(strstr(x->reason, "(in the 2 AZs that sent this) pays for itself above 417 GB/month"));
	x = must(&r, "create-interface-endpoint", "SQS");
	assert_non_null(strstr(x->reason, "no known region (no --ip-ranges): assumed to be us-east-1."));
	x = must(&r, "use-interface-endpoint", "STS");
	assert_non_null(strstr(x->reason, "vpce-sts"));
	assert_non_null(strstr(x->reason, "(private DNS off, or clients naming the service's public "
					  "endpoint?)"));
	assert_non_null(strstr(x->reason, "no known region (no --ip-ranges): assumed to be us-east-1."));
	recs_free(&r);
	agg_free(a);
}

/* Money leaves out REJECT records only: the rows of a layout without an
 * action field (action 0) are priced as accepted (paths.md 4). */
static void test_rows_without_action_are_priced(void **state)
{
	(void)state;
	for (int k = 0; k < 2; k++) {
		struct agg *a = agg_new();
		struct recs r;
		row_action = k ? FL_REJECT : 0;
		wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "SQS", "us-east-1", "nat-a", DIR_EGRESS, GB(50));
		wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "SQS", "us-east-1", "nat-a", DIR_EGRESS, GB(50));
		row_action = FL_ACCEPT;
		run(a, &r);
		const struct rec_row *x = find(&r, "create-interface-endpoint", "SQS");
		if (k == 0) {
			assert_non_null(x);
			assert_usd(x->savings_usd, 91.92125);
		} else {
			assert_null(x);
		}
		recs_free(&r);
		agg_free(a);
	}
}

static void test_interface_endpoint_positive_and_below_break_even(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	/* SQS, 50 GiB/day from each AZ: 3043.75 GB/month.
	 * now 3043.75 x 0.045 = 136.96875; with an endpoint in 2 AZs
	 * 3043.75 x 0.01 + 0.01 x 730.5 h x 2 = 30.4375 + 14.61 = 45.0475;
	 * saving 91.92125 */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "SQS", "us-east-1", "nat-a", DIR_EGRESS, GB(50));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "SQS", "us-east-1", "nat-a", DIR_EGRESS, GB(50));
	/* Kinesis, 0.1 GiB/day from one AZ: 3.04375 GB/month, $0.13696875
	 * now; an endpoint costs 7.305 + 0.0304375: not recommended. The
	 * break-even is 7.305 / (0.045 - 0.01) = 208.714... GB/month */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "KINESIS_VIDEO_STREAMS", "us-east-1", "nat-a",
	   DIR_EGRESS, GB(0.1));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "SNS", "us-east-1", "nat-a", DIR_EGRESS, GB(100));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "API_GATEWAY", "us-east-1", "nat-a", DIR_EGRESS, GB(10));
	run(a, &r);
	const struct rec_row *x = must(&r, "create-interface-endpoint", "SQS");
	assert_string_equal(x->target, "us-east-1a,us-east-1b");
	assert_usd(x->current_usd, 136.96875);
	assert_usd(x->new_usd, 45.0475);
	assert_usd(x->savings_usd, 91.92125);
	x = must(&r, "interface-endpoint-below-break-even", "KINESIS_VIDEO_STREAMS");
	assert_usd(x->current_usd, 0.13696875);
	assert_usd(x->savings_usd, 0);
	assert_non_null(strstr(x->reason, "208.7 GB/month"));
	assert_null(find(&r, "create-interface-endpoint", "KINESIS_VIDEO_STREAMS"));
	/* SNS: the VPC has an interface endpoint for it, paid by the hour
	 * already; the NAT traffic bypasses it. 3043.75 GB/month: now
	 * 136.96875, through the endpoint 30.4375. From us-east-1b, where it
	 * has no subnet, the traffic crosses AZs to nat-a in us-east-1a
	 * today already: reaching the endpoint there costs no more
	 * (tests/money/use-interface-endpoint-two-azs prices a crossing) */
	x = must(&r, "use-interface-endpoint", "SNS");
	assert_string_equal(x->target, "us-east-1b");
	assert_usd(x->current_usd, 136.96875);
	assert_usd(x->new_usd, 30.4375);
	assert_usd(x->savings_usd, 106.53125);
	assert_non_null(strstr(x->reason, "the cheaper is counted in the new cost, $0.00/month (crossing from "
					  "us-east-1b)"));
	assert_non_null(strstr(x->reason, "vpce-sns"));
	/* its PrivateDnsEnabled is false, and its one subnet is in another AZ */
	assert_non_null(strstr(x->reason, "its private DNS is off"));
	assert_non_null(strstr(x->reason, "no network interface in us-east-1b: traffic from there "
					  "crosses AZs to reach it ($0.010/GB each way; not more than today "
					  "for what crosses to a NAT gateway in another AZ already), or a "
					  "subnet there adds $7.30/month"));
	assert_null(find(&r, "create-interface-endpoint", "SNS"));
	/* API Gateway's public addresses serve public APIs, which no
	 * execute-api endpoint reaches (it carries private APIs only): the
	 * VPC's endpoint (vpce-api) is no way for them, nor would a new one be */
	assert_null(find(&r, "use-interface-endpoint", "API_GATEWAY"));
	assert_null(find(&r, "create-interface-endpoint", "API_GATEWAY"));
	assert_null(find(&r, "interface-endpoint-below-break-even", "API_GATEWAY"));
	recs_free(&r);
	agg_free(a);
}

static void test_cross_region_s3_gets_no_gateway_endpoint(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	/* 1 GiB/day to S3 in eu-west-1: 30.4375 GB/month x (0.045 NAT + 0.02
	 * inter-region out of us-east-1) = 1.9784375 */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "eu-west-1", "nat-a", DIR_EGRESS, GB(1));
	run(a, &r);
	assert_null(find(&r, "create-gateway-endpoint", "S3"));
	assert_null(find(&r, "associate-gateway-endpoint", "S3"));
	const struct rec_row *x = must(&r, "cross-region-service-traffic", "S3");
	assert_string_equal(x->target, "eu-west-1");
	assert_usd(x->current_usd, 1.9784375);
	assert_usd(x->new_usd, 1.9784375);
	assert_usd(x->savings_usd, 0);
	recs_free(&r);
	agg_free(a);
	/* the sending region charges the transfer: from us-east-1 to S3 in
	 * sa-east-1, 1 GiB/day out at us-east-1's 0.02 and 3 GiB/day back at
	 * sa-east-1's 0.138; NAT processing 0.045 on all 4: 30.4375 x (0.045
	 * x 4 + 0.02 + 0.138 x 3) = 18.68862... */
	a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "sa-east-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "sa-east-1", "nat-a", DIR_INGRESS, GB(3));
	run(a, &r);
	x = must(&r, "cross-region-service-traffic", "S3");
	assert_usd(x->current_usd, 30.4375 * (0.045 * 4 + 0.02 + 0.138 * 3));
	assert_non_null(strstr(x->reason, "$0.020/GB on the 30.44 GB/month sent from us-east-1, $0.138/GB on the "
					  "91.31 GB/month sent back from sa-east-1"));
	recs_free(&r);
	agg_free(a);
}

/* S3 in another region through a NAT gateway: no gateway endpoint, but
 * an interface endpoint for the other region's S3 (AWS PrivateLink's
 * cross-region connectivity) carries it at its own $/GB and hours, the
 * transfer between regions staying the same. */
static void test_cross_region_s3_interface_endpoint(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	/* 10 GiB/day out from us-east-1a and us-east-1b each: 608.75
	 * GB/month; NAT 0.045 and transfer 0.02 = 39.56875; an endpoint in
	 * 2 AZs: 0.01 x 608.75 + 0.01 x 730.5 x 2 = 20.6995, saving 0.035 x
	 * 608.75 - 14.61 = 6.69625 */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "eu-west-1", "nat-a", DIR_EGRESS, GB(10));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "eu-west-1", "nat-a", DIR_EGRESS, GB(10));
	run(a, &r);
	const struct rec_row *x = must(&r, "cross-region-service-traffic", "S3");
	assert_string_equal(x->target, "eu-west-1");
	assert_usd(x->current_usd, 608.75 * 0.065);
	assert_usd(x->savings_usd, 608.75 * 0.035 - 14.61);
	assert_usd(x->new_usd, 608.75 * 0.065 - (608.75 * 0.035 - 14.61));
	assert_non_null(strstr(x->reason, "an interface endpoint for com.amazonaws.eu-west-1.s3 in this VPC "
					  "reaches it"));
	assert_non_null(strstr(x->reason, "in 2 AZs it costs $0.010/GB plus $14.61/month"));
	assert_non_null(strstr(x->reason, "net saving $6.70/month"));
	recs_free(&r);
	agg_free(a);

	/* DynamoDB has no cross-region interface endpoints: nothing saved */
	a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "DYNAMODB", "eu-west-1", "nat-a", DIR_EGRESS, GB(10));
	run(a, &r);
	x = must(&r, "cross-region-service-traffic", "DYNAMODB");
	assert_usd(x->savings_usd, 0);
	assert_usd(x->new_usd, x->current_usd);
	assert_null(strstr(x->reason, "interface endpoint"));
	assert_non_null(strstr(x->reason, "Gateway endpoints only serve their own region, so none can carry"));
	recs_free(&r);
	agg_free(a);

	/* the VPC has one for eu-west-1's S3 (its one subnet in us-east-1a)
	 * and the traffic bypasses it: the hours are paid, 0.01/GB instead of
	 * 0.045; us-east-1b's half crosses AZs to reach it (it sends to nat-a
	 * in us-east-1a today, so no more than now): 608.75 x 0.035 saved */
	static const char json[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":["
		"{\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\",\"AvailabilityZone\":\"us-east-1b\"}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\"}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-local\",\"VpcEndpointType\":\"Interface\",\"VpcId\":\"vpc-a\","
		" \"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"SubnetIds\":[\"subnet-a\",\"subnet-b\"]},"
		"{\"VpcEndpointId\":\"vpce-xr\",\"VpcEndpointType\":\"Interface\",\"VpcId\":\"vpc-a\","
		" \"ServiceName\":\"com.amazonaws.eu-west-1.s3\",\"ServiceRegion\":\"eu-west-1\","
		" \"SubnetIds\":[\"subnet-a\"],\"PrivateDnsEnabled\":false}]}";
	struct topo *t = topo_json(json);
	a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "eu-west-1", "nat-a", DIR_EGRESS, GB(10));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "eu-west-1", "nat-a", DIR_EGRESS, GB(10));
	struct rec_input in = {a, t, P, 0, DAY};
	recommend(&in, &r, NULL);
	x = must(&r, "cross-region-service-traffic", "S3");
	assert_usd(x->savings_usd, 608.75 * 0.035);
	assert_non_null(strstr(x->reason, "Interface endpoint vpce-xr serves S3 in eu-west-1 from the VPC"));
	assert_non_null(strstr(x->reason, "its private DNS is off"));
	assert_non_null(strstr(x->reason, "It has no network interface in us-east-1b"));
	/* an endpoint for the VPC's own region's S3 (vpce-local, listed
	 * first) is no way to eu-west-1: not named, no row of its own */
	assert_null(strstr(x->reason, "vpce-local"));
	assert_null(find(&r, "use-interface-endpoint", "S3"));
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

/* NAT traffic to another region's service of another kind gets a row
 * that prices it (no endpoint here carries it); public EC2 addresses and
 * global services get none. */
static void test_cross_region_other_service(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "SQS", "eu-west-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "SQS", "eu-west-1", "nat-a", DIR_INGRESS, GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "EC2", "eu-west-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "CLOUDFRONT", "GLOBAL", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "AMAZON_CONNECT", "GLOBAL", "nat-a", DIR_EGRESS, GB(1));
	run(a, &r);
	const struct rec_row *x = must(&r, "cross-region-service-traffic", "SQS");
	assert_string_equal(x->target, "eu-west-1");
	/* 60.875 GB/month x (0.045 NAT), 30.4375 out at us-east-1's 0.02 and
	 * 30.4375 back at eu-west-1's 0.02 */
	assert_usd(x->current_usd, 60.875 * 0.065);
	assert_usd(x->savings_usd, 0);
	assert_non_null(strstr(x->reason, "Its interface endpoints serve their own region only"));
	assert_int_equal(r.n, 1);
	recs_free(&r);
	agg_free(a);
}

/* Centralized egress: the NAT gateway's vpc side shows SNS traffic from
 * workloads in other VPCs (rows without a subnet), which the VPC's
 * interface endpoint does not serve until its names resolve there: the
 * reason says so, not that the VPC's own clients misuse DNS. */
static void test_interface_endpoint_other_vpcs(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	nat_eni(a, "SNS", GB(10));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_AWS, "SNS", "us-east-1", "nat-a", DIR_EGRESS,
		    GB(10));
	run(a, &r);
	const struct rec_row *x = must(&r, "use-interface-endpoint", "SNS");
	assert_non_null(strstr(x->reason, "the traffic bypasses it (its senders are in other VPCs)"));
	assert_non_null(strstr(x->reason, "All of it comes from workloads in other VPCs, through a transit gateway"));
	assert_non_null(strstr(x->reason, "Route 53 private hosted zone"));
	assert_null(strstr(x->reason, "its private DNS is off"));
	recs_free(&r);
	agg_free(a);
	/* a quarter from other VPCs: the rest is the VPC's own */
	a = agg_new();
	nat_eni(a, "SNS", GB(8));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_AWS, "SNS", "us-east-1", "nat-a", DIR_EGRESS,
		    GB(2));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-a", "us-east-1a", PATH_NAT_AWS, "SNS", "us-east-1", "nat-a",
		    DIR_EGRESS, GB(6));
	run(a, &r);
	x = must(&r, "use-interface-endpoint", "SNS");
	assert_non_null(strstr(x->reason, "its private DNS is off"));
	/* 8 GiB/day x 30.4375 x 0.25 */
	assert_non_null(strstr(x->reason, " 60.88 GB/month of it comes from workloads in other VPCs"));
	recs_free(&r);
	agg_free(a);
}

/* gateway-endpoints-in-other-vpcs names, by the topology, the VPCs that
 * send 0.0.0.0/0 to a transit gateway attached to the NAT gateway's VPC,
 * with those route tables (not one of the attachment's own subnet), but
 * not one already routing S3 to a gateway endpoint of its own. */
static void test_other_vpcs_named(void **state)
{
	static const char json[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-h\",\"CidrBlock\":\"10.0.0.0/16\"},"
		"{\"VpcId\":\"vpc-s1\",\"OwnerId\":\"222222222222\",\"CidrBlock\":\"10.1.0.0/16\"},"
		"{\"VpcId\":\"vpc-s2\",\"CidrBlock\":\"10.2.0.0/16\"},{\"VpcId\":\"vpc-x\",\"CidrBlock\":\"10.3.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-h\",\"VpcId\":\"vpc-h\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-s1\",\"VpcId\":\"vpc-s1\",\"CidrBlock\":\"10.1.0.0/24\"},"
		"{\"SubnetId\":\"subnet-s2\",\"VpcId\":\"vpc-s2\",\"CidrBlock\":\"10.2.0.0/24\"},"
		"{\"SubnetId\":\"subnet-x\",\"VpcId\":\"vpc-x\",\"CidrBlock\":\"10.3.0.0/24\"},"
		"{\"SubnetId\":\"subnet-t\",\"VpcId\":\"vpc-s1\",\"CidrBlock\":\"10.1.9.0/28\"}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-h\",\"SubnetId\":\"subnet-h\",\"VpcId\":\"vpc-h\"}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-t\",\"SubnetId\":\"subnet-t\",\"VpcId\":\"vpc-s1\","
		"\"InterfaceType\":\"transit_gateway\",\"PrivateIpAddress\":\"10.1.9.5\"}],"
		"\"TransitGatewayAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-h\",\"TransitGatewayId\":\"tgw-1\","
		"\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-h\"},{\"TransitGatewayAttachmentId\":\"tgw-attach-x\","
		"\"TransitGatewayId\":\"tgw-2\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-x\"}],"
		"\"RouteTables\":["
		"{\"RouteTableId\":\"rtb-s1\",\"VpcId\":\"vpc-s1\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":\"tgw-1\"}]},"
		"{\"RouteTableId\":\"rtb-t1\",\"VpcId\":\"vpc-s1\",\"Associations\":[{\"SubnetId\":\"subnet-t\"}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":\"tgw-1\"}]},"
		"{\"RouteTableId\":\"rtb-s2\",\"VpcId\":\"vpc-s2\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":\"tgw-1\"},"
		"{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s2\"}]},"
		"{\"RouteTableId\":\"rtb-x\",\"VpcId\":\"vpc-x\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":\"tgw-2\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s2\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-s2\","
		"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-s2\"]}]}";
	(void)state;
	struct topo *t = topo_json(json);
	struct agg *a = agg_new();
	row_of(a, "vpc-h", "us-east-1", VANTAGE_NAT, SIDE_INTERNET, "subnet-h", "", PATH_NAT_AWS, "S3", "us-east-1",
	       "nat-h", DIR_EGRESS, GB(2));
	row_of(a, "vpc-h", "us-east-1", VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_AWS, "S3", "us-east-1", "nat-h",
	       DIR_EGRESS, GB(2));
	struct rec_input in = {a, t, P, 0, DAY};
	struct recs r;
	recommend(&in, &r, NULL);
	const struct rec_row *x = must(&r, "gateway-endpoints-in-other-vpcs", "S3");
	assert_non_null(strstr(x->reason, "By the topology, the VPC whose route tables send 0.0.0.0/0 to a "
					  "transit gateway attached to vpc-h, and not S3 to a gateway endpoint "
					  "of their own: vpc-s1 (account 222222222222: rtb-s1) ("));
	assert_null(strstr(x->reason, "vpc-s2"));
	assert_null(strstr(x->reason, "vpc-x"));
	/* the attachment's own subnet's table sends nothing of its own */
	assert_null(strstr(x->reason, "rtb-t1"));
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

static void test_cross_az_nat(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	/* subnet-b (us-east-1b) uses nat-a in us-east-1a: 100 GiB/day,
	 * 3043.75 GB/month crossing AZs at 0.01 each way = 60.875; a NAT
	 * gateway in us-east-1b costs (0.045 + 0.005 for its public IPv4
	 * address) x 730.5 = 36.525; saving 24.35 */
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(60));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_INTERNET, "", "", "nat-a", DIR_INGRESS, GB(40));
	/* same-AZ use is fine */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(500));
	run(a, &r);
	const struct rec_row *x = must(&r, "nat-gateway-per-az", "");
	assert_string_equal(x->target, "us-east-1b (uses nat-a in us-east-1a)");
	assert_int_equal(x->observed_bytes, GB(100));
	assert_usd(x->current_usd, 60.875);
	assert_usd(x->new_usd, 36.525);
	assert_usd(x->savings_usd, 24.35);
	size_t n = 0;
	for (size_t i = 0; i < r.n; i++)
		n += strcmp(r.rows[i].action, "nat-gateway-per-az") == 0;
	assert_int_equal(n, 1);
	recs_free(&r);
	agg_free(a);
}

/* The same, in a VPC that has a NAT gateway in us-east-1b already (and a
 * private one and a deleted one, which do not count): no new NAT
 * gateway's hours, the whole cross-AZ charge saved by a route change. */
static void test_cross_az_nat_with_local_nat(void **state)
{
	static const char two[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":["
		"{\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-pb\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.9.0/24\",\"AvailabilityZone\":\"us-east-1b\"}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\"},"
		"{\"NatGatewayId\":\"nat-priv\",\"SubnetId\":\"subnet-pb\",\"VpcId\":\"vpc-a\","
		" \"ConnectivityType\":\"private\"},"
		"{\"NatGatewayId\":\"nat-old\",\"SubnetId\":\"subnet-pb\",\"VpcId\":\"vpc-a\","
		" \"State\":\"deleted\"},"
		"{\"NatGatewayId\":\"nat-b\",\"SubnetId\":\"subnet-pb\",\"VpcId\":\"vpc-a\"}]}";
	(void)state;
	struct topo *t = topo_json(two);
	struct agg *a = agg_new();
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(100));
	struct rec_input in = {a, t, P, 0, DAY};
	struct recs r;
	recommend(&in, &r, NULL);
	const struct rec_row *x = must(&r, "nat-gateway-per-az", "");
	assert_usd(x->current_usd, 60.875);
	assert_usd(x->new_usd, 0);
	assert_usd(x->savings_usd, 60.875);
	assert_non_null(strstr(x->reason, "NAT gateway nat-b is already in us-east-1b"));
	recs_free(&r);
	topo_free(t);

	/* nat-b's subnet routes to nat-a, not to an internet gateway: nat-b
	 * cannot serve the internet, and a new NAT gateway is the advice;
	 * a route to an internet gateway makes it usable again */
	static const char *const defaults[] = {"\"NatGatewayId\":\"nat-a\"", "\"GatewayId\":\"igw-a\""};
	for (int igw = 0; igw < 2; igw++) {
		char routed[2048];
		snprintf(routed, sizeof(routed),
			 "%.*s,\"RouteTables\":[{\"RouteTableId\":\"rtb-pb\",\"VpcId\":\"vpc-a\","
			 "\"Associations\":[{\"SubnetId\":\"subnet-pb\"}],\"Routes\":["
			 "{\"DestinationCidrBlock\":\"0.0.0.0/0\",%s}]}]}",
			 (int)strlen(two) - 1, two, defaults[igw]);
		t = topo_json(routed);
		in.topo = t;
		recommend(&in, &r, NULL);
		x = must(&r, "nat-gateway-per-az", "");
		assert_int_equal(strstr(x->reason, "NAT gateway nat-b is already in us-east-1b") != NULL, igw);
		assert_int_equal(x->new_usd > 0, !igw);
		recs_free(&r);
		topo_free(t);
	}
	in.topo = NULL;

	/* a NAT gateway known only from its ENI (no describe-nat-gateways
	 * output) has the ENI's subnet's AZ */
	static const char eni_only[] =
		"{\"Subnets\":[{\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\","
		" \"AvailabilityZone\":\"us-east-1a\"}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-n\",\"SubnetId\":\"subnet-pa\","
		" \"VpcId\":\"vpc-a\",\"InterfaceType\":\"nat_gateway\",\"PrivateIpAddress\":\"10.0.0.9\","
		" \"Description\":\"Interface for NAT Gateway nat-a\"}]}";
	t = topo_json(eni_only);
	in.topo = t;
	recommend(&in, &r, NULL);
	x = must(&r, "nat-gateway-per-az", "");
	assert_string_equal(x->target, "us-east-1b (uses nat-a in us-east-1a)");
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

static void test_transit_gateway_pair(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	struct cls_result c;
	(void)state;
	memset(&c, 0, sizeof(c));
	c.vantage = VANTAGE_WORKLOAD;
	c.action = FL_ACCEPT;
	c.path = PATH_TGW;
	c.region = S("us-east-1");
	c.remote_region = S("us-east-1");
	c.via = S("tgw-1");
	/* egress from both ends: 20 + 10 GiB/day = 913.125 GB/month x 0.02
	 * = 18.2625; the ingress records of the same bytes do not count */
	c.direction = DIR_EGRESS;
	c.vpc = S("vpc-a");
	c.remote_vpc = S("vpc-b");
	agg_add(a, &c, 1, GB(20), 0, DAY);
	c.vpc = S("vpc-b");
	c.remote_vpc = S("vpc-a");
	agg_add(a, &c, 1, GB(10), 0, DAY);
	c.direction = DIR_INGRESS;
	agg_add(a, &c, 1, GB(20), 0, DAY);
	run(a, &r);
	const struct rec_row *x = must(&r, "peer-instead-of-transit-gateway", "");
	assert_string_equal(x->target, "vpc-a<->vpc-b");
	assert_int_equal(x->observed_bytes, GB(30));
	assert_usd(x->savings_usd, 18.2625);
	/* an upper bound: peering pays cross-AZ transfer, the transit
	 * gateway does not */
	assert_non_null(strstr(x->reason, "between AZs it pays cross-AZ transfer ($0.010/GB each way)"));
	assert_non_null(strstr(x->reason, "upper bound"));
	recs_free(&r);
	agg_free(a);
}

static void test_nat_eni_records_win(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	/* the workload says 10 GiB of DynamoDB, nat-a's own ENI 11 GiB: the
	 * ENI's figure is billed: 11 x 30.4375 x 0.045 = 15.06656250 */
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-a", DIR_EGRESS, GB(10));
	nat_eni(a, "DYNAMODB", GB(11));
	struct nat_costs nc;
	struct rec_input in = {a, T, P, 0, DAY};
	recommend(&in, &r, &nc);
	const struct rec_row *x = must(&r, "create-gateway-endpoint", "DYNAMODB");
	assert_usd(x->savings_usd, 15.0665625);
	assert_string_equal(x->cost_source, "nat-gateway-eni");
	assert_non_null(strstr(x->reason, "the workload records show 9.1% less."));
	assert_int_equal(nc.n, 1);
	assert_true(nc.v[0].from_eni);
	assert_usd(nc.v[0].hourly_usd, 36.525); /* (0.045 + 0.005 an address) x 730.5 */
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
}

/* The monthly GB of all the NAT gateways. */
static double nat_total_gb(const struct nat_costs *nc)
{
	double gb = 0;
	for (size_t i = 0; i < nc->n; i++)
		gb += nc->v[i].monthly_gb;
	return gb;
}

/* The cost of NAT gateway nat (the test fails when there is none). */
static const struct nat_cost *nat_named(const struct nat_costs *nc, const char *nat)
{
	static const struct nat_cost none;
	for (size_t i = 0; i < nc->n; i++)
		if (strcmp(nc->v[i].nat, nat) == 0)
			return &nc->v[i];
	fail_msg("no cost for %s", nat);
	return &none;
}

/* nat-b's own ENI (in us-east-1b) carrying subnet-b's traffic: the
 * internet side and the vpc side, bytes each. */
static void nat_b_sides(struct agg *a, enum path p, const char *svc, const char *svc_region, uint64_t bytes)
{
	vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pb", "", p, svc, svc_region, "nat-b", DIR_EGRESS,
		    bytes);
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-b", "us-east-1b", p, svc, svc_region, "nat-b",
		    DIR_INGRESS, bytes);
}

/* The route tables say subnet-b goes through nat-a, but nat-b's ENI
 * records show its traffic (the routes changed since the topology was
 * described): nat-a's cost from workload records leaves it out, the
 * endpoint row counts it once, and no cross-AZ row follows the stale
 * route. */
static void test_traffic_seen_at_another_nat(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	struct nat_costs nc;
	(void)state;
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	nat_b_sides(a, PATH_NAT_AWS, "S3", "us-east-1", GB(1));
	struct rec_input in = {a, T, P, 0, DAY};
	recommend(&in, &r, &nc);
	assert_false(nat_named(&nc, "nat-a")->from_eni);
	assert_int_equal(nat_named(&nc, "nat-a")->moved_bytes, GB(1));
	assert_true(nat_named(&nc, "nat-a")->monthly_gb == 0);
	assert_usd(nat_total_gb(&nc), 30.4375);
	const struct rec_row *x = must(&r, "associate-gateway-endpoint", "S3");
	assert_string_equal(x->target, "rtb-b");
	assert_int_equal(x->observed_bytes, GB(1));
	assert_null(find(&r, "nat-gateway-per-az", ""));
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);

	/* both routes current: S3 through nat-a (not logged), the rest
	 * through nat-b, whose vpc side shows only that rest: nothing moves */
	a = agg_new();
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_INTERNET, "", "", "nat-b", DIR_EGRESS, GB(2));
	nat_b_sides(a, PATH_NAT_INTERNET, "", "", GB(2));
	in.agg = a;
	recommend(&in, &r, &nc);
	assert_int_equal(nat_named(&nc, "nat-a")->moved_bytes, 0);
	assert_int_equal(must(&r, "associate-gateway-endpoint", "S3")->observed_bytes, GB(1));
	must(&r, "nat-gateway-per-az", "");
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
	/* half stale: nat-b shows 1 GiB more from subnet-b than its own
	 * workload rows: 1 of nat-a's 3 GiB moves */
	a = agg_new();
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(3));
	nat_b_sides(a, PATH_NAT_AWS, "S3", "us-east-1", GB(1));
	in.agg = a;
	recommend(&in, &r, &nc);
	assert_int_equal(nat_named(&nc, "nat-a")->moved_bytes, GB(1));
	assert_int_equal(must(&r, "associate-gateway-endpoint", "S3")->observed_bytes, GB(3));
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
	/* by service: nat-b shows subnet-b's S3, not its DynamoDB, which
	 * stays nat-a's (DynamoDB's row sorts first, and is not taken) */
	a = agg_new();
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	nat_b_sides(a, PATH_NAT_AWS, "S3", "us-east-1", GB(1));
	in.agg = a;
	recommend(&in, &r, &nc);
	assert_usd(nat_named(&nc, "nat-a")->monthly_gb, 30.4375);
	assert_int_equal(must(&r, "associate-gateway-endpoint", "S3")->observed_bytes, GB(1));
	assert_int_equal(must(&r, "create-gateway-endpoint", "DYNAMODB")->observed_bytes, GB(1));
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
	/* nat-b's vpc side names no service (no pkt-dstaddr): it still
	 * takes the subnet's traffic; and its DynamoDB from the workload
	 * records (its ENI shows none) is counted beside what moved to it */
	for (int unattributed = 0; unattributed < 2; unattributed++) {
		a = agg_new();
		wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
		wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-b", DIR_EGRESS,
		   unattributed ? 0 : GB(1));
		vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pb", "", PATH_NAT_AWS, "S3", "us-east-1",
			    "nat-b", DIR_EGRESS, GB(1));
		vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-b", "us-east-1b",
			    unattributed ? PATH_NAT_UNATTRIBUTED : PATH_NAT_AWS, unattributed ? "" : "S3",
			    unattributed ? "" : "us-east-1", "nat-b", DIR_INGRESS, GB(1));
		in.agg = a;
		recommend(&in, &r, &nc);
		assert_usd(nat_total_gb(&nc), unattributed ? 30.4375 : 2 * 30.4375);
		assert_int_equal(must(&r, "associate-gateway-endpoint", "S3")->observed_bytes, GB(1));
		nat_costs_free(&nc);
		recs_free(&r);
		agg_free(a);
	}
	/* nat-b's S3 is its own route's and its vpc side names it; the
	 * rest of its vpc side names no service and is nat-a's stale
	 * internet traffic: nat-b's own S3 is not taken twice from it */
	a = agg_new();
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-b", DIR_EGRESS, GB(1));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pb", "", PATH_NAT_AWS, "S3", "us-east-1", "nat-b",
		    DIR_EGRESS, GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pb", "", PATH_NAT_INTERNET, "", "", "nat-b",
		    DIR_EGRESS, GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1",
		    "nat-b", DIR_INGRESS, GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-b", "us-east-1b", PATH_NAT_UNATTRIBUTED, "", "", "nat-b",
		    DIR_INGRESS, GB(1));
	in.agg = a;
	recommend(&in, &r, &nc);
	assert_usd(nat_total_gb(&nc), 2 * 30.4375);
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
	/* the same, nat-b's internet side showing only its own S3 (its logs
	 * miss the rest): the moved GiB leaves nat-a and still counts, at
	 * nat-b, from the workload records */
	a = agg_new();
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-b", DIR_EGRESS, GB(1));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pb", "", PATH_NAT_AWS, "S3", "us-east-1", "nat-b",
		    DIR_EGRESS, GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-b", "us-east-1b", PATH_NAT_UNATTRIBUTED, "", "", "nat-b",
		    DIR_INGRESS, GB(2));
	in.agg = a;
	recommend(&in, &r, &nc);
	assert_usd(nat_total_gb(&nc), 2 * 30.4375);
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
}

/* Centralized egress: nat-a's internet side shows 4 GiB/day of DynamoDB,
 * its vpc side 1 GiB from subnet-a and 3 GiB from workloads of other VPCs
 * (rows without a subnet). An endpoint in vpc-a saves only subnet-a's
 * part: 1 x 30.4375 x 0.045 = $1.36968750 on rtb-a; the other VPCs' part
 * is a row of its own: 3 x 30.4375 x 0.045 = $4.10906250. */
static void test_nat_traffic_from_other_vpcs(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	nat_eni(a, "DYNAMODB", GB(4));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-a",
		    DIR_INGRESS, GB(3));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-a", "us-east-1a", PATH_NAT_AWS, "DYNAMODB",
		    "us-east-1", "nat-a", DIR_INGRESS, GB(1));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	run(a, &r);
	const struct rec_row *x = must(&r, "create-gateway-endpoint", "DYNAMODB");
	assert_string_equal(x->target, "rtb-a");
	assert_int_equal(x->observed_bytes, GB(1));
	assert_usd(x->savings_usd, 1.3696875);
	assert_string_equal(x->cost_source, "nat-gateway-eni");
	/* its own workloads agree with the ENI's bytes less the other VPCs' */
	assert_non_null(strstr(x->reason, "the workload records agree"));
	assert_non_null(strstr(x->reason, "Another 91.31 GB/month reaches the NAT gateway"));
	x = must(&r, "gateway-endpoints-in-other-vpcs", "DYNAMODB");
	assert_string_equal(x->vpc, "vpc-a");
	assert_string_equal(x->target, "");
	assert_int_equal(x->observed_bytes, GB(3));
	assert_usd(x->monthly_gb, 91.3125);
	assert_usd(x->current_usd, 4.1090625);
	assert_usd(x->new_usd, 0);
	assert_usd(x->savings_usd, 4.1090625);
	assert_string_equal(x->cost_source, "nat-gateway-eni");
	assert_non_null(strstr(x->reason, "in each of those VPCs"));
	recs_free(&r);
	agg_free(a);
	/* all of it from other VPCs, and vpc-a's S3 endpoint already on its
	 * route tables' senders: nothing to associate here, only the other
	 * VPCs' row */
	a = agg_new();
	nat_eni(a, "S3", GB(2));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS,
		    GB(2));
	run(a, &r);
	assert_null(find(&r, "associate-gateway-endpoint", "S3"));
	assert_null(find(&r, "create-gateway-endpoint", "S3"));
	x = must(&r, "gateway-endpoints-in-other-vpcs", "S3");
	assert_int_equal(x->observed_bytes, GB(2));
	assert_usd(x->savings_usd, 2.7393750);
	recs_free(&r);
	agg_free(a);
	/* AWS's default format (no pkt-* fields): the vpc side from other
	 * VPCs has no service, but no workload of vpc-a sent S3 through the
	 * NAT gateway: the ENI's S3 bytes are the other VPCs' */
	a = agg_new();
	nat_eni(a, "S3", GB(2));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_UNATTRIBUTED, "", "", "nat-a", DIR_INGRESS,
		    GB(2));
	run(a, &r);
	assert_null(find(&r, "create-gateway-endpoint", "S3"));
	x = must(&r, "gateway-endpoints-in-other-vpcs", "S3");
	assert_int_equal(x->observed_bytes, GB(2));
	assert_non_null(strstr(x->reason, "The records lack pkt-srcaddr/pkt-dstaddr"));
	assert_non_null(strstr(x->reason, "vpc-a's own workload records show none of it"));
	recs_free(&r);
	/* ... while a workload of vpc-a that sends S3 through it keeps its
	 * bytes in the endpoint row; the rest of the ENI's S3 is the other
	 * VPCs' (vpc-a's vpc side shows no sender its workload records lack) */
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	run(a, &r);
	x = must(&r, "associate-gateway-endpoint", "S3");
	assert_int_equal(x->observed_bytes, GB(1));
	x = must(&r, "gateway-endpoints-in-other-vpcs", "S3");
	assert_int_equal(x->observed_bytes, GB(1));
	assert_non_null(strstr(x->reason, "vpc-a's own workload records show 30.44 GB/month of it"));
	assert_non_null(strstr(x->reason, "do not show: 100%"));
	recs_free(&r);
	agg_free(a);
	/* vpc-a's workloads logged, sending only internet traffic through the
	 * NAT gateway (its vpc side's own senders all in the workload
	 * records): the ENI's S3 is all the other VPCs', none vpc-a's */
	a = agg_new();
	nat_eni(a, "S3", GB(2));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_UNATTRIBUTED, "", "", "nat-a", DIR_INGRESS,
		    GB(2));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-a", "us-east-1a", PATH_NAT_UNATTRIBUTED, "", "",
		    "nat-a", DIR_INGRESS, GB(3));
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(3));
	run(a, &r);
	assert_null(find(&r, "create-gateway-endpoint", "S3"));
	assert_null(find(&r, "associate-gateway-endpoint", "S3"));
	x = must(&r, "gateway-endpoints-in-other-vpcs", "S3");
	assert_int_equal(x->observed_bytes, GB(2));
	recs_free(&r);
	agg_free(a);
	/* only the NAT gateway's ENI logged, default format: its vpc side
	 * shows vpc-a's own subnets sending 3/4 of what reaches it from
	 * inside, other VPCs 1/4: the S3 bytes split so, not all to the
	 * other VPCs */
	a = agg_new();
	nat_eni(a, "S3", GB(4));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_UNATTRIBUTED, "", "", "nat-a", DIR_INGRESS,
		    GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-a", "us-east-1a", PATH_NAT_UNATTRIBUTED, "", "",
		    "nat-a", DIR_INGRESS, GB(3));
	run(a, &r);
	x = must(&r, "gateway-endpoints-in-other-vpcs", "S3");
	assert_int_equal(x->observed_bytes, GB(1));
	assert_non_null(strstr(x->reason, "vpc-side traffic that those records do not show: 25%"));
	x = find(&r, "associate-gateway-endpoint", "S3");
	if (!x)
		x = must(&r, "create-gateway-endpoint", "S3");
	assert_int_equal(x->observed_bytes, GB(3));
	/* no record names the senders of S3: the tables of the subnets the
	 * vpc side shows, said so */
	assert_string_equal(x->target, "rtb-a");
	assert_non_null(strstr(x->reason, "No record names the senders"));
	recs_free(&r);
	agg_free(a);
}

/* A VPC whose region the topology does not give (its rows have none):
 * whether its service traffic stays in its region is unknown, so it gets
 * neither an endpoint nor a cross-region row. */
static void test_vpc_region_unknown(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	(void)state;
	row_of(a, "vpc-p", "", VANTAGE_NAT, SIDE_INTERNET, "", "", PATH_NAT_AWS, "DYNAMODB", "us-east-1",
	       "nat-p", DIR_EGRESS, GB(1));
	run(a, &r);
	assert_null(find(&r, "create-gateway-endpoint", "DYNAMODB"));
	assert_null(find(&r, "cross-region-service-traffic", "DYNAMODB"));
	recs_free(&r);
	agg_free(a);
}

/* nat-a's own ENI shows S3 but none of the DynamoDB traffic the workload
 * sent through it: that traffic rests on the workload records, and the
 * reason says so, rather than on zero bytes; nat-b, never logged, counts
 * from the workload records as always. nat-a's cost counts both, but
 * never more than either side shows in all: when its ENI records file the
 * same bytes under another service (here the internet, for records
 * without pkt-dst-aws-service), they are not counted twice. */
static void test_nat_eni_without_a_service(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	struct nat_costs nc;
	(void)state;
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-a", DIR_EGRESS, GB(2));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "DYNAMODB", "us-east-1", "nat-b", DIR_EGRESS, GB(1));
	wl(a, "subnet-b", "us-east-1b", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(3));
	nat_eni(a, "S3", GB(3));
	struct rec_input in = {a, T, P, 0, DAY};
	recommend(&in, &r, &nc);
	const struct rec_row *x = must(&r, "create-gateway-endpoint", "DYNAMODB");
	assert_int_equal(x->observed_bytes, GB(3));
	assert_usd(x->savings_usd, 3 * 30.4375 * 0.045);
	assert_string_equal(x->cost_source, "workload");
	assert_non_null(strstr(x->reason, "show none of this traffic"));
	x = must(&r, "associate-gateway-endpoint", "S3");
	assert_int_equal(x->observed_bytes, GB(3));
	assert_string_equal(x->cost_source, "nat-gateway-eni");
	assert_null(strstr(x->reason, "show none of this traffic"));
	/* nat-a: 3 GiB from its ENI plus the 2 GiB of DynamoDB it lacks */
	assert_int_equal(nc.n, 2);
	const struct nat_cost *na = nat_named(&nc, "nat-a");
	assert_true(na->from_eni);
	assert_int_equal(na->workload_only_bytes, GB(2));
	assert_usd(na->monthly_gb, 5 * 30.4375);
	nat_costs_free(&nc);
	recs_free(&r);

	/* the ENI files the 2 GiB of DynamoDB as internet traffic */
	vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pa", "", PATH_NAT_INTERNET, "", "", "nat-a",
		    DIR_EGRESS, GB(2));
	recommend(&in, &r, &nc);
	na = nat_named(&nc, "nat-a");
	assert_int_equal(na->eni_bytes, GB(5));
	assert_int_equal(na->workload_only_bytes, 0);
	assert_usd(na->monthly_gb, 5 * 30.4375);
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
}

/* "NAT gateways now": every NAT gateway of a VPC that records came from
 * costs its hours, traffic or not; one the topology gives as deleted
 * costs none (its records are from before); a VPC without records is
 * left out (its logs may not be here). And the summary's gap between
 * workload and ENI records leaves out other VPCs' bytes. */
static void test_nat_costs_idle_and_deleted(void **state)
{
	(void)state;
	struct topo *t = topo_json(
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"},"
		"  {\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.0.0/16\"}],"
		"\"Subnets\":["
		"{\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-pb\",\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"NatGateways\":["
		"{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"State\":\"available\"},"
		"{\"NatGatewayId\":\"nat-idle\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"State\":\"available\"},"
		"{\"NatGatewayId\":\"nat-old\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"State\":\"deleted\"},"
		"{\"NatGatewayId\":\"nat-gone\",\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"State\":\"failed\"},"
		"{\"NatGatewayId\":\"nat-b\",\"SubnetId\":\"subnet-pb\",\"VpcId\":\"vpc-b\",\"State\":\"available\"}]}");
	struct agg *a = agg_new();
	struct recs r;
	struct nat_costs nc;
	wl(a, "subnet-pa", "us-east-1a", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-pa", "us-east-1a", PATH_NAT_INTERNET, "", "", "nat-old", DIR_EGRESS, GB(2));
	/* nat-a's ENI: 3 GiB, 2 of them from workloads in other VPCs */
	vantage_row(a, VANTAGE_NAT, SIDE_INTERNET, "subnet-pa", "", PATH_NAT_INTERNET, "", "", "nat-a",
		    DIR_EGRESS, GB(3));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "", "", PATH_NAT_INTERNET, "", "", "nat-a", DIR_EGRESS, GB(2));
	struct rec_input in = {a, t, P, 0, DAY};
	recommend(&in, &r, &nc);
	assert_int_equal(nc.n, 3);
	int seen = 0;
	for (size_t i = 0; i < nc.n; i++) {
		const struct nat_cost *x = &nc.v[i];
		if (strcmp(x->nat, "nat-a") == 0) {
			seen |= 1;
			assert_usd(x->hourly_usd, 36.525);
			assert_int_equal(x->other_vpc_bytes, GB(2));
			assert_false(x->idle || x->gone);
		} else if (strcmp(x->nat, "nat-old") == 0) {
			seen |= 2;
			assert_true(x->gone);
			assert_usd(x->hourly_usd, 0);
			assert_usd(x->processing_usd, 2 * 30.4375 * 0.045);
		} else if (strcmp(x->nat, "nat-idle") == 0) {
			seen |= 4;
			assert_true(x->idle);
			assert_usd(x->hourly_usd, 36.525);
			assert_usd(x->processing_usd, 0);
		} else {
			fail_msg("unexpected %s", x->nat);
		}
	}
	assert_int_equal(seen, 7);
	nat_costs_free(&nc);
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

/* vpc-a with subnet-a (us-east-1a), whose table rtb-a sends 0.0.0.0/0 to
 * nat-a, plus more routes of rtb-a, then one gateway endpoint, as JSON
 * members of the endpoint (ServiceName, RouteTableIds, State...). */
#define ONE_SUBNET(routes, endpoint)                                                                     \
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"                                 \
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","       \
	"\"AvailabilityZone\":\"us-east-1a\"}],"                                                           \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-a\"}]," \
	" \"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}" routes "]}],"     \
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-g\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\"," \
	endpoint "}]}"

/* The recommendations for 1 GiB/day of svc from subnet-a through nat-a,
 * against the topology of json (the caller frees r). */
static void recs_of_one(const char *json, const char *svc, struct recs *r)
{
	struct topo *t = topo_json(json);
	struct agg *a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, svc, "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	struct rec_input in = {a, t, P, 0, DAY};
	recommend(&in, r, NULL);
	agg_free(a);
	topo_free(t);
}

/* describe-vpc-endpoints lists deleted endpoints for a while: one is not
 * in the model, so its service gets a create row, not an associate row
 * for an endpoint that no longer exists. */
static void test_deleted_gateway_endpoint(void **state)
{
	(void)state;
	static const char fmt[] =
		ONE_SUBNET("", "\"ServiceName\":\"com.amazonaws.us-east-1.dynamodb\",\"RouteTableIds\":[],\"State\":\"%s\"");
	static const char *const states[] = {"deleted", "Deleting", "failed", "rejected", "expired", "available"};
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		char json[2048];
		struct recs r;
		snprintf(json, sizeof(json), fmt, states[i]);
		recs_of_one(json, "DYNAMODB", &r);
		int live = strcmp(states[i], "available") == 0;
		if ((find(&r, "associate-gateway-endpoint", "DYNAMODB") != NULL) != live ||
		    (find(&r, "create-gateway-endpoint", "DYNAMODB") != NULL) == live)
			fail_msg("endpoint %s: wrong row", states[i]);
		recs_free(&r);
	}
}

/* Which route tables a gateway endpoint serves is what their routes
 * say: RouteTableIds naming a table without a route to the endpoint is a
 * stale description, and the table is the row's target (it was "(unknown)").
 * When every sender's table routes to it, nothing is to be saved, and the
 * reason says why (the prefix list's CIDRs missing, or the addresses
 * outside them); the bytes of tables routing to it are left out of a row
 * for the others. */
static void test_gateway_endpoint_association_by_routes(void **state)
{
	(void)state;
#define S3_EP "\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]"
	static const char stale[] = ONE_SUBNET("", S3_EP);
	static const char routed[] =
		ONE_SUBNET(",{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-g\"}", S3_EP);
#undef S3_EP
	struct recs r;
	recs_of_one(stale, "S3", &r);
	assert_string_equal(must(&r, "associate-gateway-endpoint", "S3")->target, "rtb-a");
	recs_free(&r);
	recs_of_one(routed, "S3", &r);
	const struct rec_row *x = must(&r, "associate-gateway-endpoint", "S3");
	assert_string_equal(x->target, "");
	assert_non_null(strstr(x->reason, "lacks the CIDRs of its prefix list"));
	/* nothing to associate: no saving */
	assert_int_equal(x->observed_bytes, GB(1));
	assert_true(x->current_usd > 0);
	assert_true(x->savings_usd == 0 && x->new_usd == x->current_usd);
	recs_free(&r);
	/* the list's CIDRs known: the addresses are outside them */
	static const char listed[] =
		"{\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"Cidrs\":[\"52.216.0.0/15\"]}],"
		"\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\","
		"\"CidrBlock\":\"10.0.2.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\","
		"\"Associations\":[{\"SubnetId\":\"subnet-a\"}],\"Routes\":[{\"DestinationCidrBlock\":"
		"\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"},{\"DestinationPrefixListId\":\"pl-s3\","
		"\"GatewayId\":\"vpce-g\"}]},{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-a\","
		"\"Associations\":[{\"SubnetId\":\"subnet-b\"}],\"Routes\":[{\"DestinationCidrBlock\":"
		"\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-g\",\"VpcEndpointType\":\"Gateway\","
		"\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.us-east-1.s3\"}]}";
	recs_of_one(listed, "S3", &r);
	x = must(&r, "associate-gateway-endpoint", "S3");
	assert_string_equal(x->target, "");
	assert_non_null(strstr(x->reason, "outside the CIDRs of the endpoint's prefix list"));
	assert_true(x->savings_usd == 0 && x->current_usd > 0);
	recs_free(&r);
	/* 1 GiB from associated rtb-a, 3 GiB from rtb-b: the row is rtb-b's */
	struct topo *t = topo_json(listed);
	struct agg *a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	wl(a, "subnet-b", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(3));
	struct rec_input in = {a, t, P, 0, DAY};
	recommend(&in, &r, NULL);
	x = must(&r, "associate-gateway-endpoint", "S3");
	assert_string_equal(x->target, "rtb-b");
	assert_int_equal(x->observed_bytes, GB(3));
	assert_true(x->savings_usd > 0 && x->savings_usd == x->current_usd);
	assert_non_null(strstr(x->reason, "Another 30.44 GB/month goes through the NAT gateway from route tables already associated"));
	recs_free(&r);
	agg_free(a);
	/* the NAT ENI's money, so every table's share by its vpc side, which
	 * sees the senders without flow logs too: rtb-a's workload records
	 * show 1 GiB of its 6, rtb-b's none of its 3 */
	a = agg_new();
	wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1",
		    "nat-a", DIR_INGRESS, GB(6));
	vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-b", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1",
		    "nat-a", DIR_INGRESS, GB(3));
	nat_eni(a, "S3", GB(9));
	in.agg = a;
	recommend(&in, &r, NULL);
	x = must(&r, "associate-gateway-endpoint", "S3");
	assert_string_equal(x->target, "rtb-b");
	assert_int_equal(x->observed_bytes, GB(3));
	recs_free(&r);
	agg_free(a);
	/* rtb-b sends through nat-b, which has no ENI records: its share is
	 * its workload records', beside rtb-a's on nat-a's vpc side */
	{
		char two_nats[4096];
		const char *at = strstr(listed, "\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}]");
		assert_non_null(at);
		snprintf(two_nats, sizeof(two_nats), "%.*s\"0.0.0.0/0\",\"NatGatewayId\":\"nat-b\"}]}]%s",
			 (int)(at - listed), listed, at + strlen("\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}]"));
		struct topo *t2 = topo_json(two_nats);
		a = agg_new();
		wl(a, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
		vantage_row(a, VANTAGE_NAT, SIDE_VPC, "subnet-a", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1",
			    "nat-a", DIR_INGRESS, GB(1));
		nat_eni(a, "S3", GB(1));
		wl(a, "subnet-b", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-b", DIR_EGRESS, GB(4));
		struct rec_input in2 = {a, t2, P, 0, DAY};
		recommend(&in2, &r, NULL);
		x = must(&r, "associate-gateway-endpoint", "S3");
		assert_string_equal(x->target, "rtb-b");
		assert_int_equal(x->observed_bytes, GB(4));
		recs_free(&r);
		agg_free(a);
		topo_free(t2);
	}
	/* all of an odd count from rtb-b: all of it, not a byte less */
	a = agg_new();
	wl(a, "subnet-b", "us-east-1a", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, 524645735121u);
	in.agg = a;
	recommend(&in, &r, NULL);
	x = must(&r, "associate-gateway-endpoint", "S3");
	assert_int_equal(x->observed_bytes, 524645735121u);
	assert_null(strstr(x->reason, "Another"));
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

/* A sender's subnet the topology lacks (made after it was described) is
 * routed by the VPC's main table: that is the endpoint row's target. */
static void test_endpoint_target_of_unlisted_subnet(void **state)
{
	static const char json[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-m\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}]}";
	(void)state;
	struct topo *t = topo_json(json);
	struct agg *a = agg_new();
	struct recs r;
	wl(a, "subnet-new", "", PATH_NAT_AWS, "S3", "us-east-1", "nat-a", DIR_EGRESS, GB(1));
	struct rec_input in = {a, t, P, 0, DAY};
	recommend(&in, &r, NULL);
	assert_string_equal(must(&r, "create-gateway-endpoint", "S3")->target, "rtb-m");
	recs_free(&r);
	agg_free(a);
	topo_free(t);
}

static void test_low_confidence_and_peering(void **state)
{
	struct agg *a = agg_new();
	struct recs r;
	struct cls_result c;
	(void)state;
	memset(&c, 0, sizeof(c));
	c.vantage = VANTAGE_WORKLOAD;
	c.direction = DIR_EGRESS;
	c.action = FL_ACCEPT;
	c.path = PATH_UNROUTABLE;
	c.reason = REASON_PEERING_NOT_TRANSITIVE;
	c.vpc = S("vpc-a");
	c.region = S("us-east-1");
	c.remote_vpc = S("vpc-c");
	c.via = S("pcx-ab");
	agg_add(a, &c, 1, 1000, 0, 600);
	struct rec_input in = {a, T, P, 0, 600};
	recommend(&in, &r, NULL);
	const struct rec_row *x = must(&r, "add-peering-connection", "");
	assert_string_equal(x->target, "vpc-a<->vpc-c");
	assert_string_equal(x->confidence, "low");
	assert_non_null(strstr(x->reason, "pcx-ab"));
	assert_non_null(strstr(x->reason, "Low confidence"));
	recs_free(&r);
	agg_free(a);
	/* addresses outside every VPC: no VPC to peer with (the row told
	 * vpc-a to peer with itself) */
	a = agg_new();
	c.remote_vpc = S("");
	agg_add(a, &c, 1, 1000, 0, 600);
	in.agg = a;
	recommend(&in, &r, NULL);
	assert_null(find(&r, "add-peering-connection", ""));
	x = must(&r, "route-beyond-peering", "");
	assert_string_equal(x->target, "pcx-ab");
	assert_null(strstr(x->reason, "Peer vpc-a with"));
	assert_non_null(strstr(x->reason, "outside its peer VPC and every VPC of the topology"));
	recs_free(&r);
	agg_free(a);
	/* addresses two VPCs hold: no one VPC to peer with either */
	a = agg_new();
	c.remote_vpc = S(REMOTE_VPC_AMBIGUOUS);
	agg_add(a, &c, 1, 1000, 0, 600);
	in.agg = a;
	recommend(&in, &r, NULL);
	assert_null(find(&r, "add-peering-connection", ""));
	x = must(&r, "route-beyond-peering", "");
	assert_string_equal(x->target, "pcx-ab");
	assert_non_null(strstr(x->reason, "which several VPCs of the topology hold"));
	recs_free(&r);
	agg_free(a);
	/* a transit gateway is advised for three pairs of VPCs or more: not
	 * for one pair beside groups of no pair, nor for one pair through
	 * three peering connections */
	static const char *const vias[] = {"pcx-1", "pcx-2", "pcx-3"};
	static const char *const peers[3][3] = {{"vpc-c", "", REMOTE_VPC_AMBIGUOUS},
						 {"vpc-c", "vpc-c", "vpc-c"},
						 {"vpc-c", "vpc-d", "vpc-e"}};
	for (int k = 0; k < 3; k++) {
		a = agg_new();
		for (int i = 0; i < 3; i++) {
			c.via = S(vias[i]);
			c.remote_vpc = S(peers[k][i]);
			agg_add(a, &c, 1, 1000, 0, 600);
		}
		in.agg = a;
		recommend(&in, &r, NULL);
		x = must(&r, "add-peering-connection", "");
		assert_int_equal(strstr(x->reason, "attach them to a transit gateway") != NULL, k == 2);
		recs_free(&r);
		agg_free(a);
	}
	c.via = S("pcx-ab");
}

static void test_pricing_csv_overrides(void **state)
{
	static const char csv[] = "region,item,usd\r\n# a comment\r\nus-east-1,nat_gateway_gb,0.05\r\n"
				  "\"xx-test-1\",transit_gateway_gb,0.03\r\n";
	static const char bad[] = "region,item,usd\nus-east-1,nat_gateway_gb,0.05\nus-east-1,nat_gb,1\n";
	struct prices *p = prices_new();
	struct diag d;
	double v;
	(void)state;
	assert_int_equal(pricing_load_buffer(p, "p.csv", csv, strlen(csv), &d), 0);
	assert_true(prices_get(p, "us-east-1", PRICE_NAT_GB, &v));
	assert_usd(v, 0.05);
	assert_true(prices_get(p, "xx-test-1", PRICE_TGW_GB, &v));
	assert_usd(v, 0.03);
	assert_true(prices_get(p, "us-east-1", PRICE_NAT_HOUR, &v)); /* untouched */
	assert_usd(v, 0.045);
	int fb;
	assert_usd(prices_for(p, "nowhere-1", PRICE_NAT_HOUR, &fb), 0.045);
	assert_true(fb);
	assert_int_equal(pricing_load_buffer(p, "bad.csv", bad, strlen(bad), &d), PRICING_E_ROW);
	assert_string_equal(d.file, "bad.csv");
	assert_int_equal(d.line, 3);
	assert_int_equal(d.column, 2);
	assert_non_null(strstr(d.msg, "nat_gb"));
	/* prices: non-negative, finite and at most $1,000,000 (larger ones
	 * made monthly sums infinite, and JSON has no inf) */
	static const char *const not_prices[] = {"-0.01", "inf", "nan", "1e300", "1000000.01", "", "0.05x",
						 "0x10", "0X1p3", "1e-2", "+0.05", "-0", "0.0.5"};
	for (size_t i = 0; i < sizeof(not_prices) / sizeof(not_prices[0]); i++) {
		char row[96];
		snprintf(row, sizeof(row), "region,item,usd\nus-east-1,nat_gateway_gb,%s\n", not_prices[i]);
		assert_int_equal(pricing_load_buffer(p, "x.csv", row, strlen(row), &d), PRICING_E_ROW);
		assert_int_equal(d.line, 2);
		assert_int_equal(d.column, 3);
	}
	/* region names as AWS spells them: a misspelt one would add a
	 * region no VPC has, and its prices would go unused silently */
	static const char *const not_regions[] = {"us-east1", "US-EAST-1", "useast-1", "us-east-",
						  "us--east-1", "u-east-1", ""};
	for (size_t i = 0; i < sizeof(not_regions) / sizeof(not_regions[0]); i++) {
		char row[96];
		snprintf(row, sizeof(row), "region,item,usd\n\"%s\",nat_gateway_gb,0.05\n", not_regions[i]);
		assert_int_equal(pricing_load_buffer(p, "r.csv", row, strlen(row), &d), PRICING_E_ROW);
		assert_int_equal(d.column, 1);
	}
	static const char *const regions[] = {"us-gov-west-1", "us-isob-east-1", "ap-southeast-5", "cn-north-1",
					      "eusc-de-east-1"};
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		char row[96];
		snprintf(row, sizeof(row), "region,item,usd\n%s,nat_gateway_gb,0.05\n", regions[i]);
		assert_int_equal(pricing_load_buffer(p, "r.csv", row, strlen(row), &d), 0);
	}
	static const char top[] = "region,item,usd\nus-east-1,nat_gateway_gb,1000000\n";
	assert_int_equal(pricing_load_buffer(p, "top.csv", top, strlen(top), &d), 0);
	/* decimals as written; spaces around a value are libcsv's to drop */
	static const char forms[] = "region,item,usd\nus-east-1,nat_gateway_gb, .045 \nus-east-1,cross_az_gb,00.02\n";
	assert_int_equal(pricing_load_buffer(p, "f.csv", forms, strlen(forms), &d), 0);
	assert_true(prices_get(p, "us-east-1", PRICE_NAT_GB, &v));
	assert_usd(v, 0.045);
	assert_true(prices_get(p, "us-east-1", PRICE_CROSS_AZ_GB, &v));
	assert_usd(v, 0.02);
	/* one figure per region and item: a second is refused, naming the
	 * first's line (else the last would win, silently) */
	static const char twice[] = "region,item,usd\nus-east-1,nat_gateway_gb,0.04\n# x\n"
				    "eu-west-1,nat_gateway_gb,0.05\nus-east-1,nat_gateway_gb,0.04\n";
	assert_int_equal(pricing_load_buffer(p, "t.csv", twice, strlen(twice), &d), PRICING_E_ROW);
	assert_int_equal(d.line, 5);
	assert_int_equal(d.column, 1);
	assert_string_equal(d.msg, "us-east-1 nat_gateway_gb given again (first on line 2)");
	/* a UTF-8 byte order mark before the header is read past */
	static const char bom[] = "\xef\xbb\xbfregion,item,usd\nus-east-1,nat_gateway_gb,0.041\n";
	assert_int_equal(pricing_load_buffer(p, "b.csv", bom, strlen(bom), &d), 0);
	assert_true(prices_get(p, "us-east-1", PRICE_NAT_GB, &v));
	assert_usd(v, 0.041);
	prices_free(p);
}

/* The built-in table is the one docs/prices.md shows: every cell of its
 * table, region by region, and no region of the code missing there. */
static void test_builtin_prices_match_docs(void **state)
{
	(void)state;
	FILE *f = fopen(PRICES_MD, "r");
	assert_non_null(f);
	struct prices *p = prices_new();
	char line[1024];
	int rows = 0, in_table = 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "| region |", 10) == 0) {
			in_table = 1;
			continue;
		}
		if (!in_table || strncmp(line, "|---", 4) == 0)
			continue;
		if (line[0] != '|')
			break;
		char region[64];
		double v[NPRICE_ITEMS];
		int n = sscanf(line, "| %63s | %lf | %lf | %lf | %lf | %lf | %lf | %lf | %lf |", region, &v[0],
			       &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
		assert_int_equal(n, 1 + NPRICE_ITEMS);
		for (int item = 0; item < NPRICE_ITEMS; item++) {
			double usd = -1;
			assert_int_equal(prices_get(p, region, item, &usd), 1);
			if (fabs(usd - v[item]) > 1e-12)
				fail_msg("%s %s: the code has %g, docs/prices.md %g", region, price_item_name(item),
					 usd, v[item]);
		}
		rows++;
	}
	fclose(f);
	int regions = 0;
	while (prices_builtin_regions[regions])
		regions++;
	assert_int_equal(rows, regions);
	/* a pricing CSV giving one figure of a new region: its other
	 * figures are us-east-1's */
	prices_set(p, "ap-southeast-2", PRICE_NAT_GB, 0.059);
	int fallback = 0;
	assert_true(fabs(prices_for(p, "ap-southeast-2", PRICE_NAT_GB, &fallback) - 0.059) < 1e-12);
	assert_false(fallback);
	assert_true(fabs(prices_for(p, "ap-southeast-2", PRICE_NAT_HOUR, &fallback) - 0.045) < 1e-12);
	assert_true(fallback);
	prices_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gateway_endpoint_create_and_associate),
		cmocka_unit_test(test_gateway_endpoint_per_route_table),
		cmocka_unit_test(test_long_target_list),
		cmocka_unit_test(test_nat_public_addresses),
		cmocka_unit_test(test_gateway_endpoint_for_internet_gateway_traffic),
		cmocka_unit_test(test_interface_endpoint_positive_and_below_break_even),
		cmocka_unit_test(test_rows_without_action_are_priced),
		cmocka_unit_test(test_amazon_one_row_per_vpc),
		cmocka_unit_test(test_cross_region_s3_gets_no_gateway_endpoint),
		cmocka_unit_test(test_cross_region_s3_interface_endpoint),
		cmocka_unit_test(test_cross_region_other_service),
		cmocka_unit_test(test_interface_endpoint_other_vpcs),
		cmocka_unit_test(test_other_vpcs_named),
		cmocka_unit_test(test_cross_az_nat),
		cmocka_unit_test(test_cross_az_nat_with_local_nat),
		cmocka_unit_test(test_transit_gateway_pair),
		cmocka_unit_test(test_nat_eni_records_win),
		cmocka_unit_test(test_traffic_seen_at_another_nat),
		cmocka_unit_test(test_nat_traffic_from_other_vpcs),
		cmocka_unit_test(test_vpc_region_unknown),
		cmocka_unit_test(test_nat_eni_without_a_service),
		cmocka_unit_test(test_endpoint_target_of_unlisted_subnet),
		cmocka_unit_test(test_low_confidence_and_peering),
		cmocka_unit_test(test_nat_costs_idle_and_deleted),
		cmocka_unit_test(test_deleted_gateway_endpoint),
		cmocka_unit_test(test_gateway_endpoint_association_by_routes),
		cmocka_unit_test(test_pricing_csv_overrides),
		cmocka_unit_test(test_builtin_prices_match_docs),
		cmocka_unit_test(test_use_gateway_endpoint_without_topology),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
