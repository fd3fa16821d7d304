/* SPDX-License-Identifier: MIT */
/*
 * The classifier against shared/spec/paths.md: one scenario per row of the
 * route decision table, per vantage, and per rule of sections 2 to 8. Each
 * scenario builds a small topology from AWS CLI JSON and a record from a
 * flow log line, and checks the row the record becomes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include <cmocka.h>

#include "agg.h"
#include "analysis.h"
#include "classify.h"
#include "topo.h"
#include "topology_json.h"

/* The estate used by most scenarios.
 * vpc-a 10.0.0.0/16 (acct 111111111111, us-east-1): subnet-pub 10.0.0.0/24
 *   (main table rtb-main: local, igw), subnet-priv 10.0.1.0/24 (rtb-priv:
 *   local, NAT, peering, tgw, vgw, gateway endpoint via prefix list, ...),
 *   subnet-b 10.0.2.0/24 in us-east-1b (rtb-b: 0.0.0.0/0 to nat-1 too).
 * vpc-b 10.1.0.0/16 same account, peered with vpc-a by pcx-ab.
 * vpc-c 10.2.0.0/16 in eu-west-1, peered with vpc-b only (pcx-bc).
 * vpc-x 10.9.0.0/16 owned by 222222222222, overlapping vpc-y 10.9.0.0/16
 *   of the same account 222222222222: ambiguous subnets.
 */
static const char estate[] =
	"{\"Vpcs\":["
	"{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.0.0.0/16\","
	" \"Ipv6CidrBlockAssociationSet\":[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa00::/56\"}]},"
	"{\"VpcId\":\"vpc-b\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.1.0.0/16\"},"
	"{\"VpcId\":\"vpc-c\",\"OwnerId\":\"333333333333\",\"CidrBlock\":\"10.2.0.0/16\"},"
	"{\"VpcId\":\"vpc-x\",\"OwnerId\":\"222222222222\",\"CidrBlock\":\"10.9.0.0/16\"},"
	"{\"VpcId\":\"vpc-y\",\"OwnerId\":\"222222222222\",\"CidrBlock\":\"10.9.0.0/16\"}],"
	"\"Subnets\":["
	"{\"SubnetId\":\"subnet-pub\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\","
	" \"AvailabilityZone\":\"us-east-1a\",\"AvailabilityZoneId\":\"use1-az1\"},"
	"{\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
	" \"Ipv6CidrBlockAssociationSet\":[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa01::/64\"}],"
	" \"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\","
	" \"AvailabilityZone\":\"us-east-1b\"},"
	"{\"SubnetId\":\"subnet-vb\",\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.0.0/24\","
	" \"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-vc\",\"VpcId\":\"vpc-c\",\"CidrBlock\":\"10.2.0.0/24\","
	" \"AvailabilityZone\":\"eu-west-1a\"},"
	"{\"SubnetId\":\"subnet-x\",\"VpcId\":\"vpc-x\",\"CidrBlock\":\"10.9.1.0/24\","
	" \"AvailabilityZone\":\"us-west-2a\"},"
	"{\"SubnetId\":\"subnet-y\",\"VpcId\":\"vpc-y\",\"CidrBlock\":\"10.9.1.0/24\","
	" \"AvailabilityZone\":\"us-west-2b\"}],"
	"\"RouteTables\":["
	"{\"RouteTableId\":\"rtb-main\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"  {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-1\"}]},"
	"{\"RouteTableId\":\"rtb-priv\",\"VpcId\":\"vpc-a\","
	" \"Associations\":[{\"Main\":false,\"SubnetId\":\"subnet-priv\"}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"  {\"DestinationIpv6CidrBlock\":\"2600:1f18:aaaa:aa00::/56\",\"GatewayId\":\"local\"},"
	"  {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"},"
	"  {\"DestinationIpv6CidrBlock\":\"::/0\",\"EgressOnlyInternetGatewayId\":\"eigw-1\"},"
	"  {\"DestinationIpv6CidrBlock\":\"64:ff9b::/96\",\"NatGatewayId\":\"nat-1\"},"
	"  {\"DestinationCidrBlock\":\"10.1.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ab\"},"
	"  {\"DestinationCidrBlock\":\"10.2.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ab\"},"
	"  {\"DestinationCidrBlock\":\"10.50.0.0/16\",\"TransitGatewayId\":\"tgw-1\"},"
	"  {\"DestinationCidrBlock\":\"192.168.0.0/16\",\"GatewayId\":\"vgw-1\"},"
	"  {\"DestinationCidrBlock\":\"172.16.0.0/16\",\"NetworkInterfaceId\":\"eni-fw\"},"
	"  {\"DestinationCidrBlock\":\"172.17.0.0/16\",\"InstanceId\":\"i-fw\"},"
	"  {\"DestinationCidrBlock\":\"172.18.0.0/16\",\"GatewayId\":\"vpce-gwlb\"},"
	"  {\"DestinationCidrBlock\":\"172.19.0.0/16\",\"LocalGatewayId\":\"lgw-1\"},"
	"  {\"DestinationCidrBlock\":\"172.20.0.0/16\",\"NatGatewayId\":\"nat-gone\",\"State\":\"blackhole\"},"
	"  {\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"},"
	"  {\"DestinationCidrBlock\":\"52.216.4.0/24\",\"NatGatewayId\":\"nat-1\"},"
	"  {\"DestinationPrefixListId\":\"pl-ddb\",\"GatewayId\":\"vpce-ddb\"}]},"
	"{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-a\","
	" \"Associations\":[{\"SubnetId\":\"subnet-b\"}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"  {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"}]},"
	"{\"RouteTableId\":\"rtb-vb\",\"VpcId\":\"vpc-b\",\"Associations\":[{\"Main\":true}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"GatewayId\":\"local\"},"
	"  {\"DestinationCidrBlock\":\"10.0.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ab\"},"
	"  {\"DestinationCidrBlock\":\"10.2.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-bc\"}]},"
	"{\"RouteTableId\":\"rtb-x\",\"VpcId\":\"vpc-x\",\"Associations\":[{\"Main\":true}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"GatewayId\":\"local\"}]},"
	"{\"RouteTableId\":\"rtb-y\",\"VpcId\":\"vpc-y\",\"Associations\":[{\"Main\":true}],"
	" \"Routes\":[{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"GatewayId\":\"local\"},"
	"  {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-y\"}]}],"
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-pub\",\"VpcId\":\"vpc-a\","
	" \"ConnectivityType\":\"public\",\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":"
	" \"eni-1235b8ca123456789\",\"PrivateIp\":\"10.0.0.220\",\"PublicIp\":\"198.51.100.7\"}]}],"
	"\"VpcEndpoints\":["
	"{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-priv\"]},"
	"{\"VpcEndpointId\":\"vpce-ddb\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.dynamodb\",\"RouteTableIds\":[\"rtb-priv\"]},"
	"{\"VpcEndpointId\":\"vpce-gwlb\",\"VpcEndpointType\":\"GatewayLoadBalancer\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.vpce.us-east-1.vpce-svc-1\"},"
	"{\"VpcEndpointId\":\"vpce-sqs\",\"VpcEndpointType\":\"Interface\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.sqs\",\"SubnetIds\":[\"subnet-priv\"],"
	" \"NetworkInterfaceIds\":[\"eni-sqs\"]}],"
	"\"VpcPeeringConnections\":["
	"{\"VpcPeeringConnectionId\":\"pcx-ab\",\"Status\":{\"Code\":\"active\"},"
	" \"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"Region\":\"us-east-1\","
	"  \"CidrBlock\":\"10.0.0.0/16\"},"
	" \"AccepterVpcInfo\":{\"VpcId\":\"vpc-b\",\"OwnerId\":\"111111111111\",\"Region\":\"us-east-1\","
	"  \"CidrBlockSet\":[{\"CidrBlock\":\"10.1.0.0/16\"}]}},"
	"{\"VpcPeeringConnectionId\":\"pcx-bc\",\"Status\":{\"Code\":\"active\"},"
	" \"RequesterVpcInfo\":{\"VpcId\":\"vpc-b\",\"Region\":\"us-east-1\",\"CidrBlock\":\"10.1.0.0/16\"},"
	" \"AccepterVpcInfo\":{\"VpcId\":\"vpc-c\",\"Region\":\"eu-west-1\",\"CidrBlock\":\"10.2.0.0/16\"}}],"
	"\"TransitGatewayVpcAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-1\","
	" \"TransitGatewayId\":\"tgw-1\",\"VpcId\":\"vpc-a\",\"SubnetIds\":[\"subnet-priv\"]}],"
	"\"NetworkInterfaces\":["
	"{\"NetworkInterfaceId\":\"eni-1111aaaa2222bbbb3\",\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\","
	" \"InterfaceType\":\"interface\",\"PrivateIpAddress\":\"10.0.1.5\","
	" \"Ipv6Addresses\":[{\"Ipv6Address\":\"2600:1f18:aaaa:aa01::5\"}],"
	" \"Attachment\":{\"InstanceId\":\"i-01234567890123456\"}},"
	"{\"NetworkInterfaceId\":\"eni-sqs\",\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\","
	" \"InterfaceType\":\"vpc_endpoint\",\"PrivateIpAddresses\":[{\"PrivateIpAddress\":\"10.0.1.100\"}],"
	" \"RequesterManaged\":true,\"Description\":\"VPC Endpoint Interface vpce-sqs\"},"
	"{\"NetworkInterfaceId\":\"eni-tgw\",\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\","
	" \"InterfaceType\":\"transit_gateway\",\"PrivateIpAddress\":\"10.0.1.200\","
	" \"Description\":\"Network Interface for Transit Gateway Attachment tgw-attach-1\"}],"
	"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\","
	" \"Cidrs\":[\"52.216.0.0/15\",\"3.5.0.0/19\"]}]"
	"}";

static const char ranges[] =
	"{\"syncToken\":\"1\",\"createDate\":\"2026-08-22-00-00-00\",\"prefixes\":["
	"{\"ip_prefix\":\"52.216.0.0/15\",\"region\":\"us-east-1\",\"service\":\"AMAZON\",\"network_border_group\":\"us-east-1\"},"
	"{\"ip_prefix\":\"52.216.0.0/15\",\"region\":\"us-east-1\",\"service\":\"S3\",\"network_border_group\":\"us-east-1\"},"
	"{\"ip_prefix\":\"52.94.0.0/22\",\"region\":\"us-east-1\",\"service\":\"DYNAMODB\",\"network_border_group\":\"us-east-1\"},"
	"{\"ip_prefix\":\"52.94.0.0/16\",\"region\":\"us-east-1\",\"service\":\"AMAZON\",\"network_border_group\":\"us-east-1\"},"
	"{\"ip_prefix\":\"3.80.0.0/12\",\"region\":\"us-east-1\",\"service\":\"EC2\",\"network_border_group\":\"us-east-1\"},"
	"{\"ip_prefix\":\"3.80.0.0/12\",\"region\":\"us-east-1\",\"service\":\"AMAZON\",\"network_border_group\":\"us-east-1\"},"
	"{\"ip_prefix\":\"54.239.0.0/16\",\"region\":\"GLOBAL\",\"service\":\"ROUTE53\",\"network_border_group\":\"GLOBAL\"},"
	"{\"ip_prefix\":\"54.239.0.0/16\",\"region\":\"GLOBAL\",\"service\":\"CLOUDFRONT\",\"network_border_group\":\"GLOBAL\"},"
	"{\"ip_prefix\":\"54.239.0.0/16\",\"region\":\"GLOBAL\",\"service\":\"AMAZON\",\"network_border_group\":\"GLOBAL\"},"
	"{\"ip_prefix\":\"52.218.0.0/17\",\"region\":\"eu-west-1\",\"service\":\"S3\",\"network_border_group\":\"eu-west-1\"}],"
	"\"ipv6_prefixes\":["
	"{\"ipv6_prefix\":\"2600:1f18::/33\",\"region\":\"us-east-1\",\"service\":\"EC2\",\"network_border_group\":\"us-east-1\"}]}";

static struct topo *T;

static int setup(void **state)
{
	struct diag d;
	(void)state;
	T = topo_new();
	if (topo_load_buffer(T, "estate.json", estate, strlen(estate), &d) != 0) {
		fprintf(stderr, "estate: %s line %llu: %s\n", d.file, (unsigned long long)d.line, d.msg);
		return -1;
	}
	if (ipranges_load_buffer(T, "ranges.json", ranges, strlen(ranges), &d) != 0) {
		fprintf(stderr, "ranges: %s\n", d.msg);
		return -1;
	}
	return topo_finish(T);
}

static int teardown(void **state)
{
	(void)state;
	topo_free(T);
	return 0;
}

/* Classify one line in a layout; the line buffer must outlive the result. */
static char linebuf[1024];
static struct fl_record rec;

static void run(const char *fields, const char *line, struct cls_result *c)
{
	struct fl_layout lay;
	char err[128];
	assert_int_equal(fl_layout_from_spec(&lay, fields, strlen(fields), err, sizeof(err)), 0);
	snprintf(linebuf, sizeof(linebuf), "%s", line);
	assert_int_equal(fl_parse_line(&lay, linebuf, strlen(linebuf), &rec), 0);
	classify(T, &rec, c, NULL);
}

#define SV_EQ(sv, s)                                                             \
	do {                                                                     \
		char tmp_[256];                                                  \
		snprintf(tmp_, sizeof(tmp_), "%.*s", (int)(sv).len, (sv).p);     \
		assert_string_equal(tmp_, (s));                                  \
	} while (0)

/* workload flows with the ENI in the inventory: account, eni, src, dst */
static const char F6[] = "account-id interface-id srcaddr dstaddr packets bytes";

static void egress(const char *dst, struct cls_result *c)
{
	char line[256];
	snprintf(line, sizeof(line), "111111111111 eni-1111aaaa2222bbbb3 10.0.1.5 %s 1 100", dst);
	run(F6, line, c);
	assert_int_equal(c->vantage, VANTAGE_WORKLOAD);
	assert_int_equal(c->direction, DIR_EGRESS);
	SV_EQ(c->subnet, "subnet-priv");
	SV_EQ(c->vpc, "vpc-a");
	SV_EQ(c->region, "us-east-1");
	SV_EQ(c->az, "us-east-1a");
	SV_EQ(c->account, "111111111111");
}

static void test_local(void **state)
{
	struct cls_result c;
	(void)state;
	egress("10.0.2.9", &c);
	assert_int_equal(c.path, PATH_LOCAL);
	SV_EQ(c.via, "");
	SV_EQ(c.remote_vpc, "vpc-a");
	SV_EQ(c.service, "");
	assert_int_equal(c.reason, REASON_NONE);
}

static void test_interface_endpoint_by_local_route(void **state)
{
	struct cls_result c;
	(void)state;
	egress("10.0.1.100", &c);
	assert_int_equal(c.path, PATH_INTERFACE_ENDPOINT);
	SV_EQ(c.via, "vpce-sqs");
	SV_EQ(c.service, "SQS");
	SV_EQ(c.service_region, "us-east-1");
}

static void test_gateway_endpoint_prefix_list(void **state)
{
	struct cls_result c;
	(void)state;
	egress("52.216.9.9", &c); /* pl-s3 from PrefixLists */
	assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
	SV_EQ(c.via, "vpce-s3");
	SV_EQ(c.service, "S3");
	SV_EQ(c.service_region, "us-east-1");
	/* pl-ddb is not in PrefixLists: expanded from ip-ranges (DYNAMODB us-east-1) */
	egress("52.94.0.10", &c);
	assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
	SV_EQ(c.via, "vpce-ddb");
	SV_EQ(c.service, "DYNAMODB");
	/* 52.94.8.1 is AMAZON only, outside the DynamoDB /22: the NAT */
	egress("52.94.8.1", &c);
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.service, "AMAZON");
}

static void test_static_route_beats_prefix_list_longer_wins(void **state)
{
	struct cls_result c;
	(void)state;
	/* 52.216.4.0/24 -> nat-1 is longer than the /15 of pl-s3 */
	egress("52.216.4.4", &c);
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.via, "nat-1");
	SV_EQ(c.service, "S3");
}

static void test_equal_length_static_beats_prefix_list(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/24\","
		" \"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationPrefixListId\":\"pl-q\",\"GatewayId\":\"vpce-q\"},"
		"  {\"DestinationCidrBlock\":\"52.216.0.0/15\",\"NatGatewayId\":\"nat-q\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-q\",\"VpcEndpointType\":\"Gateway\","
		" \"VpcId\":\"vpc-q\",\"ServiceName\":\"com.amazonaws.us-east-1.s3\"}],"
		"\"PrefixLists\":[{\"PrefixListId\":\"pl-q\",\"Cidrs\":[\"52.216.0.0/15\"]}]}";
	struct topo *t = topo_new();
	struct diag d;
	struct fl_layout lay;
	struct cls_result c;
	char err[64], line[] = "10.0.0.5 52.216.1.1";
	(void)state;
	assert_int_equal(topo_load_buffer(t, "q.json", topo, strlen(topo), &d), 0);
	topo_finish(t);
	fl_layout_from_spec(&lay, "srcaddr dstaddr", 15, err, sizeof(err));
	assert_int_equal(fl_parse_line(&lay, line, strlen(line), &rec), 0);
	classify(t, &rec, &c, NULL);
	assert_int_equal(c.path, PATH_NAT_INTERNET); /* no ip-ranges here */
	SV_EQ(c.via, "nat-q");
	topo_free(t);
}

/* A topology from one JSON text, finished. */
static struct topo *topo_of(const char *json)
{
	struct topo *t = topo_new();
	struct diag d;
	assert_int_equal(topo_load_buffer(t, "q.json", json, strlen(json), &d), 0);
	topo_finish(t);
	return t;
}

/* Classify one line, of the layout spec names, against t (the record
 * stays in rec). */
static void classify_in(const struct topo *t, const char *spec, const char *line, struct cls_result *c)
{
	struct fl_layout lay;
	char err[128];
	assert_int_equal(fl_layout_from_spec(&lay, spec, strlen(spec), err, sizeof(err)), 0);
	assert_int_equal(fl_parse_line(&lay, line, strlen(line), &rec), 0);
	classify(t, &rec, c, NULL);
}

/* vpc-q 10.0.0.0/16 with subnet-q 10.0.0.0/24 in us-east-1a */
#define VPC_Q                                                                                          \
	"\"Vpcs\":[{\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/16\"}],"                             \
	"\"Subnets\":[{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/24\","   \
	" \"AvailabilityZone\":\"us-east-1a\"}],"
/* its main route table, with the local route only */
#define RTB_Q                                                                                          \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}]," \
	" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}],"

/* Whether explain's steps for the last record classify_in read hold
 * needle. */
static int traced(const struct topo *t, const char *needle)
{
	struct cls_trace tr;
	struct cls_result c;
	memset(&tr, 0, sizeof(tr));
	classify(t, &rec, &c, &tr);
	for (int i = 0; i < tr.n; i++)
		if (strstr(tr.step[i], needle))
			return 1;
	return 0;
}

/* AWS's route priority at equal prefix length: a static route, then a
 * prefix list, then a route propagated from a virtual private gateway,
 * whatever their order in Routes; a longer propagated route still wins. */
static void test_propagated_routes_lose_at_equal_length(void **state)
{
	static const char topo[] =
		"{" VPC_Q
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"172.16.0.0/12\",\"GatewayId\":\"vgw-q\","
		"   \"Origin\":\"EnableVgwRoutePropagation\"},"
		"  {\"DestinationCidrBlock\":\"172.16.0.0/12\",\"TransitGatewayId\":\"tgw-q\",\"Origin\":\"CreateRoute\"},"
		"  {\"DestinationCidrBlock\":\"172.20.0.0/16\",\"GatewayId\":\"vgw-q\","
		"   \"Origin\":\"EnableVgwRoutePropagation\"},"
		"  {\"DestinationCidrBlock\":\"52.94.0.0/22\",\"GatewayId\":\"vgw-q\","
		"   \"Origin\":\"EnableVgwRoutePropagation\"},"
		"  {\"DestinationPrefixListId\":\"pl-q\",\"GatewayId\":\"vpce-q\",\"Origin\":\"CreateRoute\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-q\",\"VpcEndpointType\":\"Gateway\","
		" \"VpcId\":\"vpc-q\",\"ServiceName\":\"com.amazonaws.us-east-1.dynamodb\"}],"
		"\"PrefixLists\":[{\"PrefixListId\":\"pl-q\",\"Cidrs\":[\"52.94.0.0/22\"]}]}";
	struct topo *t = topo_of(topo);
	struct cls_result c;
	(void)state;
	classify_in(t, "srcaddr dstaddr", "10.0.0.5 172.17.0.1", &c);
	assert_int_equal(c.path, PATH_TGW);
	SV_EQ(c.via, "tgw-q");
	/* explain names the route that lost, and why */
	assert_true(traced(t, "route 172.16.0.0/12 -> vgw-q [propagated] loses to it: a static route comes first"));
	classify_in(t, "srcaddr dstaddr", "10.0.0.5 172.20.0.1", &c);
	assert_int_equal(c.path, PATH_VPN_DX);
	SV_EQ(c.via, "vgw-q");
	classify_in(t, "srcaddr dstaddr", "10.0.0.5 52.94.1.1", &c);
	assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
	SV_EQ(c.via, "vpce-q");
	topo_free(t);
}

/* The service of a prefix ip-ranges lists twice prefers DYNAMODB over a
 * service whose name sorts first (paths.md 1); a gateway endpoint's
 * prefix list expanded from ip-ranges (no PrefixLists) still loses to a
 * static route of equal length (paths.md 4). A peer VPC missing from
 * Vpcs is still the remote VPC, in the peering's region for it. */
static void test_ranges_list_static_route_and_far_peer(void **state)
{
	static const char topo[] =
		"{" VPC_Q
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"  {\"DestinationPrefixListId\":\"pl-ddb\",\"GatewayId\":\"vpce-ddb\"},"
		"  {\"DestinationCidrBlock\":\"52.94.0.0/22\",\"NatGatewayId\":\"nat-q\"},"
		"  {\"DestinationCidrBlock\":\"10.8.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-q\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-ddb\",\"VpcEndpointType\":\"Gateway\","
		" \"VpcId\":\"vpc-q\",\"ServiceName\":\"com.amazonaws.us-east-1.dynamodb\"}],"
		"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-q\",\"Status\":{\"Code\":\"active\"},"
		" \"RequesterVpcInfo\":{\"VpcId\":\"vpc-q\",\"Region\":\"us-east-1\",\"CidrBlock\":\"10.0.0.0/16\"},"
		" \"AccepterVpcInfo\":{\"VpcId\":\"vpc-far\",\"OwnerId\":\"444444444444\",\"Region\":\"us-west-2\","
		"  \"CidrBlock\":\"10.8.0.0/16\"}}]}";
	static const char rng[] =
		"{\"syncToken\":\"1\",\"createDate\":\"2026-08-22-00-00-00\",\"prefixes\":["
		"{\"ip_prefix\":\"52.94.0.0/22\",\"region\":\"us-east-1\",\"service\":\"API_GATEWAY\",\"network_border_group\":\"us-east-1\"},"
		"{\"ip_prefix\":\"52.94.0.0/22\",\"region\":\"us-east-1\",\"service\":\"DYNAMODB\",\"network_border_group\":\"us-east-1\"},"
		"{\"ip_prefix\":\"52.94.4.0/22\",\"region\":\"us-east-1\",\"service\":\"DYNAMODB\",\"network_border_group\":\"us-east-1\"}],"
		"\"ipv6_prefixes\":[]}";
	struct topo *t = topo_new();
	struct diag d;
	struct cls_result c;
	(void)state;
	assert_int_equal(topo_load_buffer(t, "q.json", topo, strlen(topo), &d), 0);
	assert_int_equal(ipranges_load_buffer(t, "r.json", rng, strlen(rng), &d), 0);
	assert_int_equal(topo_finish(t), 0);
	classify_in(t, "srcaddr dstaddr", "10.0.0.5 52.94.0.10", &c);
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.via, "nat-q");
	SV_EQ(c.service, "DYNAMODB");
	classify_in(t, "srcaddr dstaddr", "10.0.0.5 52.94.4.1", &c);
	assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
	SV_EQ(c.via, "vpce-ddb");
	SV_EQ(c.service, "DYNAMODB");
	/* explain says where the list's CIDRs came from */
	assert_true(traced(t, "route: pl-ddb (its CIDRs not in the topology: the endpoint service's ranges in "
			      "ip-ranges.json) -> vpce-ddb"));
	classify_in(t, "srcaddr dstaddr", "10.0.0.5 10.8.1.1", &c);
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.via, "pcx-q");
	SV_EQ(c.remote_vpc, "vpc-far");
	SV_EQ(c.remote_region, "us-west-2");
	topo_free(t);
}

/* A peering pending acceptance: its accepter side has no CIDRs yet, so
 * nothing tells a peer address from one beyond: peering, not
 * peering-not-transitive; explain says it is not active. */
static void test_peering_without_peer_cidrs(void **state)
{
	static const char topo[] =
		"{" VPC_Q
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		" {\"DestinationCidrBlock\":\"10.7.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-p\"}]}],"
		"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-p\",\"Status\":{\"Code\":\"pending-acceptance\"},"
		" \"RequesterVpcInfo\":{\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/16\"},"
		" \"AccepterVpcInfo\":{\"VpcId\":\"vpc-p\",\"Region\":\"us-east-1\"}}]}";
	(void)state;
	struct topo *t = topo_of(topo);
	struct cls_result c;
	classify_in(t, "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
		    "2 111111111111 eni-x 10.0.0.5 10.7.1.1 40000 443 6 1 100 1 2 ACCEPT OK", &c);
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.remote_vpc, "vpc-p");
	SV_EQ(c.via, "pcx-p");
	assert_true(traced(t, "pcx-p is pending-acceptance, not active"));
	topo_free(t);
}

/* A route to a NAT gateway the topology gives as deleted (and private):
 * the path is still the route's, and explain says the gateway is gone,
 * and what a private one's far side is. */
static void test_route_to_deleted_nat(void **state)
{
	static const char topo[] =
		"{" VPC_Q
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		" {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-d\"}]}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-d\",\"VpcId\":\"vpc-q\",\"SubnetId\":\"subnet-q\","
		" \"State\":\"deleted\",\"ConnectivityType\":\"private\"},{\"NatGatewayId\":\"nat-l\",\"VpcId\":\"vpc-q\","
		" \"SubnetId\":\"subnet-q\",\"State\":\"available\"}]}";
	(void)state;
	struct topo *t = topo_of(topo);
	struct cls_result c;
	classify_in(t, "srcaddr dstaddr", "10.0.0.5 203.0.113.5", &c);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	SV_EQ(c.via, "nat-d");
	assert_true(traced(t, "NAT gateway nat-d is deleted or failed in the topology"));
	/* a private one says what its "internet" side is */
	assert_true(traced(t, "NAT gateway nat-d is private (ConnectivityType private)"));
	topo_free(t);
}

/* A page of describe-subnets missing: the interface names its subnet,
 * which Subnets lacks. The subnet is made from the interface (VPC, AZ), so
 * its records take the route table associated with it, not no-subnet. */
static void test_subnet_known_only_from_interfaces(void **state)
{
	static const char topo[] =
		"{" VPC_Q
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]},"
		"{\"RouteTableId\":\"rtb-p\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"SubnetId\":\"subnet-p\"}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		" {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-q\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-p\",\"SubnetId\":\"subnet-p\","
		" \"VpcId\":\"vpc-q\",\"AvailabilityZone\":\"us-east-1b\",\"PrivateIpAddress\":\"10.0.9.5\"}]}";
	(void)state;
	struct topo *t = topo_of(topo);
	assert_int_equal(t->implied_subnets, 1);
	struct cls_result c;
	classify_in(t, "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
		    "2 111111111111 eni-p 10.0.9.5 1.1.1.1 40000 443 6 1 100 1 2 ACCEPT OK", &c);
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	SV_EQ(c.subnet, "subnet-p");
	SV_EQ(c.az, "us-east-1b");
	SV_EQ(c.region, "us-east-1");
	SV_EQ(c.via, "igw-q");
	topo_free(t);
}

/* Without describe-vpcs the subnets' VPC is made from its route tables'
 * local routes: a record from the subnet is classified (not no-subnet),
 * and an address of the VPC outside every subnet is local. */
static void test_vpc_known_only_from_subnets(void **state)
{
	static const char topo[] =
		"{\"Subnets\":[{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/24\","
		" \"OwnerId\":\"111111111111\",\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"  {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-q\"}]}]}";
	static const char *const lines[2] = {"111111111111 10.0.0.5 198.51.100.1",
					     "111111111111 10.0.0.5 10.0.9.9"};
	static const enum path want[2] = {PATH_NAT_INTERNET, PATH_LOCAL};
	struct topo *t = topo_of(topo);
	struct cls_result c;
	(void)state;
	assert_int_equal(t->implied_vpcs, 1);
	for (int i = 0; i < 2; i++) {
		classify_in(t, "account-id srcaddr dstaddr", lines[i], &c);
		assert_int_equal(c.path, want[i]);
		SV_EQ(c.vpc, "vpc-q");
		SV_EQ(c.subnet, "subnet-q");
	}
	topo_free(t);
}

/* An interface endpoint known only from its ENI (describe-vpc-endpoints
 * not given): traffic to it and on it is the interface-endpoint path, via
 * the endpoint its description names, service unknown. */
static void test_endpoint_known_only_from_its_eni(void **state)
{
	static const char topo[] = "{" VPC_Q RTB_Q
				   "\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-ep\",\"SubnetId\":\"subnet-q\","
				   " \"VpcId\":\"vpc-q\",\"InterfaceType\":\"vpc_endpoint\",\"PrivateIpAddress\":\"10.0.0.50\","
				   " \"Description\":\"VPC Endpoint Interface vpce-0zz\"}]}";
	static const char *const lines[2] = {"eni-other 10.0.0.5 10.0.0.50", "eni-ep 10.0.0.5 10.0.0.50"};
	static const enum vantage want[2] = {VANTAGE_WORKLOAD, VANTAGE_IFACE_EP};
	struct topo *t = topo_of(topo);
	struct cls_result c;
	(void)state;
	for (int i = 0; i < 2; i++) {
		classify_in(t, "interface-id srcaddr dstaddr", lines[i], &c);
		assert_int_equal(c.vantage, want[i]);
		assert_int_equal(c.path, PATH_INTERFACE_ENDPOINT);
		SV_EQ(c.via, "vpce-0zz");
		SV_EQ(c.service, "");
	}
	topo_free(t);
}

/* An interface endpoint's service and region from its ServiceName, in
 * the shapes AWS gives them: an AWS service's, another partition's, an
 * endpoint service's (PrivateLink), SageMaker's aws.* names, and a name
 * without a region (S3 Multi-Region Access Points). */
static void test_endpoint_service_names(void **state)
{
	static const char *const names[][3] = {
		{"com.amazonaws.us-east-1.sqs", "SQS", "us-east-1"},
		{"com.amazonaws.eu-west-1.s3", "S3", "eu-west-1"},
		{"cn.com.amazonaws.cn-north-1.ecr.dkr", "ECR.DKR", "cn-north-1"},
		{"com.amazonaws.vpce.us-east-1.vpce-svc-0123abcd", "VPCE-SVC-0123ABCD", "us-east-1"},
		{"aws.sagemaker.us-east-1.notebook", "SAGEMAKER.NOTEBOOK", "us-east-1"},
		{"com.amazonaws.s3-global.accesspoint", "S3-GLOBAL.ACCESSPOINT", ""},
		{"com.amazonaws.us-gov-west-1.execute-api", "API_GATEWAY", "us-gov-west-1"},
		{"com.amazonaws.iam", "IAM", ""},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char topo[1024];
		snprintf(topo, sizeof(topo),
			 "{" VPC_Q RTB_Q "\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-1\",\"VpcEndpointType\":"
			 "\"Interface\",\"VpcId\":\"vpc-q\",\"ServiceName\":\"%s\",\"NetworkInterfaceIds\":"
			 "[\"eni-ep\"]}],\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-ep\",\"SubnetId\":"
			 "\"subnet-q\",\"VpcId\":\"vpc-q\",\"InterfaceType\":\"vpc_endpoint\","
			 "\"PrivateIpAddress\":\"10.0.0.50\"}]}",
			 names[i][0]);
		struct topo *t = topo_of(topo);
		struct cls_result c;
		classify_in(t, "interface-id srcaddr dstaddr", "eni-other 10.0.0.5 10.0.0.50", &c);
		assert_int_equal(c.path, PATH_INTERFACE_ENDPOINT);
		SV_EQ(c.service, names[i][1]);
		SV_EQ(c.service_region, names[i][2]);
		topo_free(t);
	}
}

/* An interface endpoint's ENI known only from VpcEndpoints (no
 * describe-network-interfaces): its rows take the endpoint's VPC, and
 * its subnet when it has one. */
static void test_endpoint_eni_without_inventory(void **state)
{
	static const char topo[] = "{" VPC_Q
				   "\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-1\",\"VpcEndpointType\":\"Interface\","
				   " \"VpcId\":\"vpc-q\",\"ServiceName\":\"com.amazonaws.us-east-1.sqs\","
				   " \"SubnetIds\":[\"subnet-q\"],\"NetworkInterfaceIds\":[\"eni-e1\"]}]}";
	struct topo *t = topo_of(topo);
	struct cls_result c;
	(void)state;
	classify_in(t, "interface-id srcaddr dstaddr", "eni-e1 10.0.0.5 10.0.0.50", &c);
	assert_int_equal(c.vantage, VANTAGE_IFACE_EP);
	SV_EQ(c.service, "SQS");
	SV_EQ(c.vpc, "vpc-q");
	SV_EQ(c.subnet, "subnet-q");
	SV_EQ(c.az, "us-east-1a");
	topo_free(t);
}

/* An interface endpoint's client in the endpoint's own VPC, whose CIDR
 * another account's VPC has too: the local route tells, so the remote is
 * the own VPC, not (ambiguous); a client of the other VPC only is that. */
static void test_endpoint_client_in_own_overlapping_vpc(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-q\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.0.0.0/16\"},"
		" {\"VpcId\":\"vpc-o\",\"OwnerId\":\"2\",\"CidrBlock\":\"10.0.0.0/16\"},"
		" {\"VpcId\":\"vpc-p\",\"OwnerId\":\"2\",\"CidrBlock\":\"10.7.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/24\","
		" \"AvailabilityZone\":\"us-east-1a\"}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-1\",\"VpcEndpointType\":\"Interface\","
		" \"VpcId\":\"vpc-q\",\"ServiceName\":\"com.amazonaws.us-east-1.sqs\","
		" \"SubnetIds\":[\"subnet-q\"],\"NetworkInterfaceIds\":[\"eni-e1\"]}]}";
	struct topo *t = topo_of(topo);
	struct cls_result c;
	(void)state;
	classify_in(t, "interface-id srcaddr dstaddr flow-direction", "eni-e1 10.0.1.10 10.0.0.50 ingress", &c);
	assert_int_equal(c.vantage, VANTAGE_IFACE_EP);
	SV_EQ(c.remote_vpc, "vpc-q");
	classify_in(t, "interface-id srcaddr dstaddr flow-direction", "eni-e1 10.7.1.10 10.0.0.50 ingress", &c);
	SV_EQ(c.remote_vpc, "vpc-p");
	topo_free(t);
}

/* EKS prefix delegation: a prefix assigned to an interface (Ipv4Prefixes)
 * holds its pods' addresses, which tell the direction as the interface's
 * own addresses do; the memo keeps them apart from the rest of the
 * subnet. */
static void test_delegated_prefix(void **state)
{
	static const char topo[] = "{" VPC_Q RTB_Q
				   "\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-node\",\"SubnetId\":\"subnet-q\","
				   " \"VpcId\":\"vpc-q\",\"InterfaceType\":\"interface\",\"PrivateIpAddress\":\"10.0.0.10\","
				   " \"Ipv4Prefixes\":[{\"Ipv4Prefix\":\"10.0.0.128/28\"}]}]}";
	/* a pod (10.0.0.130) and a neighbour (10.0.0.50), both ways */
	static const char *const lines[4] = {"eni-node 10.0.0.130 10.0.0.50 1 100", "eni-node 10.0.0.50 10.0.0.130 1 100",
					     "eni-node 10.0.0.131 10.0.0.51 1 100", "eni-node 10.0.0.51 10.0.0.131 1 100"};
	static const enum direction want[4] = {DIR_EGRESS, DIR_INGRESS, DIR_EGRESS, DIR_INGRESS};
	struct topo *t = topo_of(topo);
	struct cls_result c;
	struct analysis *an = analysis_new();
	(void)state;
	for (int i = 0; i < 4; i++) {
		classify_in(t, "interface-id srcaddr dstaddr packets bytes", lines[i], &c);
		assert_int_equal(c.direction, want[i]);
		analysis_add_record(an, t, &rec);
	}
	/* two rows (egress, ingress) of two records each */
	assert_int_equal(agg_count(an->core), 2);
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(agg_row_at(an->core, i)->v.records, 2);
	analysis_free(an);
	topo_free(t);
}

/* A Gateway Load Balancer endpoint's ENI logs the flows it passes to
 * inspection: reason forwarded, kept out of the totals; so does one known
 * only from VpcEndpoints (type GatewayLoadBalancer); one known only from
 * NetworkInterfaces (no subnet or VPC objects) keeps the ids it gives. */
static void test_gwlb_endpoint_forwards(void **state)
{
	static const char *const topos[3] = {
		"{" VPC_Q "\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-gwlbe\",\"SubnetId\":\"subnet-q\","
		" \"VpcId\":\"vpc-q\",\"InterfaceType\":\"gateway_load_balancer_endpoint\","
		" \"PrivateIpAddress\":\"10.0.0.60\"}]}",
		"{" VPC_Q "\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-g\",\"VpcEndpointType\":\"GatewayLoadBalancer\","
		" \"VpcId\":\"vpc-q\",\"ServiceName\":\"com.amazonaws.vpce.us-east-1.vpce-svc-1\","
		" \"SubnetIds\":[\"subnet-q\"],\"NetworkInterfaceIds\":[\"eni-gwlbe\"]}]}",
		"{\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-gwlbe\",\"SubnetId\":\"subnet-q\","
		" \"VpcId\":\"vpc-q\",\"InterfaceType\":\"gateway_load_balancer_endpoint\","
		" \"PrivateIpAddress\":\"10.0.0.60\"}]}",
	};
	struct cls_result c;
	(void)state;
	for (int i = 0; i < 3; i++) {
		struct topo *t = topo_of(topos[i]);
		classify_in(t, "interface-id srcaddr dstaddr", "eni-gwlbe 10.0.0.5 203.0.113.9", &c);
		assert_int_equal(c.vantage, VANTAGE_WORKLOAD);
		assert_int_equal(c.path, PATH_UNKNOWN);
		assert_int_equal(c.reason, REASON_FORWARDED);
		SV_EQ(c.subnet, "subnet-q");
		SV_EQ(c.vpc, "vpc-q");
		topo_free(t);
	}
}

/* The private ranges at their edges. */
static void test_private_ranges(void **state)
{
	static const struct {
		const char *a;
		int private;
	} cases[] = {{"10.255.0.1", 1},  {"11.0.0.1", 0},      {"172.15.255.255", 0}, {"172.16.0.0", 1},
		     {"172.31.255.255", 1}, {"172.32.0.0", 0}, {"192.168.3.4", 1},    {"192.169.0.1", 0},
		     {"100.63.255.255", 0}, {"100.64.0.0", 1}, {"100.127.255.255", 1}, {"100.128.0.0", 0},
		     {"fc00::1", 1},        {"fdff::1", 1},    {"fe00::1", 0},         {"::ffff:10.0.0.1", 0}};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fl_addr a;
		assert_int_equal(fl_addr_parse(cases[i].a, strlen(cases[i].a), &a), 0);
		if (topo_is_private(&a) != cases[i].private)
			fail_msg("%s: private %d", cases[i].a, !cases[i].private);
	}
}

/* A topology of NetworkInterfaces alone: the NAT gateway's VPC CIDRs are
 * unknown, so a private address counts as inside it (the vpc side), a
 * public one as the internet side. */
static void test_nat_sides_without_vpc_cidrs(void **state)
{
	static const char topo[] =
		"{\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-nat\",\"SubnetId\":\"subnet-p\","
		" \"VpcId\":\"vpc-p\",\"InterfaceType\":\"nat_gateway\",\"PrivateIpAddress\":\"10.5.0.10\","
		" \"Description\":\"Interface for NAT Gateway nat-p\"}]}";
	static const char *const lines[4] = {"eni-nat 10.5.1.50 10.5.0.10", "eni-nat 10.5.0.10 203.0.113.9",
					     "eni-nat 203.0.113.9 10.5.0.10", "eni-nat 10.5.0.10 100.64.1.1"};
	static const enum side want[4] = {SIDE_VPC, SIDE_INTERNET, SIDE_INTERNET, SIDE_VPC};
	struct topo *t = topo_of(topo);
	struct cls_result c;
	(void)state;
	for (int i = 0; i < 4; i++) {
		classify_in(t, "interface-id srcaddr dstaddr", lines[i], &c);
		assert_int_equal(c.vantage, VANTAGE_NAT);
		assert_int_equal(c.side, want[i]);
		SV_EQ(c.via, "nat-p");
		SV_EQ(c.vpc, "vpc-p"); /* the ids NetworkInterfaces gives */
	}
	/* the memo tells private from public addresses too: a private and a
	 * public one in no prefix of the model, in either order */
	static const char *const pair[2] = {"eni-nat 10.9.9.9 10.5.0.10", "eni-nat 203.0.113.9 10.5.0.10"};
	for (int order = 0; order < 2; order++) {
		struct analysis *an = analysis_new();
		uint64_t by_side[NSIDES] = {0};
		for (int i = 0; i < 2; i++) {
			classify_in(t, "interface-id srcaddr dstaddr", pair[i ^ order], &c);
			analysis_add_record(an, t, &rec);
		}
		for (size_t i = 0; i < agg_count(an->core); i++)
			by_side[agg_row_at(an->core, i)->k.side] += agg_row_at(an->core, i)->v.records;
		assert_int_equal(by_side[SIDE_INTERNET], 1);
		assert_int_equal(by_side[SIDE_VPC], 1);
		analysis_free(an);
	}
	topo_free(t);
}

/* A transit gateway route to CIDRs that two VPCs share (another account
 * reuses them): the VPC attached to the transit gateway is the remote. */
static void test_tgw_remote_among_overlapping_vpcs(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.0.0.0/16\"},"
		" {\"VpcId\":\"vpc-c\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.2.0.0/16\"},"
		" {\"VpcId\":\"vpc-x\",\"OwnerId\":\"2\",\"CidrBlock\":\"10.2.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\","
		" \"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"  {\"DestinationCidrBlock\":\"10.2.0.0/16\",\"TransitGatewayId\":\"tgw-1\"}]}],"
		"\"TransitGatewayAttachments\":["
		" {\"TransitGatewayAttachmentId\":\"tgw-attach-a\",\"TransitGatewayId\":\"tgw-1\","
		"  \"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-a\"},"
		" {\"TransitGatewayAttachmentId\":\"tgw-attach-c\",\"TransitGatewayId\":\"tgw-1\","
		"  \"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-c\"}]}";
	struct topo *t = topo_of(topo);
	struct cls_result c;
	(void)state;
	classify_in(t, "account-id srcaddr dstaddr", "1 10.0.0.5 10.2.0.9", &c);
	assert_int_equal(c.path, PATH_TGW);
	SV_EQ(c.via, "tgw-1");
	SV_EQ(c.remote_vpc, "vpc-c");
	topo_free(t);
}

/* Prefix lists: a customer-managed list from its Entries; a list without
 * CIDRs (describe-managed-prefix-lists) counts as absent, so a gateway
 * endpoint's route expands from ip-ranges; a bad Entries CIDR is named by
 * its path; entries output on its own says what to do with it. */
static void test_prefix_list_shapes(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/24\","
		" \"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-q\"},"
		"  {\"DestinationPrefixListId\":\"pl-0mine\",\"TransitGatewayId\":\"tgw-q\"},"
		"  {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-q\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-q\",\"VpcEndpointType\":\"Gateway\","
		" \"VpcId\":\"vpc-q\",\"ServiceName\":\"com.amazonaws.us-east-1.s3\"}],"
		"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\","
		"  \"AddressFamily\":\"IPv4\",\"State\":\"create-complete\"},"
		" {\"PrefixListId\":\"pl-0mine\",\"Entries\":[{\"Cidr\":\"192.0.2.0/24\",\"Description\":\"on-prem\"}]}]}";
	static const char bad[] = "{\"PrefixLists\":[{\"PrefixListId\":\"pl-1\",\n"
				  "  \"Entries\":[{\"Cidr\":\"192.0.2.0/24\"},{\"Cidr\":\"nope\"}]}]}";
	static const char bare[] = "{\"PrefixLists\":[{\"PrefixListId\":\"pl-1\",\"Entries\":[\"192.0.2.0/24\"]}]}";
	static const char entries[] = "{\"Entries\":[{\"Cidr\":\"192.0.2.0/24\"}]}";
	static const char managed[] = "{\"PrefixLists\":[{\"PrefixListId\":\"pl-0mine\",\"PrefixListName\":\"mine\","
				      "\"MaxEntries\":10,\"State\":\"create-complete\"}]}";
	struct topo *t = topo_new();
	struct diag d;
	struct fl_layout lay;
	struct cls_result c;
	char err[64], l1[] = "10.0.0.5 52.216.1.1", l2[] = "10.0.0.5 192.0.2.7",
		      l3[] = "10.0.0.5 198.51.100.1";
	(void)state;
	/* describe-managed-prefix-lists output first: pl-0mine without CIDRs,
	 * which its entries given later must win over */
	assert_int_equal(topo_load_buffer(t, "m.json", managed, strlen(managed), &d), 0);
	assert_int_equal(topo_load_buffer(t, "q.json", topo, strlen(topo), &d), 0);
	assert_int_equal(ipranges_load_buffer(t, "r.json", ranges, strlen(ranges), &d), 0);
	topo_finish(t);
	fl_layout_from_spec(&lay, "srcaddr dstaddr", 15, err, sizeof(err));
	assert_int_equal(fl_parse_line(&lay, l1, strlen(l1), &rec), 0);
	classify(t, &rec, &c, NULL);
	assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
	SV_EQ(c.via, "vpce-q");
	assert_int_equal(fl_parse_line(&lay, l2, strlen(l2), &rec), 0);
	classify(t, &rec, &c, NULL);
	assert_int_equal(c.path, PATH_TGW);
	assert_int_equal(fl_parse_line(&lay, l3, strlen(l3), &rec), 0);
	classify(t, &rec, &c, NULL);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	topo_free(t);

	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "bad.json", bad, strlen(bad), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 2);
	assert_non_null(strstr(d.msg, "PrefixLists[0].Entries[1].Cidr"));
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "bare.json", bare, strlen(bare), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "PrefixLists[0].Entries[0].Cidr"));
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "e.json", entries, strlen(entries), &d), TJ_E_EMPTY);
	assert_non_null(strstr(d.msg, "get-managed-prefix-list-entries"));
	/* a name that is no prefix list id says nothing either */
	assert_int_equal(topo_load_buffer(t, "out/pl-mine.json", entries, strlen(entries), &d), TJ_E_EMPTY);
	assert_int_equal(topo_load_buffer(t, "pl-0123456789abcdef0x.json", entries, strlen(entries), &d),
			 TJ_E_EMPTY);
	assert_int_equal(topo_load_buffer(t, "pl-0123456789.json", entries, strlen(entries), &d), TJ_E_EMPTY);
	topo_free(t);
	/* entries output saved under the list's id, as the command names it:
	 * that list's CIDRs, which the route to it then matches */
	static const char tgw_route[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationPrefixListId\":\"pl-0123456789abcdef0\",\"TransitGatewayId\":\"tgw-q\"}]}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "q.json", tgw_route, strlen(tgw_route), &d), 0);
	assert_int_equal(topo_load_buffer(t, "lists/pl-0123456789abcdef0.json", entries, strlen(entries), &d), 0);
	topo_finish(t);
	assert_int_equal(t->nplists, 1);
	assert_int_equal(fl_parse_line(&lay, l2, strlen(l2), &rec), 0);
	classify(t, &rec, &c, NULL);
	assert_int_equal(c.path, PATH_TGW);
	SV_EQ(c.via, "tgw-q");
	topo_free(t);
	/* two pages of it appended in one file: both pages' CIDRs count */
	static const char pages[] = "{\"Entries\":[{\"Cidr\":\"192.0.2.0/24\"}],\"NextToken\":\"x\"}\n"
				    "{\"Entries\":[{\"Cidr\":\"198.51.100.0/24\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "q.json", tgw_route, strlen(tgw_route), &d), 0);
	assert_int_equal(topo_load_buffer(t, "pl-0123456789abcdef0.json", pages, strlen(pages), &d), 0);
	topo_finish(t);
	assert_int_equal(fl_parse_line(&lay, l3, strlen(l3), &rec), 0);
	classify(t, &rec, &c, NULL);
	assert_int_equal(c.path, PATH_TGW);
	assert_int_equal(fl_parse_line(&lay, l2, strlen(l2), &rec), 0);
	classify(t, &rec, &c, NULL);
	assert_int_equal(c.path, PATH_TGW);
	topo_free(t);
	/* its bad entry is named by its path in the file */
	static const char bad_entry[] = "{\"Entries\":[{\"Cidr\":\"192.0.2.0/24\"},{\"Cidr\":\"nope\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "pl-0aaaaaaaabbbbbbbb.json", bad_entry, strlen(bad_entry), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "Entries[1].Cidr: expected a CIDR block"));
	topo_free(t);
}

/* A remote address in a VPC of the topology is recorded whatever the
 * route: a VPN route, a blackhole, no route at all, an appliance, a
 * private NAT gateway (whose ENI, known only from NetworkInterfaces,
 * names its gateway in its description). */
static void test_remote_vpc_any_route(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/16\"},"
		" {\"VpcId\":\"vpc-d\",\"CidrBlock\":\"10.3.0.0/16\"},{\"VpcId\":\"vpc-e\",\"CidrBlock\":\"10.5.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.0.0.0/24\","
		" \"AvailabilityZone\":\"us-east-1a\"},"
		" {\"SubnetId\":\"subnet-d\",\"VpcId\":\"vpc-d\",\"CidrBlock\":\"10.3.1.0/24\",\"AvailabilityZone\":\"eu-west-1b\"},"
		" {\"SubnetId\":\"subnet-e\",\"VpcId\":\"vpc-e\",\"CidrBlock\":\"10.5.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"  {\"DestinationCidrBlock\":\"10.3.0.0/17\",\"GatewayId\":\"vgw-1\"},"
		"  {\"DestinationCidrBlock\":\"10.3.128.0/17\",\"VpcPeeringConnectionId\":\"pcx-x\",\"State\":\"blackhole\"},"
		"  {\"DestinationCidrBlock\":\"10.5.1.0/25\",\"NetworkInterfaceId\":\"eni-fw\"},"
		"  {\"DestinationCidrBlock\":\"10.5.1.128/25\",\"NatGatewayId\":\"nat-p\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-np\",\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\","
		" \"InterfaceType\":\"nat_gateway\",\"Description\":\"Interface for NAT Gateway nat-p\","
		" \"PrivateIpAddresses\":[{\"PrivateIpAddress\":\"10.0.0.9\"}]}]}";
	static const struct {
		const char *line;
		enum path path;
		const char *remote_vpc, *remote_region, *via;
	} cases[] = {
		{"eni-w 10.0.0.5 10.3.1.5", PATH_VPN_DX, "vpc-d", "eu-west-1", "vgw-1"},
		{"eni-w 10.0.0.5 10.3.200.5", PATH_UNROUTABLE, "vpc-d", "eu-west-1", "pcx-x"},
		{"eni-w 10.0.0.5 10.4.0.1", PATH_UNROUTABLE, "", "", ""},
		{"eni-w 10.0.0.5 10.5.1.5", PATH_APPLIANCE, "vpc-e", "us-east-1", "eni-fw"},
		{"eni-w 10.0.0.5 10.5.1.200", PATH_NAT_INTERNET, "vpc-e", "us-east-1", "nat-p"},
		{"eni-np 10.0.0.9 10.5.1.200", PATH_NAT_INTERNET, "vpc-e", "us-east-1", "nat-p"},
	};
	struct topo *t = topo_new();
	struct diag d;
	struct fl_layout lay;
	struct cls_result c;
	char err[64];
	(void)state;
	assert_int_equal(topo_load_buffer(t, "q.json", topo, strlen(topo), &d), 0);
	topo_finish(t);
	fl_layout_from_spec(&lay, "interface-id srcaddr dstaddr", 28, err, sizeof(err));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(fl_parse_line(&lay, cases[i].line, strlen(cases[i].line), &rec), 0);
		classify(t, &rec, &c, NULL);
		assert_int_equal(c.path, cases[i].path);
		SV_EQ(c.remote_vpc, cases[i].remote_vpc);
		SV_EQ(c.remote_region, cases[i].remote_region);
		SV_EQ(c.via, cases[i].via);
	}
	topo_free(t);
}

static void test_appliance_targets(void **state)
{
	struct cls_result c;
	(void)state;
	egress("172.16.0.1", &c);
	assert_int_equal(c.path, PATH_APPLIANCE);
	SV_EQ(c.via, "eni-fw");
	egress("172.17.0.1", &c);
	assert_int_equal(c.path, PATH_APPLIANCE);
	SV_EQ(c.via, "i-fw");
	egress("172.18.0.1", &c);
	assert_int_equal(c.path, PATH_APPLIANCE);
	SV_EQ(c.via, "vpce-gwlb");
}

static void test_nat_paths(void **state)
{
	struct cls_result c;
	(void)state;
	egress("203.0.113.5", &c);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	SV_EQ(c.via, "nat-1");
	SV_EQ(c.service, "");
	egress("54.239.1.1", &c); /* ROUTE53 and CLOUDFRONT: alphabetically first */
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.service, "CLOUDFRONT");
	SV_EQ(c.service_region, "GLOBAL");
	egress("3.81.1.1", &c); /* EC2 preferred over AMAZON */
	SV_EQ(c.service, "EC2");
	egress("52.218.1.1", &c); /* S3 in another region, through the NAT */
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.service, "S3");
	SV_EQ(c.service_region, "eu-west-1");
}

static void test_igw_paths(void **state)
{
	struct cls_result c;
	(void)state;
	/* subnet-pub uses the main table: 0.0.0.0/0 -> igw-1 */
	run(F6, "111111111111 eni-pub 10.0.0.9 203.0.113.5 1 10", &c);
	SV_EQ(c.subnet, "subnet-pub");
	assert_int_equal(c.direction, DIR_EGRESS);
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	SV_EQ(c.via, "igw-1");
	run(F6, "111111111111 eni-pub 10.0.0.9 52.216.1.1 1 10", &c);
	assert_int_equal(c.path, PATH_IGW_AWS);
	SV_EQ(c.service, "S3");
}

/* NAT64: 64:ff9b::/96 to the NAT gateway; the service is the embedded
 * IPv4 address's, and so is the address class that keys the memo. */
static void test_nat64(void **state)
{
	struct cls_result c;
	struct fl_addr a, b;
	(void)state;
	run(F6, "111111111111 eni-1111aaaa2222bbbb3 2600:1f18:aaaa:aa01::5 64:ff9b::34d8:101 1 10", &c);
	assert_int_equal(c.direction, DIR_EGRESS);
	assert_int_equal(c.path, PATH_NAT_AWS);
	assert_int_equal(c.side, SIDE_NAT64);
	SV_EQ(c.service, "S3");
	SV_EQ(c.service_region, "us-east-1");
	SV_EQ(c.via, "nat-1");
	run(F6, "111111111111 eni-1111aaaa2222bbbb3 64:ff9b::34d8:101 2600:1f18:aaaa:aa01::5 1 10", &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	assert_int_equal(c.path, PATH_NAT_AWS);
	assert_int_equal(c.side, SIDE_NAT64);
	SV_EQ(c.service, "S3");
	run(F6, "111111111111 eni-1111aaaa2222bbbb3 2600:1f18:aaaa:aa01::5 64:ff9b::c633:6401 1 10", &c);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	assert_int_equal(c.side, SIDE_NAT64);
	SV_EQ(c.service, "");
	/* IPv4 through the same NAT gateway has no such side */
	egress("198.51.100.1", &c);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	assert_int_equal(c.side, SIDE_NONE);
	assert_string_equal(side_name(SIDE_NAT64), "nat64");
	/* classes: S3's and the internet's NAT64 addresses differ */
	assert_int_equal(fl_addr_parse("64:ff9b::34d8:101", 17, &a), 0);
	assert_int_equal(fl_addr_parse("64:ff9b::c633:6401", 18, &b), 0);
	assert_int_not_equal(topo_addr_class(T, &a), topo_addr_class(T, &b));
	assert_int_equal(fl_addr_parse("64:ff9b::34d8:102", 17, &b), 0);
	assert_int_equal(topo_addr_class(T, &a), topo_addr_class(T, &b));
	/* a NAT route that holds 64:ff9b::/96 without being inside it: the
	 * classes tell NAT64 addresses apart there too */
	static const char wide[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationIpv6CidrBlock\":\"64:ff9b::/64\",\"NatGatewayId\":\"nat-a\"},"
		"{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"}]}],"
		"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\","
		"\"Cidrs\":[\"52.216.0.0/15\"]}]}";
	struct topo *t = topo_of(wide);
	assert_int_equal(fl_addr_parse("64:ff9b::c633:6401", 18, &b), 0);
	assert_int_not_equal(topo_addr_class(t, &a), topo_addr_class(t, &b));
	topo_free(t);
}

static void test_ipv6_egress_only(void **state)
{
	struct cls_result c;
	(void)state;
	run(F6, "111111111111 eni-1111aaaa2222bbbb3 2600:1f18:aaaa:aa01::5 2a05:d018::1 1 10", &c);
	assert_int_equal(c.direction, DIR_EGRESS);
	SV_EQ(c.subnet, "subnet-priv");
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	SV_EQ(c.via, "eigw-1");
	run(F6, "111111111111 eni-1111aaaa2222bbbb3 2600:1f18:4000::1 2600:1f18:aaaa:aa01::5 1 10", &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	assert_int_equal(c.path, PATH_IGW_AWS);
	SV_EQ(c.service, "EC2");
}

static void test_peering(void **state)
{
	struct cls_result c;
	(void)state;
	egress("10.1.0.7", &c);
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.via, "pcx-ab");
	SV_EQ(c.remote_vpc, "vpc-b");
	SV_EQ(c.remote_region, "us-east-1");
	/* 10.2/16 is routed to pcx-ab but lies in vpc-c, vpc-b's peer */
	egress("10.2.0.7", &c);
	assert_int_equal(c.path, PATH_UNROUTABLE);
	assert_int_equal(c.reason, REASON_PEERING_NOT_TRANSITIVE);
	SV_EQ(c.via, "pcx-ab");
	SV_EQ(c.remote_vpc, "vpc-c");
	/* from the accepter's side, the peer is the requester */
	run(F6, "111111111111 eni-vb 10.1.0.5 10.0.1.9 1 10", &c);
	SV_EQ(c.vpc, "vpc-b");
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.via, "pcx-ab");
	SV_EQ(c.remote_vpc, "vpc-a");
	assert_int_equal(c.side, SIDE_NONE);
	assert_false(row_in_totals(c.path, DIR_INGRESS, 1, c.side));
	/* vpc-a's SQS interface endpoint, reached through the peering: its
	 * ENI logs in the interface-endpoint vantage, so this end's records
	 * count in both directions (docs/behaviour.md) */
	run("account-id interface-id srcaddr dstaddr packets bytes flow-direction",
	    "111111111111 eni-vb 10.0.1.100 10.1.0.5 1 10 ingress", &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.remote_vpc, "vpc-a");
	assert_int_equal(c.side, SIDE_ENDPOINT_ENI);
	SV_EQ(c.service, "");
	assert_true(row_in_totals(c.path, DIR_INGRESS, 1, c.side));
	assert_true(row_in_totals(c.path, DIR_EGRESS, 1, c.side));
	assert_false(row_in_totals(c.path, DIR_UNKNOWN, 1, c.side));
	assert_true(row_in_totals(PATH_TGW, DIR_INGRESS, 1, SIDE_ENDPOINT_ENI));
	assert_false(row_in_totals(PATH_LOCAL, DIR_INGRESS, 1, SIDE_ENDPOINT_ENI));
}

static void test_inter_region_peering(void **state)
{
	struct cls_result c;
	(void)state;
	run(F6, "111111111111 eni-vb 10.1.0.5 10.2.0.9 1 10", &c);
	SV_EQ(c.vpc, "vpc-b");
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.via, "pcx-bc");
	SV_EQ(c.region, "us-east-1");
	SV_EQ(c.remote_region, "eu-west-1");
}

static void test_other_targets(void **state)
{
	struct cls_result c;
	(void)state;
	egress("10.50.3.3", &c);
	assert_int_equal(c.path, PATH_TGW);
	SV_EQ(c.via, "tgw-1");
	egress("192.168.7.7", &c);
	assert_int_equal(c.path, PATH_VPN_DX);
	SV_EQ(c.via, "vgw-1");
	egress("172.19.0.1", &c);
	assert_int_equal(c.path, PATH_OTHER_GW);
	SV_EQ(c.via, "lgw-1");
	egress("172.20.0.1", &c);
	assert_int_equal(c.path, PATH_UNROUTABLE);
	assert_int_equal(c.reason, REASON_BLACKHOLE);
	SV_EQ(c.service, "");
}

static void test_no_route(void **state)
{
	struct cls_result c;
	(void)state;
	/* vpc-x's table has only its local route */
	run("account-id vpc-id srcaddr dstaddr", "222222222222 vpc-x 10.9.1.5 8.8.8.8", &c);
	assert_int_equal(c.path, PATH_UNROUTABLE);
	assert_int_equal(c.reason, REASON_NO_ROUTE);
	SV_EQ(c.subnet, "subnet-x");
}

static void test_ambiguous_subnet_and_vpc_id(void **state)
{
	struct cls_result c;
	(void)state;
	/* vpc-x and vpc-y overlap, same account: ambiguous without vpc-id */
	run("account-id srcaddr dstaddr", "222222222222 10.9.1.5 8.8.8.8", &c);
	assert_int_equal(c.path, PATH_UNKNOWN);
	assert_int_equal(c.reason, REASON_AMBIGUOUS_SUBNET);
	run("account-id vpc-id srcaddr dstaddr", "222222222222 vpc-y 10.9.1.5 8.8.8.8", &c);
	SV_EQ(c.subnet, "subnet-y");
	SV_EQ(c.region, "us-west-2");
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	/* the same addresses in account 111111111111's VPCs: no subnet there */
	run("account-id srcaddr dstaddr", "111111111111 10.9.1.5 8.8.8.8", &c);
	assert_int_equal(c.reason, REASON_NO_SUBNET);
	assert_int_equal(c.path, PATH_UNKNOWN);
}

/* One account's VPCs reuse a CIDR in two regions (docs/behaviour.md): a
 * record of an unlisted interface is matched in its flow log's region,
 * from its region field or else the S3 name's (classify_in_region); with
 * neither, the subnet is ambiguous; in a region without VPCs, none. */
static void test_region_narrows_candidate_vpcs(void **state)
{
	static const char json[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-e\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"172.31.0.0/16\"},"
		" {\"VpcId\":\"vpc-w\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"172.31.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-e\",\"VpcId\":\"vpc-e\",\"CidrBlock\":\"172.31.0.0/20\","
		" \"AvailabilityZone\":\"us-east-1a\"},"
		" {\"SubnetId\":\"subnet-w\",\"VpcId\":\"vpc-w\",\"CidrBlock\":\"172.31.0.0/20\","
		" \"AvailabilityZone\":\"eu-west-1b\"}]}";
	static const char v2[] = "account-id interface-id srcaddr dstaddr";
	static const char line[] = "111111111111 eni-gone 172.31.3.4 8.8.8.8";
	struct cls_result c;
	struct cls_trace tr;
	(void)state;
	struct topo *t = topo_of(json);
	classify_in(t, v2, line, &c); /* no region: rec stays for the calls below */
	assert_int_equal(c.reason, REASON_AMBIGUOUS_SUBNET);
	classify_in_region(t, &rec, "eu-west-1", &c, NULL);
	SV_EQ(c.subnet, "subnet-w");
	SV_EQ(c.region, "eu-west-1");
	classify_in_region(t, &rec, "us-east-1", &c, NULL);
	SV_EQ(c.subnet, "subnet-e");
	/* a region without VPCs: none to match, and the region kept */
	tr.n = 0;
	classify_in_region(t, &rec, "ap-south-1", &c, &tr);
	assert_int_equal(c.path, PATH_UNKNOWN);
	assert_int_equal(c.reason, REASON_NO_SUBNET);
	SV_EQ(c.region, "ap-south-1");
	/* the record's region field wins over the name's */
	classify_in(t, "account-id interface-id srcaddr dstaddr region",
		    "111111111111 eni-gone 172.31.3.4 8.8.8.8 eu-west-1", &c);
	SV_EQ(c.subnet, "subnet-w");
	classify_in_region(t, &rec, "us-east-1", &c, NULL);
	SV_EQ(c.subnet, "subnet-w");
	/* an account that owns no VPC there: all VPCs of the region */
	classify_in(t, "account-id srcaddr dstaddr", "999999999999 172.31.3.4 8.8.8.8", &c);
	assert_int_equal(c.reason, REASON_AMBIGUOUS_SUBNET);
	tr.n = 0;
	classify_in_region(t, &rec, "us-east-1", &c, &tr);
	SV_EQ(c.subnet, "subnet-e");
	int said = 0;
	for (int i = 0; i < tr.n; i++)
		said |= strstr(tr.step[i], "candidate VPCs: all 1 of region us-east-1, as account "
					   "999999999999 owns none of them there") != NULL;
	assert_true(said);
	topo_free(t);
}

/* A subnet made after the topology was described: a record naming it by
 * subnet-id, in a VPC the topology has, takes the route table associated
 * with that id, else the VPC's main table (paths.md 3.1 and 4); a record
 * of no subnet keeps its VPC's account and region. */
static void test_subnet_missing_from_topology(void **state)
{
	static const char json[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-n\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.7.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-old\",\"VpcId\":\"vpc-n\",\"CidrBlock\":\"10.7.0.0/24\","
		" \"AvailabilityZone\":\"eu-west-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-main\",\"VpcId\":\"vpc-n\",\"Associations\":[{\"Main\":true}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.7.0.0/16\",\"GatewayId\":\"local\"},"
		" {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-n\"}]},"
		" {\"RouteTableId\":\"rtb-pub\",\"VpcId\":\"vpc-n\",\"Associations\":[{\"SubnetId\":\"subnet-new2\"}],"
		" \"Routes\":[{\"DestinationCidrBlock\":\"10.7.0.0/16\",\"GatewayId\":\"local\"},"
		" {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-n\"}]}]}";
	static const char f[] = "account-id vpc-id subnet-id srcaddr dstaddr";
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of(json);
	classify_in(t, f, "- vpc-n subnet-new1 10.7.9.5 8.8.8.8", &c);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	SV_EQ(c.via, "nat-n");
	SV_EQ(c.subnet, "subnet-new1");
	SV_EQ(c.account, "111111111111");
	SV_EQ(c.region, "eu-west-1");
	classify_in(t, f, "- vpc-n subnet-new2 10.7.8.5 8.8.8.8", &c);
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	SV_EQ(c.via, "igw-n");
	/* its address in a described subnet's CIDR (subnet-old, replaced
	 * since): the record's subnet-id still decides (paths.md 3.1) */
	classify_in(t, f, "- vpc-n subnet-new2 10.7.0.5 8.8.8.8", &c);
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	SV_EQ(c.subnet, "subnet-new2");
	/* without vpc-id: the one VPC of the account holding the address */
	classify_in(t, "account-id subnet-id srcaddr dstaddr",
		    "111111111111 subnet-new1 10.7.9.5 8.8.8.8", &c);
	SV_EQ(c.via, "nat-n");
	/* no VPC holds it: no subnet, as before */
	classify_in(t, "account-id subnet-id srcaddr dstaddr",
		    "111111111111 subnet-new1 10.9.9.5 8.8.8.8", &c);
	assert_int_equal(c.reason, REASON_NO_SUBNET);
	SV_EQ(c.subnet, "subnet-new1");
	/* no subnet-id: no subnet, but the VPC's account and region */
	classify_in(t, "account-id vpc-id srcaddr dstaddr", "- vpc-n 10.7.9.5 8.8.8.8", &c);
	assert_int_equal(c.reason, REASON_NO_SUBNET);
	SV_EQ(c.vpc, "vpc-n");
	SV_EQ(c.account, "111111111111");
	SV_EQ(c.region, "eu-west-1");
	topo_free(t);
}

static void test_subnet_id_field_wins(void **state)
{
	struct cls_result c;
	(void)state;
	run("account-id subnet-id srcaddr dstaddr flow-direction",
	    "222222222222 subnet-y 10.9.1.5 8.8.8.8 egress", &c);
	SV_EQ(c.subnet, "subnet-y");
	assert_int_equal(c.path, PATH_IGW_INTERNET);
}

static void test_direction_rules(void **state)
{
	struct cls_result c;
	(void)state;
	/* flow-direction field */
	run("interface-id srcaddr dstaddr flow-direction", "eni-zz 203.0.113.5 10.0.1.9 ingress", &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	assert_int_equal(c.path, PATH_NAT_INTERNET); /* return traffic takes its remote's path */
	/* no inventory, both addresses in the VPC: unknown, srcaddr local */
	run("account-id interface-id srcaddr dstaddr", "111111111111 eni-zz 10.0.2.4 10.0.1.9", &c);
	assert_int_equal(c.direction, DIR_UNKNOWN);
	SV_EQ(c.subnet, "subnet-b");
	assert_int_equal(c.path, PATH_LOCAL);
	/* inventory: dstaddr is the ENI's address */
	run(F6, "111111111111 eni-1111aaaa2222bbbb3 10.0.2.4 10.0.1.5 1 1", &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	SV_EQ(c.subnet, "subnet-priv");
}

static void test_pkt_aws_service_overrides_ranges(void **state)
{
	struct cls_result c;
	(void)state;
	run("interface-id srcaddr dstaddr pkt-dst-aws-service flow-direction",
	    "eni-1111aaaa2222bbbb3 10.0.1.5 52.94.8.1 DYNAMODB egress", &c);
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.service, "DYNAMODB"); /* ranges say AMAZON */
	SV_EQ(c.service_region, "us-east-1");
	run("interface-id srcaddr dstaddr pkt-dst-aws-service flow-direction",
	    "eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.9 KINESIS_VIDEO_STREAMS egress", &c);
	assert_int_equal(c.path, PATH_NAT_AWS); /* not in ranges, but the field says AWS */
	SV_EQ(c.service, "KINESIS_VIDEO_STREAMS");
	SV_EQ(c.service_region, "");
	/* ingress uses pkt-src-aws-service */
	run("interface-id srcaddr dstaddr pkt-src-aws-service pkt-dst-aws-service flow-direction",
	    "eni-1111aaaa2222bbbb3 203.0.113.9 10.0.1.5 S3 - ingress", &c);
	SV_EQ(c.service, "S3");
	/* the NAT gateway's internet side: the field of the remote address
	 * the addresses give (dstaddr: pkt-dst-aws-service), even where
	 * flow-direction says otherwise */
	run("interface-id srcaddr dstaddr pkt-src-aws-service pkt-dst-aws-service flow-direction",
	    "eni-1235b8ca123456789 10.0.0.220 203.0.113.9 - S3 ingress", &c);
	assert_int_equal(c.vantage, VANTAGE_NAT);
	assert_int_equal(c.side, SIDE_INTERNET);
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.service, "S3");
	run("interface-id srcaddr dstaddr pkt-src-aws-service pkt-dst-aws-service flow-direction",
	    "eni-1235b8ca123456789 203.0.113.9 10.0.0.220 DYNAMODB - egress", &c);
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.service, "DYNAMODB");
}

static void test_nat_gateway_four_records(void **state)
{
	/* flow-log-format.md: the NAT gateway's ENI, four records */
	static const char *const lines[4] = {
		"- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5",
		"- eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5",
		"- eni-1235b8ca123456789 203.0.113.5 10.0.0.220 203.0.113.5 10.0.0.220",
		"- eni-1235b8ca123456789 10.0.0.220 10.0.1.5 203.0.113.5 10.0.1.5",
	};
	static const enum side sides[4] = {SIDE_VPC, SIDE_INTERNET, SIDE_INTERNET, SIDE_VPC};
	static const enum direction dirs[4] = {DIR_INGRESS, DIR_EGRESS, DIR_INGRESS, DIR_EGRESS};
	static const char *const subnets[4] = {"subnet-priv", "subnet-pub", "subnet-pub", "subnet-priv"};
	const char *f = "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr";
	struct cls_result c;
	(void)state;
	for (int i = 0; i < 4; i++) {
		run(f, lines[i], &c);
		assert_int_equal(c.vantage, VANTAGE_NAT);
		assert_int_equal(c.side, sides[i]);
		assert_int_equal(c.direction, dirs[i]);
		assert_int_equal(c.path, PATH_NAT_INTERNET);
		SV_EQ(c.via, "nat-1");
		SV_EQ(c.subnet, subnets[i]);
		SV_EQ(c.vpc, "vpc-a");
	}
	/* the same exchange on the instance's ENI: workload vantage */
	run(f, "i-01234567890123456 eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 10.0.1.5 203.0.113.5", &c);
	assert_int_equal(c.vantage, VANTAGE_WORKLOAD);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	/* without pkt-* fields the vpc side cannot be attributed */
	run("interface-id srcaddr dstaddr", "eni-1235b8ca123456789 10.0.1.5 10.0.0.220", &c);
	assert_int_equal(c.side, SIDE_VPC);
	assert_int_equal(c.path, PATH_NAT_UNATTRIBUTED);
	/* S3 through the NAT: internet side with the service */
	run("interface-id srcaddr dstaddr", "eni-1235b8ca123456789 10.0.0.220 52.216.1.1", &c);
	assert_int_equal(c.path, PATH_NAT_AWS);
	SV_EQ(c.service, "S3");
	/* centralized egress: a workload in another VPC (10.50.0.0/16, behind
	 * the transit gateway) uses the NAT gateway; pkt-dstaddr/pkt-srcaddr
	 * show its legs are the vpc side, so the processed bytes (the
	 * internet side) count once */
	static const char *const spoke[4] = {
		"- eni-1235b8ca123456789 10.50.1.1 10.0.0.220 10.50.1.1 203.0.113.5",
		"- eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5",
		"- eni-1235b8ca123456789 203.0.113.5 10.0.0.220 203.0.113.5 10.0.0.220",
		"- eni-1235b8ca123456789 10.0.0.220 10.50.1.1 203.0.113.5 10.50.1.1",
	};
	for (int i = 0; i < 4; i++) {
		run(f, spoke[i], &c);
		assert_int_equal(c.side, sides[i]);
		assert_int_equal(c.direction, dirs[i]);
		assert_int_equal(c.path, PATH_NAT_INTERNET);
		/* the vpc side of a workload outside the NAT's VPC: its VPC,
		 * no subnet of it */
		SV_EQ(c.vpc, "vpc-a");
		SV_EQ(c.subnet, sides[i] == SIDE_VPC ? "" : "subnet-pub");
	}
	/* without pkt-* fields such a leg cannot be told from the internet
	 * side: paths.md's rule (the address is outside the VPC) */
	run("interface-id srcaddr dstaddr", "eni-1235b8ca123456789 10.50.1.1 10.0.0.220", &c);
	assert_int_equal(c.side, SIDE_INTERNET);
	/* ... unless the address is in another VPC of the topology (vpc-b):
	 * a workload of centralized egress, both legs (AWS's default format
	 * has no pkt-* fields) */
	run("interface-id srcaddr dstaddr", "eni-1235b8ca123456789 10.1.1.1 10.0.0.220", &c);
	assert_int_equal(c.side, SIDE_VPC);
	assert_int_equal(c.direction, DIR_INGRESS);
	assert_int_equal(c.path, PATH_NAT_UNATTRIBUTED);
	SV_EQ(c.vpc, "vpc-a");
	SV_EQ(c.subnet, "");
	run("interface-id srcaddr dstaddr", "eni-1235b8ca123456789 10.0.0.220 10.1.1.1", &c);
	assert_int_equal(c.side, SIDE_VPC);
	assert_int_equal(c.direction, DIR_EGRESS);
	/* with pkt-* fields saying the packet was for that address, the NAT
	 * gateway sent it there itself: its processed side */
	run("interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr",
	    "eni-1235b8ca123456789 10.0.0.220 10.1.1.1 10.0.0.220 10.1.1.1", &c);
	assert_int_equal(c.side, SIDE_INTERNET);
	/* neither address is the NAT's */
	run("interface-id srcaddr dstaddr", "eni-1235b8ca123456789 10.0.1.5 10.0.2.5", &c);
	assert_int_equal(c.path, PATH_UNKNOWN);
	assert_int_equal(c.reason, REASON_NOT_NAT_TRAFFIC);
	assert_int_equal(c.direction, DIR_UNKNOWN);
	/* ... and flow-direction still says which way it went */
	run("interface-id srcaddr dstaddr flow-direction", "eni-1235b8ca123456789 10.0.1.5 10.0.2.5 egress", &c);
	assert_int_equal(c.reason, REASON_NOT_NAT_TRAFFIC);
	assert_int_equal(c.direction, DIR_EGRESS);
	/* paths.md 3: flow-direction, when present, is the direction, even
	 * where the addresses would say the other way */
	run("interface-id srcaddr dstaddr flow-direction", "eni-1235b8ca123456789 10.0.0.220 203.0.113.5 ingress",
	    &c);
	assert_int_equal(c.side, SIDE_INTERNET);
	assert_int_equal(c.direction, DIR_INGRESS);
}

/* paths.md 7 counts transit gateway paths from egress records only, as
 * both ends are logged. An address outside every VPC of the model (the
 * internet through a hub VPC's NAT gateway, 10.50.0.0/16 here) has no
 * logged end: both directions count, in the totals rule and so in the
 * talkers; one in a VPC of the model still counts from egress only. */
static void test_transit_gateway_totals(void **state)
{
	(void)state;
	assert_true(row_in_totals(PATH_TGW, DIR_INGRESS, 0, SIDE_NONE));
	assert_true(row_in_totals(PATH_TGW, DIR_EGRESS, 0, SIDE_NONE));
	assert_false(row_in_totals(PATH_TGW, DIR_UNKNOWN, 0, SIDE_NONE));
	assert_false(row_in_totals(PATH_TGW, DIR_INGRESS, 1, SIDE_NONE));
	assert_true(row_in_totals(PATH_TGW, DIR_EGRESS, 1, SIDE_NONE));
	assert_false(row_in_totals(PATH_LOCAL, DIR_INGRESS, 0, SIDE_NONE));
	static const char f[] = "account-id interface-id srcaddr dstaddr packets bytes";
	static const char *const lines[] = {
		"111111111111 eni-1111aaaa2222bbbb3 10.0.1.5 10.50.1.1 1 100",
		"111111111111 eni-1111aaaa2222bbbb3 10.50.1.1 10.0.1.5 1 300",
	};
	struct fl_layout lay;
	char err[128], line[128];
	assert_int_equal(fl_layout_from_spec(&lay, f, strlen(f), err, sizeof(err)), 0);
	struct analysis *an = analysis_new();
	for (int i = 0; i < 2; i++) {
		snprintf(line, sizeof(line), "%s", lines[i]);
		assert_int_equal(fl_parse_line(&lay, line, strlen(line), &rec), 0);
		analysis_add_record(an, T, &rec);
	}
	size_t n;
	const struct ktab_row **rows = ktab_sorted(an->talkers, &n);
	uint64_t bytes = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i]->k.i[TL_PATH], PATH_TGW);
		bytes += rows[i]->v.bytes;
	}
	assert_int_equal(bytes, 400);
	free(rows);
	assert_true(ktab_count(an->timeline) > 0);
	analysis_free(an);
	/* a run that reports the timeline alone fills no talkers, and the
	 * reverse */
	for (int want = WANT_TIMELINE; want <= WANT_TALKERS; want++) {
		an = analysis_new();
		an->want_secondary = want;
		for (int i = 0; i < 2; i++) {
			snprintf(line, sizeof(line), "%s", lines[i]);
			assert_int_equal(fl_parse_line(&lay, line, strlen(line), &rec), 0);
			analysis_add_record(an, T, &rec);
		}
		assert_int_equal(ktab_count(an->timeline) > 0, want == WANT_TIMELINE);
		assert_int_equal(ktab_count(an->talkers) > 0, want == WANT_TALKERS);
		analysis_free(an);
	}
}

static void test_transit_gateway_vantage(void **state)
{
	struct cls_result c;
	(void)state;
	/* a request from 10.50.1.1 arrives through the attachment ENI, which
	 * shows its own address as srcaddr */
	run("interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr",
	    "eni-tgw 10.0.1.200 10.0.1.5 10.50.1.1 10.0.1.5", &c);
	assert_int_equal(c.vantage, VANTAGE_TGW);
	assert_int_equal(c.path, PATH_TGW);
	SV_EQ(c.via, "tgw-1");
	assert_int_equal(c.direction, DIR_EGRESS);
	run("interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr",
	    "eni-tgw 10.0.1.5 10.0.1.200 10.0.1.5 10.1.0.4", &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	SV_EQ(c.remote_vpc, "vpc-b");
	/* the sending side: a workload's packet for vpc-b arrives at the
	 * attachment ENI (ingress), and the far side's reply leaves it
	 * (egress): the remote is vpc-b both times, never the workload */
	run("interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr flow-direction",
	    "eni-tgw 10.0.1.5 10.1.0.4 10.0.1.5 10.1.0.4 ingress", &c);
	SV_EQ(c.remote_vpc, "vpc-b");
	run("interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr flow-direction",
	    "eni-tgw 10.1.0.4 10.0.1.5 10.1.0.4 10.0.1.5 egress", &c);
	SV_EQ(c.remote_vpc, "vpc-b");
	/* without flow-direction: the VPC's address on the source side means
	 * the packet enters the transit gateway */
	run("interface-id srcaddr dstaddr", "eni-tgw 10.0.1.5 10.1.0.4", &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	SV_EQ(c.remote_vpc, "vpc-b");
	/* without pkt-* fields, the ENI's own srcaddr is not the peer: the
	 * remote is unknown rather than the attachment's own VPC, and not
	 * outside every VPC either (its totals count egress only) */
	run("interface-id srcaddr dstaddr", "eni-tgw 10.0.1.200 10.0.1.5", &c);
	assert_int_equal(c.direction, DIR_EGRESS);
	assert_int_equal(c.path, PATH_TGW);
	SV_EQ(c.remote_vpc, REMOTE_VPC_UNKNOWN);
	assert_false(row_in_totals(c.path, DIR_INGRESS, c.remote_vpc.len != 0, c.side));
	SV_EQ(c.remote_region, "");
}

/* A shared VPC (RAM): account 2 owns a VPC of its own and has interfaces
 * in account 1's shared subnet. Its records search the shared VPC too (a
 * new interface, not in the inventory); account 3, with a VPC of its own
 * and no interface in the shared one, does not. */
static void test_shared_vpc_participant(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-sh\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.20.0.0/16\"},"
		" {\"VpcId\":\"vpc-2\",\"OwnerId\":\"2\",\"CidrBlock\":\"10.40.0.0/16\"},"
		" {\"VpcId\":\"vpc-3\",\"OwnerId\":\"3\",\"CidrBlock\":\"10.60.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-sh\",\"VpcId\":\"vpc-sh\",\"OwnerId\":\"1\","
		" \"CidrBlock\":\"10.20.20.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
		" {\"SubnetId\":\"subnet-2\",\"VpcId\":\"vpc-2\",\"OwnerId\":\"2\","
		" \"CidrBlock\":\"10.40.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-2a\",\"OwnerId\":\"2\","
		" \"SubnetId\":\"subnet-sh\",\"VpcId\":\"vpc-sh\",\"PrivateIpAddress\":\"10.20.20.31\"}]}";
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of(topo);
	classify_in(t, "account-id interface-id srcaddr dstaddr", "2 eni-new 10.20.20.99 8.8.8.8", &c);
	SV_EQ(c.subnet, "subnet-sh");
	SV_EQ(c.vpc, "vpc-sh");
	assert_int_equal(c.direction, DIR_EGRESS);
	classify_in(t, "account-id interface-id srcaddr dstaddr", "3 eni-new 10.20.20.99 8.8.8.8", &c);
	assert_int_equal(c.reason, REASON_NO_SUBNET);
	/* its own VPCs come first */
	classify_in(t, "account-id interface-id srcaddr dstaddr", "2 eni-new 10.40.0.5 8.8.8.8", &c);
	SV_EQ(c.subnet, "subnet-2");
	topo_free(t);
}

static void test_account_scopes_vpcs(void **state)
{
	struct cls_result c;
	(void)state;
	/* 333333333333 owns vpc-c only: 10.0.1.5 (vpc-a) is not searched */
	run("account-id srcaddr dstaddr", "333333333333 10.0.1.5 10.0.2.9", &c);
	assert_int_equal(c.path, PATH_UNKNOWN);
	assert_int_equal(c.reason, REASON_NO_SUBNET);
	/* an account that owns no VPC at all (a participant of a shared VPC,
	 * whose ENIs sit in the owner's VPC) searches every VPC */
	run("account-id srcaddr dstaddr", "999999999999 10.0.1.5 10.0.2.9", &c);
	SV_EQ(c.subnet, "subnet-priv");
	assert_int_equal(c.path, PATH_LOCAL);
	/* AWS's "unknown" account (AWS-managed ENIs) searches every VPC */
	run("account-id srcaddr dstaddr", "unknown 10.0.1.5 10.0.2.9", &c);
	SV_EQ(c.subnet, "subnet-priv");
	assert_int_equal(c.path, PATH_LOCAL);
}

static void test_interface_endpoint_vantage(void **state)
{
	struct cls_result c;
	(void)state;
	run("interface-id srcaddr dstaddr", "eni-sqs 10.0.1.5 10.0.1.100", &c);
	assert_int_equal(c.vantage, VANTAGE_IFACE_EP);
	assert_int_equal(c.direction, DIR_INGRESS);
	assert_int_equal(c.path, PATH_INTERFACE_ENDPOINT);
	SV_EQ(c.service, "SQS");
	SV_EQ(c.via, "vpce-sqs");
	SV_EQ(c.subnet, "subnet-priv");
}

static void test_traffic_path_disagreement(void **state)
{
	struct cls_result c;
	const char *f = "interface-id srcaddr dstaddr flow-direction traffic-path";
	(void)state;
	run(f, "eni-1111aaaa2222bbbb3 10.0.1.5 10.1.0.7 egress 4", &c);
	assert_int_equal(c.path, PATH_PEERING);
	assert_true(c.traffic_path_checked);
	assert_true(c.traffic_path_agrees);
	run(f, "eni-1111aaaa2222bbbb3 10.0.1.5 10.1.0.7 egress 2", &c);
	assert_true(c.traffic_path_checked);
	assert_false(c.traffic_path_agrees);
	run(f, "eni-1111aaaa2222bbbb3 10.0.1.5 52.216.9.9 egress 7", &c);
	assert_true(c.traffic_path_agrees);
	/* ingress records are not compared */
	run(f, "eni-1111aaaa2222bbbb3 10.1.0.7 10.0.1.5 ingress 2", &c);
	assert_false(c.traffic_path_checked);
	/* each route kind against a value of another: local wants 1, a
	 * virtual private gateway 3, a local gateway 6 */
	static const struct {
		const char *dst;
		enum path path;
		int good, bad;
	} kinds[] = {
		{"10.0.2.9", PATH_LOCAL, 1, 2},
		{"192.168.4.4", PATH_VPN_DX, 3, 1},
		{"172.19.0.1", PATH_OTHER_GW, 6, 1},
		{"52.216.9.9", PATH_GATEWAY_ENDPOINT, 2, 1},
		{"8.8.8.8", PATH_NAT_INTERNET, 1, 2},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		for (int good = 0; good < 2; good++) {
			char line[160];
			snprintf(line, sizeof(line), "eni-1111aaaa2222bbbb3 10.0.1.5 %s egress %d",
				 kinds[i].dst, good ? kinds[i].good : kinds[i].bad);
			run(f, line, &c);
			assert_int_equal(c.path, kinds[i].path);
			assert_true(c.traffic_path_checked);
			if (c.traffic_path_agrees != good)
				fail_msg("%s with traffic-path %d: agrees %d", kinds[i].dst,
					 good ? kinds[i].good : kinds[i].bad, c.traffic_path_agrees);
		}
}

static void test_region_of_az(void **state)
{
	char buf[64];
	(void)state;
	assert_int_equal(topo_region_of_az("us-east-1a", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "us-east-1");
	assert_int_equal(topo_region_of_az("us-gov-west-1b", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "us-gov-west-1");
	assert_int_equal(topo_region_of_az("us-east-1-bos-1a", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "us-east-1");
	assert_int_equal(topo_region_of_az("us-east-1-wl1-bos-wlz-1", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "us-east-1");
	assert_int_equal(topo_region_of_az("nonsense", buf, sizeof(buf)), -1);
}

static void test_no_addresses(void **state)
{
	struct cls_result c;
	(void)state;
	run("interface-id srcaddr dstaddr", "eni-zz - 10.0.1.5", &c);
	assert_int_equal(c.path, PATH_UNKNOWN);
	assert_int_equal(c.reason, REASON_NO_ADDRESS);
	/* a known interface still gives its place, and its vantage */
	run("interface-id srcaddr dstaddr", "eni-1111aaaa2222bbbb3 10.0.1.5 -", &c);
	assert_int_equal(c.reason, REASON_NO_ADDRESS);
	assert_int_equal(c.vantage, VANTAGE_WORKLOAD);
	SV_EQ(c.vpc, "vpc-a");
	SV_EQ(c.subnet, "subnet-priv");
	SV_EQ(c.region, "us-east-1");
	run("interface-id srcaddr dstaddr", "eni-1235b8ca123456789 - -", &c);
	assert_int_equal(c.reason, REASON_NO_ADDRESS);
	assert_int_equal(c.vantage, VANTAGE_NAT);
	SV_EQ(c.vpc, "vpc-a");
}

/* Addresses of every class of the estate, and pairs of one class. */
static const char *const memo_addrs[] = {
	"10.0.1.5", "10.0.1.6", "10.0.0.220", "10.0.0.221", "10.0.1.100", "10.0.1.200",
	"10.0.0.5", "10.0.2.9", "10.1.0.7", "10.1.0.8", "10.2.0.7", "10.9.1.4", "10.50.1.1",
	"192.168.1.1", "172.16.0.1", "172.17.0.1", "172.18.0.1", "172.19.0.1", "172.20.0.1",
	"52.216.4.1", "52.216.4.2", "52.216.9.9", "52.217.0.1", "3.5.0.1", "52.94.0.1",
	"52.94.9.1", "3.80.0.1", "54.239.1.1", "52.218.0.1", "203.0.113.5", "198.51.100.7",
	"8.8.8.8", "2600:1f18:aaaa:aa01::5", "2600:1f18:aaaa:aa01::6", "2600:1f18::1",
	"2001:db8::1",
};

static void row_equal(const struct agg *x, const struct agg_row *a, const struct agg *y,
		      const struct agg_row *b)
{
	assert_int_equal(a->k.vantage, b->k.vantage);
	assert_int_equal(a->k.side, b->k.side);
	assert_int_equal(a->k.direction, b->k.direction);
	assert_int_equal(a->k.action, b->k.action);
	assert_int_equal(a->k.path, b->k.path);
	assert_int_equal(a->k.reason, b->k.reason);
	for (int j = 0; j < AGG_NSCOLS; j++)
		assert_string_equal(agg_str(x, a->k.s[j]), agg_str(y, b->k.s[j]));
	assert_int_equal(a->v.records, b->v.records);
	assert_int_equal(a->v.packets, b->v.packets);
	assert_int_equal(a->v.bytes, b->v.bytes);
}

/* The decision memo (keyed by address class) gives every record the row
 * the classifier gives it: every ENI role, every pair of addresses, with
 * pkt-* addresses absent, equal or different, and each direction. */
static void test_memo_agrees_with_classifier(void **state)
{
	static const char *const enis[] = {"eni-1111aaaa2222bbbb3", "eni-1235b8ca123456789",
					   "eni-sqs", "eni-tgw", "eni-unlisted"};
	static const char *const dirs[] = {"-", "egress", "ingress"};
	static const char f[] = "account-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr "
				"flow-direction packets bytes";
	const size_t na = sizeof(memo_addrs) / sizeof(memo_addrs[0]);
	struct fl_layout lay;
	char err[128], line[256];
	struct analysis *an = analysis_new();
	struct agg *want = agg_new();
	uint32_t x = 12345;
	size_t n = 0;
	(void)state;
	assert_int_equal(fl_layout_from_spec(&lay, f, strlen(f), err, sizeof(err)), 0);
	for (int pass = 0; pass < 2; pass++)
		for (size_t e = 0; e < sizeof(enis) / sizeof(enis[0]); e++)
			for (size_t i = 0; i < na; i++)
				for (size_t j = 0; j < na; j++) {
					x = x * 1103515245u + 12345u;
					unsigned r = (x >> 16) & 0xff;
					const char *ps = r % 3 == 0 ? "-" : r % 3 == 1 ? memo_addrs[i]
									: memo_addrs[(i + j + r) % na];
					const char *pd = r % 5 == 0 ? "-" : r % 5 < 3 ? memo_addrs[j]
									: memo_addrs[(i * 7 + r) % na];
					snprintf(line, sizeof(line), "111111111111 %s %s %s %s %s %s %u %u",
						 enis[e], memo_addrs[i], memo_addrs[j], ps, pd, dirs[r % 3],
						 r + 1, 100 * (r + 1));
					assert_int_equal(fl_parse_line(&lay, line, strlen(line), &rec), 0);
					analysis_add_record(an, T, &rec);
					struct cls_result c;
					classify(T, &rec, &c, NULL);
					agg_add(want, &c, rec.num[FL_PACKETS], rec.num[FL_BYTES], -1, -1);
					n++;
				}
	assert_true(n > 10000);
	/* rows are made in the same order: a hit only finds an existing row */
	assert_int_equal(agg_count(an->core), agg_count(want));
	assert_true(agg_count(want) > 50);
	for (size_t i = 0; i < agg_count(want); i++)
		row_equal(an->core, agg_row_at(an->core, i), want, agg_row_at(want, i));
	analysis_free(an);
	agg_free(want);
}

/* Talkers: a record without instance-id (version 2) takes the instance
 * from the inventory's attachment, so that one workload is one row
 * whether its records carry instance-id or not. */
static void test_talkers_instance_from_inventory(void **state)
{
	static const char *const lines[2] = {
		"eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 - 1 100",
		"eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 i-01234567890123456 1 100",
	};
	static const char f[] = "interface-id srcaddr dstaddr instance-id packets bytes";
	struct fl_layout lay;
	char err[128];
	struct analysis *an = analysis_new();
	size_t n;
	(void)state;
	assert_int_equal(fl_layout_from_spec(&lay, f, strlen(f), err, sizeof(err)), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(fl_parse_line(&lay, lines[i], strlen(lines[i]), &rec), 0);
		analysis_add_record(an, T, &rec);
	}
	const struct ktab_row **rows = ktab_sorted(an->talkers, &n);
	assert_int_equal(n, 1);
	assert_string_equal(ktab_str(an->talkers, rows[0]->k.s[TK_INSTANCE]), "i-01234567890123456");
	assert_int_equal(rows[0]->v.records, 2);
	free(rows);
	analysis_free(an);
}

/* nat-talkers: a NAT gateway ENI's vpc-side records name the workload
 * (the address that is not the NAT gateway's) and the interface of the
 * inventory holding it, both directions; the internet side is not a
 * workload. A record in a row past --max-rows is classified again for
 * its names, as the talkers' are. */
static void test_nat_talkers(void **state)
{
	static const char *const lines[4] = {
		"eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5 1000",
		"eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5 100",
		"eni-1235b8ca123456789 203.0.113.5 10.0.0.220 203.0.113.5 10.0.0.220 2000",
		"eni-1235b8ca123456789 10.0.0.220 10.0.1.5 203.0.113.5 10.0.1.5 200",
	};
	static const char f[] = "interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr bytes";
	struct fl_layout lay;
	char err[128];
	(void)state;
	assert_int_equal(fl_layout_from_spec(&lay, f, strlen(f), err, sizeof(err)), 0);
	for (size_t max_rows = 0; max_rows <= 1; max_rows++) {
		struct analysis *an = analysis_new();
		analysis_set_limits(an, max_rows, 0);
		for (int i = 0; i < 4; i++) {
			assert_int_equal(fl_parse_line(&lay, lines[i], strlen(lines[i]), &rec), 0);
			analysis_add_record(an, T, &rec);
		}
		size_t n;
		const struct ktab_row **rows = ktab_sorted(an->nat_talkers, &n);
		const struct ktab *kt = an->nat_talkers;
		assert_int_equal(n, 2); /* the two directions of one workload */
		uint64_t bytes = 0;
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_NAT]), "nat-1");
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_VPC]), "vpc-a");
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_WORKLOAD_VPC]), "vpc-a");
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_SUBNET]), "subnet-priv");
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_ADDRESS]), "10.0.1.5");
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_INTERFACE]), "eni-1111aaaa2222bbbb3");
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_INSTANCE]), "i-01234567890123456");
			assert_int_equal(rows[i]->k.i[TL_PATH], PATH_NAT_INTERNET);
			assert_string_equal(ktab_str(kt, rows[i]->k.s[NT_SERVICE_REGION]), "");
			bytes += rows[i]->v.bytes;
		}
		assert_int_equal(bytes, 300);
		free(rows);
		/* the workload's own ENI logged nothing: no talkers */
		assert_int_equal(ktab_count(an->talkers), 0);
		analysis_free(an);
	}
	/* workloads of other VPCs (centralized egress): one of the model
	 * (vpc-b) is named; 10.50.0.0/16 is in none, so nothing is */
	struct analysis *an = analysis_new();
	static const char *const spoke[2] = {
		"eni-1235b8ca123456789 10.1.0.7 10.0.0.220 10.1.0.7 203.0.113.5 10",
		"eni-1235b8ca123456789 10.50.1.1 10.0.0.220 10.50.1.1 203.0.113.5 10",
	};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(fl_parse_line(&lay, spoke[i], strlen(spoke[i]), &rec), 0);
		analysis_add_record(an, T, &rec);
	}
	size_t n;
	const struct ktab_row **rows = ktab_sorted(an->nat_talkers, &n);
	const struct ktab *kt = an->nat_talkers;
	assert_int_equal(n, 2);
	/* sorted by the strings: the empty workload_vpc first */
	assert_string_equal(ktab_str(kt, rows[1]->k.s[NT_ADDRESS]), "10.1.0.7");
	assert_string_equal(ktab_str(kt, rows[1]->k.s[NT_VPC]), "vpc-a");
	assert_string_equal(ktab_str(kt, rows[1]->k.s[NT_WORKLOAD_VPC]), "vpc-b");
	assert_string_equal(ktab_str(kt, rows[0]->k.s[NT_ADDRESS]), "10.50.1.1");
	assert_string_equal(ktab_str(kt, rows[0]->k.s[NT_WORKLOAD_VPC]), "");
	assert_string_equal(ktab_str(kt, rows[0]->k.s[NT_SUBNET]), "");
	assert_string_equal(ktab_str(kt, rows[0]->k.s[NT_INTERFACE]), "");
	free(rows);
	analysis_free(an);
}

/* More distinct decisions than the memo holds (32,768): it starts over
 * when full, and every row still matches the classifier's. */
static void test_memo_full_starts_over(void **state)
{
	static const char f[] = "account-id interface-id srcaddr dstaddr packets bytes";
	struct fl_layout lay;
	char err[128], line[256];
	struct analysis *an = analysis_new();
	struct agg *want = agg_new();
	(void)state;
	assert_int_equal(fl_layout_from_spec(&lay, f, strlen(f), err, sizeof(err)), 0);
	for (int pass = 0; pass < 2; pass++)
		for (unsigned i = 0; i < 40000; i++) {
			/* a distinct unlisted interface each: a distinct key */
			snprintf(line, sizeof(line), "111111111111 eni-%08x 10.0.1.5 %s 1 %u", i,
				 memo_addrs[i % 8 + 19], 100 + i % 7);
			assert_int_equal(fl_parse_line(&lay, line, strlen(line), &rec), 0);
			analysis_add_record(an, T, &rec);
			struct cls_result c;
			classify(T, &rec, &c, NULL);
			agg_add(want, &c, rec.num[FL_PACKETS], rec.num[FL_BYTES], -1, -1);
		}
	assert_int_equal(agg_count(an->core), agg_count(want));
	for (size_t i = 0; i < agg_count(want); i++)
		row_equal(an->core, agg_row_at(an->core, i), want, agg_row_at(want, i));
	analysis_free(an);
	agg_free(want);
}

static void test_shape_errors_name_path(void **state)
{
	static const char bad[] = "{\"RouteTables\":[{\"RouteTableId\":\"rtb-1\",\"Routes\":[\n"
				  "  {\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},\n"
				  "  {\"DestinationCidrBlock\":42}]}]}";
	struct topo *t = topo_new();
	struct diag d;
	(void)state;
	assert_int_equal(topo_load_buffer(t, "bad.json", bad, strlen(bad), &d), TJ_E_SHAPE);
	assert_string_equal(d.file, "bad.json");
	assert_int_equal(d.line, 3);
	assert_int_equal(d.column, 27);
	assert_non_null(strstr(d.msg, "RouteTables[0].Routes[1].DestinationCidrBlock"));
	topo_free(t);
	/* a missing key: the position of the object that lacks it */
	static const char missing[] = "{\"Vpcs\":[\n  {\"CidrBlock\":\"10.0.0.0/16\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "m.json", missing, strlen(missing), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.column, 3);
	assert_non_null(strstr(d.msg, "Vpcs[0].VpcId: expected a string (missing)"));
	topo_free(t);
	/* a value present but wrong is not called missing */
	static const char c33[] = "{\"Vpcs\":[{\"VpcId\":\"v\",\"CidrBlock\":\"10.0.0.0/33\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "c.json", c33, strlen(c33), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "Vpcs[0].CidrBlock: expected a CIDR block"));
	assert_null(strstr(d.msg, "missing"));
	topo_free(t);
	/* an array or an object of the wrong type: what was expected and found */
	static const char sub_obj[] = "{\"Vpcs\":[{\"VpcId\":\"v\",\"CidrBlock\":\"10.0.0.0/16\","
				      "\"CidrBlockAssociationSet\":{\"a\":1}}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "a.json", sub_obj, strlen(sub_obj), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "Vpcs[0].CidrBlockAssociationSet: expected an array"));
	topo_free(t);
	static const char att_arr[] = "{\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-1\","
				      "\"Attachment\":[1]}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "o.json", att_arr, strlen(att_arr), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "NetworkInterfaces[0].Attachment: expected an object"));
	topo_free(t);
	/* ids with control characters (they would reach terminals), as a
	 * field and in an array of ids */
	static const char ctl[] = "{\"Vpcs\":[{\"VpcId\":\"vpc-\\u001b[31m\",\"CidrBlock\":\"10.0.0.0/16\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "c.json", ctl, strlen(ctl), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "Vpcs[0].VpcId: expected a string without control characters"));
	topo_free(t);
	static const char ctl2[] = "{\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-1\",\"VpcEndpointType\":"
				   "\"Gateway\",\"VpcId\":\"vpc-a\",\"RouteTableIds\":[\"rtb-\\n\"]}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "c2.json", ctl2, strlen(ctl2), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "RouteTableIds[0]: expected a string without control characters"));
	topo_free(t);
	/* a C1 control character (U+0085) is one too; U+00A0 is not */
	static const char c1[] = "{\"Vpcs\":[{\"VpcId\":\"vpc-\\u0085\",\"CidrBlock\":\"10.0.0.0/16\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "c1.json", c1, strlen(c1), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "Vpcs[0].VpcId: expected a string without control characters"));
	topo_free(t);
	static const char nbsp[] = "{\"Vpcs\":[{\"VpcId\":\"vpc-\\u00a0\",\"CidrBlock\":\"10.0.0.0/16\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "nb.json", nbsp, strlen(nbsp), &d), 0);
	topo_free(t);
	/* a comma or a space in an id, an id of a list, a route's target or a
	 * peering's status: reports join ids with commas */
	static const char sep[][200] = {
		"{\"Subnets\":[{\"SubnetId\":\"subnet-a,b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}]}",
		"{\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-1\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
		"\"RouteTableIds\":[\"rtb-1 rtb-2\"]}]}",
		"{\"RouteTables\":[{\"RouteTableId\":\"rtb-1\",\"VpcId\":\"vpc-a\",\"Routes\":[{\"DestinationCidrBlock\":"
		"\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1,nat-2\"}]}]}",
	};
	static const char *const sep_path[] = {"Subnets[0].SubnetId", "RouteTableIds[0]",
					       "RouteTables[0].Routes[0].NatGatewayId"};
	for (size_t i = 0; i < 3; i++) {
		t = topo_new();
		assert_int_equal(topo_load_buffer(t, "sep.json", sep[i], strlen(sep[i]), &d), TJ_E_SHAPE);
		assert_non_null(strstr(d.msg, sep_path[i]));
		assert_non_null(strstr(d.msg, "expected an id without commas or spaces"));
		topo_free(t);
	}
	/* a description is free text */
	static const char desc[] = "{\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-1\",\"Description\":"
				   "\"Interface for NAT Gateway nat-1, in a\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "desc.json", desc, strlen(desc), &d), 0);
	topo_free(t);
	/* the output of --query Vpcs: a bare array */
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "q.json", "[{\"VpcId\":\"v\"}]", 15, &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 1);
	assert_non_null(strstr(d.msg, "(top level): expected an object"));
	assert_non_null(strstr(d.msg, "without --query"));
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "syn.json", "{\"Vpcs\": [", 10, &d), TJ_E_SYNTAX);
	assert_int_equal(d.line, 1);
	assert_non_null(strstr(d.msg, "Vpcs[0]: malformed JSON: "));
	topo_free(t);
	/* a CloudFormation template and a Terraform state are named as such */
	static const char *const not_describe[][2] = {
		{"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{}}", "a CloudFormation template"},
		{"{\"Resources\":{\"V\":{\"Type\":\"AWS::EC2::VPC\"}}}", "a CloudFormation template"},
		{"{\"version\":4,\"terraform_version\":\"1.6.0\",\"resources\":[]}", "a Terraform state"},
	};
	for (size_t i = 0; i < 3; i++) {
		t = topo_new();
		assert_int_equal(topo_load_buffer(t, "x.json", not_describe[i][0], strlen(not_describe[i][0]), &d),
				 TJ_E_EMPTY);
		assert_non_null(strstr(d.msg, not_describe[i][1]));
		assert_non_null(strstr(d.msg, "not describe output"));
		topo_free(t);
	}
	/* malformed JSON names the path it was reading too (paths.md 1): a
	 * trailing comma, a file cut short, deep in a second document, past
	 * strings holding brackets, commas and escaped quotes */
	static const struct {
		const char *json, *path;
	} syn[] = {
		{"{\"Vpcs\":[{\"VpcId\":\"v\",}]}", "syn.json:1:23: Vpcs[0]: malformed JSON: "},
		{"{\"Vpcs\":[]}\n{\"RouteTables\":[{\"RouteTableId\":\"r[,{\\\"\",\"Routes\":[{},\n{\"GatewayId\":",
		 "syn.json:3:13: RouteTables[0].Routes[1].GatewayId: malformed JSON: "},
		{"{\"Vpcs\":[1,2,x]}", "syn.json:1:14: Vpcs[2]: malformed JSON: "},
		/* a closing bracket where a value should be: the path inside */
		{"{\"Subnets\": [{\"SubnetId\":\"subnet-1\"},]}", "syn.json:1:38: Subnets[1]: malformed JSON: "},
		{"{\"RouteTables\": [{\"Routes\": [1, 2 }", "syn.json:1:35: RouteTables[0].Routes[1]: malformed JSON: "},
		{"{,}", "syn.json:1:2: malformed JSON: "},
	};
	for (size_t i = 0; i < sizeof(syn) / sizeof(syn[0]); i++) {
		t = topo_new();
		assert_int_equal(topo_load_buffer(t, "syn.json", syn[i].json, strlen(syn[i].json), &d), TJ_E_SYNTAX);
		char where[2048];
		snprintf(where, sizeof(where), "%s:%" PRIu64 ":%" PRIu64 ": %s", d.file, d.line, d.column, d.msg);
		if (strncmp(where, syn[i].path, strlen(syn[i].path)) != 0)
			fail_msg("case %zu: %s", i, where);
		topo_free(t);
	}
	/* a top-level key's path is the key alone */
	static const char vpcs_obj[] = "{\"Vpcs\":{\"VpcId\":\"v\"}}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "o.json", vpcs_obj, strlen(vpcs_obj), &d), TJ_E_SHAPE);
	assert_int_equal(strncmp(d.msg, "Vpcs: expected an array, got an object", 38), 0);
	topo_free(t);
	/* "Main" as AWS prints it is a boolean, not a string */
	static const char main_str[] = "{\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\","
				       "\"Associations\":[{\"Main\":\"true\"}]}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "m.json", main_str, strlen(main_str), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "RouteTables[0].Associations[0].Main: expected a boolean, got a string"));
	topo_free(t);
	/* the position past a string holding an escaped quote */
	static const char quoted[] = "{\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-1\","
				     "\"Description\":\"say \\\"hi\\\"\",\n \"PrivateIpAddress\":\"300.1.1.1\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "q.json", quoted, strlen(quoted), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.column, 21);
	assert_null(strstr(d.msg, "(missing)"));
	topo_free(t);
	/* the position of the key named, not of a longer key it begins */
	static const char prefix_key[] = "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlockAssociationSet\":[],\n"
					 "  \"CidrBlock\":\"10.0.0.0/33\"}]}";
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "p.json", prefix_key, strlen(prefix_key), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.column, 15);
	topo_free(t);
}

static void test_ipranges_errors(void **state)
{
	static const char shape[] = "{\"syncToken\": \"1\", \"prefixes\": [\n"
				    "  {\"ip_prefix\": \"3.5.140.0/22\", \"region\": \"ap-northeast-2\", \"service\": \"AMAZON\"},\n"
				    "  {\"ip_prefix\": \"3.5.140/22\", \"region\": \"x\", \"service\": \"S3\"}]}";
	static const char syntax[] = "{\"prefixes\": [\n  {\"ip_prefix\": \"3.5.140.0/22\",}]}";
	static const char missing[] = "{\"prefixes\": [{\"ip_prefix\": \"3.5.140.0/22\", \"region\": \"x\"}]}";
	static const char good[] = "{\"syncToken\":\"17\",\"createDate\":\"2026-08-22-00-00-00\",\"extra\":[1,-2.5e3,true,null,{\"a\":\"\\u00e9\"}],"
				   "\"prefixes\":[{\"ip_prefix\":\"52.216.0.0/15\",\"region\":\"us-east-1\",\"service\":\"S3\",\"network_border_group\":\"us-east-1\"}],"
				   "\"ipv6_prefixes\":[{\"ipv6_prefix\":\"2600:1f18::/33\",\"region\":\"us-east-1\",\"service\":\"EC2\"}]}";
	struct diag d;
	struct topo *t = topo_new();
	(void)state;
	assert_int_equal(ipranges_load_buffer(t, "r.json", shape, strlen(shape), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.column, 3);
	assert_non_null(strstr(d.msg, "prefixes[1].ip_prefix"));
	assert_int_equal(ipranges_load_buffer(t, "r.json", syntax, strlen(syntax), &d), TJ_E_SYNTAX);
	assert_int_equal(d.line, 2);
	assert_non_null(strstr(d.msg, "prefixes[0]: malformed JSON: "));
	assert_int_equal(ipranges_load_buffer(t, "r.json", missing, strlen(missing), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "prefixes[0].service"));
	topo_free(t);
	t = topo_new();
	assert_int_equal(ipranges_load_buffer(t, "r.json", good, strlen(good), &d), 0);
	topo_finish(t);
	const struct t_range *rg;
	struct fl_addr a;
	assert_int_equal(fl_addr_parse("2600:1f18::9", 12, &a), 0);
	assert_true(topo_service_of(t, &a, &rg));
	assert_string_equal(strpool_str(t->pool, rg->service_s), "EC2");
	assert_string_equal(strpool_str(t->pool, t->ranges_sync_s), "17");
	topo_free(t);
}

/* ip-ranges.json is read strictly: control characters, a missing region,
 * an over-long field, text after the object and an object without
 * prefixes are errors; --max-ranges allows that many prefixes, no more. */
static void test_ipranges_strict(void **state)
{
	static const char ctl[] = "{\"prefixes\":[{\"ip_prefix\":\"52.216.0.0/15\",\"region\":\"us-east-1\","
				  "\"service\":\"S\x01\"}]}";
	static const char no_region[] = "{\"prefixes\":[{\"ip_prefix\":\"52.216.0.0/15\",\"service\":\"S3\"}]}";
	static const char long_service[] = "{\"prefixes\":[{\"ip_prefix\":\"52.216.0.0/15\",\"region\":\"us-east-1\","
					   "\"service\":\"S3_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}";
	static const char four[] = "{\"prefixes\":[{\"ip_prefix\":\"1.0.0.0/24\",\"region\":\"r\",\"service\":\"S3\"},"
				   "{\"ip_prefix\":\"2.0.0.0/24\",\"region\":\"r\",\"service\":\"S3\"},"
				   "{\"ip_prefix\":\"3.0.0.0/24\",\"region\":\"r\",\"service\":\"S3\"},"
				   "{\"ip_prefix\":\"4.0.0.0/24\",\"region\":\"r\",\"service\":\"S3\"}]}";
	static const char twice[] = "{\"prefixes\":[]} {\"prefixes\":[]}";
	static const char topology[] = "{\"Vpcs\":[]}";
	struct diag d;
	(void)state;
	struct topo *t = topo_new();
	assert_int_equal(ipranges_load_buffer(t, "r.json", ctl, strlen(ctl), &d), TJ_E_SYNTAX);
	assert_non_null(strstr(d.msg, "control character"));
	assert_int_equal(ipranges_load_buffer(t, "r.json", no_region, strlen(no_region), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "prefixes[0].region"));
	assert_int_equal(ipranges_load_buffer(t, "r.json", long_service, strlen(long_service), &d), TJ_E_SHAPE);
	assert_non_null(strstr(d.msg, "prefixes[0].service: expected a shorter string"));
	assert_int_equal(ipranges_load_buffer(t, "r.json", twice, strlen(twice), &d), TJ_E_SYNTAX);
	assert_non_null(strstr(d.msg, "text after"));
	assert_int_equal(ipranges_load_buffer(t, "r.json", topology, strlen(topology), &d), TJ_E_SHAPE);
	topo_free(t);
	t = topo_new();
	t->max_ranges = 3;
	assert_int_equal(ipranges_load_buffer(t, "r.json", four, strlen(four), &d), TJ_E_LIMIT);
	assert_non_null(strstr(d.msg, "more than 3 prefixes (--max-ranges)"));
	topo_free(t);
	t = topo_new();
	t->max_ranges = 4;
	assert_int_equal(ipranges_load_buffer(t, "r.json", four, strlen(four), &d), 0);
	topo_free(t);
}

/* A top-level array (the output of a jq filter, say) is a file of the
 * wrong shape, not malformed JSON, and the message names the top level
 * as the topology loader does. */
static void test_ipranges_top_level_array(void **state)
{
	static const char arr[] = "[{\"ip_prefix\":\"52.216.0.0/15\",\"region\":\"us-east-1\",\"service\":\"S3\"}]";
	struct diag d;
	(void)state;
	struct topo *t = topo_new();
	assert_int_equal(ipranges_load_buffer(t, "r.json", arr, strlen(arr), &d), TJ_E_SHAPE);
	if (strncmp(d.msg, ": ", 2) == 0 || !strstr(d.msg, "(top level)"))
		fail_msg("want the top level named in: %s", d.msg);
	topo_free(t);
}

/*
 * Rules of paths.md that the estate above cannot tell apart, each on a
 * record made to show it (every expectation fails when its rule is
 * dropped): flow-direction over address inference; pkt-dstaddr /
 * pkt-srcaddr as the remote; the service preference of section 1; the
 * gateway endpoint's prefix list expanded by service and region; the
 * ENI's subnet before the CIDR search; carrier gateways and core
 * networks; the gateway endpoint's service without ip-ranges.
 */
static const char rules_topo[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.0.0.0/16\"},"
	" {\"VpcId\":\"vpc-p\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.7.0.0/16\"}],"
	"\"Subnets\":["
	"{\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\",\"AvailabilityZone\":\"us-east-1b\"},"
	"{\"SubnetId\":\"subnet-pub\",\"VpcId\":\"vpc-p\",\"CidrBlock\":\"10.7.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
	"\"RouteTables\":["
	"{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],\"Routes\":["
	" {\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	" {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"},"
	" {\"DestinationPrefixListId\":\"pl-ddb\",\"GatewayId\":\"vpce-ddb\"},"
	" {\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"},"
	" {\"DestinationCidrBlock\":\"192.0.2.0/25\",\"CarrierGatewayId\":\"cagw-1\"},"
	" {\"DestinationCidrBlock\":\"192.0.2.128/25\",\"CoreNetworkArn\":\"arn:aws:networkmanager::1:core-network/cn-1\"},"
	" {\"DestinationCidrBlock\":\"198.18.0.0/15\",\"NatGatewayId\":\"nat-old\",\"State\":\"blackhole\"}]},"
	"{\"RouteTableId\":\"rtb-p\",\"VpcId\":\"vpc-p\",\"Associations\":[{\"Main\":true}],\"Routes\":["
	" {\"DestinationCidrBlock\":\"10.7.0.0/16\",\"GatewayId\":\"local\"},"
	" {\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-p\"}]}],"
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\","
	" \"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-nat\",\"PrivateIp\":\"10.0.1.250\"}]}],"
	"\"VpcEndpoints\":["
	"{\"VpcEndpointId\":\"vpce-ddb\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.dynamodb\",\"RouteTableIds\":[\"rtb-a\"]},"
	"{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
	" \"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]}],"
	"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\","
	" \"Cidrs\":[\"52.216.0.0/15\"]}],"
	"\"NetworkInterfaces\":["
	"{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\","
	" \"PrivateIpAddresses\":[{\"PrivateIpAddress\":\"10.0.1.5\"}]},"
	"{\"NetworkInterfaceId\":\"eni-n\",\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\"}]}";

#define RANGE(p, r, svc)                                                                           \
	"{\"ip_prefix\":\"" p "\",\"region\":\"" r "\",\"service\":\"" svc "\",\"network_border_group\":\"" r "\"}"
static const char rules_ranges[] =
	"{\"syncToken\":\"1\",\"createDate\":\"2026-08-22-00-00-00\",\"prefixes\":["
	RANGE("52.94.0.0/22", "us-east-1", "DYNAMODB") "," RANGE("52.94.4.0/22", "eu-west-1", "DYNAMODB") ","
	RANGE("52.216.0.0/15", "us-east-1", "S3") "," RANGE("3.5.0.0/19", "us-east-1", "CLOUDFRONT") ","
	RANGE("3.5.0.0/19", "us-east-1", "S3") "," RANGE("3.80.0.0/12", "us-east-1", "EC2") ","
	RANGE("3.80.0.0/12", "us-east-1", "ROUTE53_HEALTHCHECKS") "," RANGE("3.80.0.0/12", "us-east-1", "AMAZON")
	"],\"ipv6_prefixes\":[]}";
#undef RANGE

static void test_rules_on_their_own_records(void **state)
{
	static const char spec[] = "account-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr "
				   "packets bytes start end action log-status flow-direction";
	static const struct {
		const char *line; /* after the account and the interface */
		const char *subnet;
		enum direction dir;
		enum path path;
		const char *service, *service_region, *via;
	} cases[] = {
		/* section 3: flow-direction wins over the addresses, which say
		 * subnet-b sends (unknown ENI, both in the VPC) */
		{"eni-zz 10.0.2.4 10.0.1.9 - - 1 100 1 2 ACCEPT OK ingress", "subnet-priv", DIR_INGRESS,
		 PATH_LOCAL, "", "", ""},
		/* section 3: the remote is pkt-dstaddr (egress), pkt-srcaddr (ingress) */
		{"eni-w 10.0.1.5 10.0.1.77 10.0.1.5 52.216.3.3 1 100 1 2 ACCEPT OK egress", "subnet-priv",
		 DIR_EGRESS, PATH_GATEWAY_ENDPOINT, "S3", "us-east-1", "vpce-s3"},
		{"eni-w 10.0.1.77 10.0.1.5 52.216.3.3 10.0.1.5 1 100 1 2 ACCEPT OK ingress", "subnet-priv",
		 DIR_INGRESS, PATH_GATEWAY_ENDPOINT, "S3", "us-east-1", "vpce-s3"},
		/* section 1: S3 and DYNAMODB before any other service... */
		{"eni-zz 10.7.1.5 3.5.0.9 - - 1 100 1 2 ACCEPT OK egress", "subnet-pub", DIR_EGRESS,
		 PATH_IGW_AWS, "S3", "us-east-1", "igw-p"},
		/* ...any other service before EC2 */
		{"eni-zz 10.7.1.5 3.80.0.9 - - 1 100 1 2 ACCEPT OK egress", "subnet-pub", DIR_EGRESS,
		 PATH_IGW_AWS, "ROUTE53_HEALTHCHECKS", "us-east-1", "igw-p"},
		/* section 4: pl-ddb (not in PrefixLists) is the DYNAMODB ranges
		 * of the endpoint's region only: eu-west-1's go to the NAT */
		{"eni-w 10.0.1.5 52.94.4.9 - - 1 100 1 2 ACCEPT OK egress", "subnet-priv", DIR_EGRESS,
		 PATH_NAT_AWS, "DYNAMODB", "eu-west-1", "nat-1"},
		{"eni-w 10.0.1.5 52.94.0.9 - - 1 100 1 2 ACCEPT OK egress", "subnet-priv", DIR_EGRESS,
		 PATH_GATEWAY_ENDPOINT, "DYNAMODB", "us-east-1", "vpce-ddb"},
		/* section 4: pl-s3's PrefixLists CIDRs, not the S3 ranges, are
		 * the route: 3.5.0.0/19 (S3 in ip-ranges) is not on it */
		{"eni-w 10.0.1.5 3.5.0.9 - - 1 100 1 2 ACCEPT OK egress", "subnet-priv", DIR_EGRESS,
		 PATH_NAT_AWS, "S3", "us-east-1", "nat-1"},
		/* section 3: the ENI's subnet from NetworkInterfaces before the
		 * CIDR search (which would give subnet-priv) */
		{"eni-n 10.0.1.9 10.0.2.4 - - 1 100 1 2 ACCEPT OK -", "subnet-b", DIR_UNKNOWN, PATH_LOCAL,
		 "", "", ""},
		/* section 4: carrier gateways and core networks */
		{"eni-w 10.0.1.5 192.0.2.9 - - 1 100 1 2 ACCEPT OK egress", "subnet-priv", DIR_EGRESS,
		 PATH_OTHER_GW, "", "", "cagw-1"},
		{"eni-w 10.0.1.5 192.0.2.200 - - 1 100 1 2 ACCEPT OK egress", "subnet-priv", DIR_EGRESS,
		 PATH_OTHER_GW, "", "", "arn:aws:networkmanager::1:core-network/cn-1"},
	};
	struct diag d;
	struct cls_result c;
	char line[256];
	(void)state;
	struct topo *t = topo_new();
	assert_int_equal(topo_load_buffer(t, "rules.json", rules_topo, strlen(rules_topo), &d), 0);
	assert_int_equal(ipranges_load_buffer(t, "r.json", rules_ranges, strlen(rules_ranges), &d), 0);
	topo_finish(t);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "111111111111 %s", cases[i].line);
		classify_in(t, spec, line, &c);
		if (c.path != cases[i].path || c.direction != cases[i].dir)
			fail_msg("case %zu: path %s, direction %s", i, path_name(c.path),
				 direction_name(c.direction));
		SV_EQ(c.subnet, cases[i].subnet);
		SV_EQ(c.service, cases[i].service);
		SV_EQ(c.service_region, cases[i].service_region);
		SV_EQ(c.via, cases[i].via);
	}
	topo_free(t);

	/* section 4: a gateway endpoint's service is the endpoint's, with
	 * no ip-ranges at all */
	t = topo_of(rules_topo);
	classify_in(t, spec, "111111111111 eni-w 10.0.1.5 52.216.3.3 - - 1 100 1 2 ACCEPT OK egress", &c);
	assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
	SV_EQ(c.service, "S3");
	SV_EQ(c.service_region, "us-east-1");
	SV_EQ(c.via, "vpce-s3");
	topo_free(t);
}

/* section 4: a gateway endpoint's prefix list, not in PrefixLists, is the
 * ip-ranges prefixes of its service and region of the families its
 * IpAddressType carries: IPv6 ones for a dualstack endpoint, none for an
 * IPv4 one (or one described before dual-stack endpoints). And a CIDR
 * route to an unknown vpce is an appliance's (docs/behaviour.md). */
static void test_gateway_endpoint_ipv6_prefixes(void **state)
{
#define TOPO_(ipt, pl)                                                                             \
	"{\"Vpcs\":[{\"VpcId\":\"vpc-6\",\"CidrBlock\":\"10.6.0.0/16\",\"Ipv6CidrBlockAssociationSet\":" \
	"[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa00::/56\"}]}],"                                       \
	"\"Subnets\":[{\"SubnetId\":\"subnet-6\",\"VpcId\":\"vpc-6\",\"CidrBlock\":\"10.6.1.0/24\","  \
	"\"Ipv6CidrBlockAssociationSet\":[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa01::/64\"}]}],"       \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-6\",\"VpcId\":\"vpc-6\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.6.0.0/16\",\"GatewayId\":\"local\"},"          \
	"{\"DestinationIpv6CidrBlock\":\"2600:1f18:aaaa:aa00::/56\",\"GatewayId\":\"local\"},"       \
	"{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"},"                       \
	"{\"DestinationCidrBlock\":\"192.0.2.0/24\",\"GatewayId\":\"vpce-0inspect\"},"              \
	"{\"DestinationIpv6CidrBlock\":\"::/0\",\"EgressOnlyInternetGatewayId\":\"eigw-6\"}]}],"    \
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\","        \
	"\"VpcId\":\"vpc-6\",\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-6\"]" ipt "}]" pl "}"
	/* the list's CIDRs from ip-ranges, or from describe-prefix-lists
	 * (IPv6 ones too): an IPv4 endpoint carries IPv4 alone either way */
#define PL_ ",\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\"," \
	"\"Cidrs\":[\"52.216.0.0/15\",\"2600:1fa0:8000::/39\"]}]"
	static const char v4[] = TOPO_("", ""), dual[] = TOPO_(",\"IpAddressType\":\"dualstack\"", ""),
			  v4pl[] = TOPO_("", PL_), dualpl[] = TOPO_(",\"IpAddressType\":\"dualstack\"", PL_);
#undef TOPO_
#undef PL_
	static const char ranges6[] =
		"{\"syncToken\":\"1\",\"createDate\":\"2026-08-22-00-00-00\",\"prefixes\":[{\"ip_prefix\":"
		"\"52.216.0.0/15\",\"region\":\"us-east-1\",\"service\":\"S3\",\"network_border_group\":"
		"\"us-east-1\"}],\"ipv6_prefixes\":[{\"ipv6_prefix\":\"2600:1fa0:8000::/39\",\"region\":"
		"\"us-east-1\",\"service\":\"S3\",\"network_border_group\":\"us-east-1\"}]}";
	static const char spec[] = "account-id interface-id srcaddr dstaddr action log-status flow-direction";
	struct diag d;
	struct cls_result c;
	(void)state;
	const char *const jsons[4] = {v4, dual, v4pl, dualpl};
	for (int i = 0; i < 4; i++) {
		int k = i & 1; /* dualstack */
		struct topo *t = topo_new();
		const char *json = jsons[i];
		assert_int_equal(topo_load_buffer(t, "gwe6.json", json, strlen(json), &d), 0);
		assert_int_equal(ipranges_load_buffer(t, "r.json", ranges6, strlen(ranges6), &d), 0);
		topo_finish(t);
		classify_in(t, spec, "1 eni-x 10.6.1.5 52.216.1.1 ACCEPT OK egress", &c);
		assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
		classify_in(t, spec, "1 eni-x 2600:1f18:aaaa:aa01::5 2600:1fa0:8000::10 ACCEPT OK egress", &c);
		if (k) {
			assert_int_equal(c.path, PATH_GATEWAY_ENDPOINT);
			SV_EQ(c.via, "vpce-s3");
		} else {
			assert_int_equal(c.path, PATH_IGW_AWS);
			SV_EQ(c.via, "eigw-6");
		}
		SV_EQ(c.service, "S3");
		/* a CIDR route to an endpoint the topology lacks: a Gateway
		 * Load Balancer endpoint's (a gateway endpoint's routes are
		 * prefix lists) */
		classify_in(t, spec, "1 eni-x 10.6.1.5 192.0.2.9 ACCEPT OK egress", &c);
		assert_int_equal(c.path, PATH_APPLIANCE);
		SV_EQ(c.via, "vpce-0inspect");
		topo_free(t);
	}
}

/* Rules the other scenarios pass however they are ordered, each on a
 * record that tells: flow-direction before the interface's addresses
 * (workload and transit gateway ENIs, 3.2 and 2); the record's
 * subnet-id before the interface's subnet (3.1); a subnet of the VPCs,
 * not their CIDRs, decides the direction (3.2); traffic-path compared on
 * transit gateway routes (4); a peering's IPv6 CIDRs (4). */
static void test_rules_order_and_sources(void **state)
{
	struct cls_result c;
	(void)state;
	/* the interface's address is srcaddr, flow-direction says ingress */
	run("interface-id srcaddr dstaddr flow-direction", "eni-1111aaaa2222bbbb3 10.0.1.5 10.0.1.9 ingress",
	    &c);
	assert_int_equal(c.direction, DIR_INGRESS);
	run("interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr flow-direction",
	    "eni-tgw 10.0.1.200 10.0.1.5 10.50.1.1 10.0.1.5 ingress", &c);
	assert_int_equal(c.vantage, VANTAGE_TGW);
	assert_int_equal(c.direction, DIR_INGRESS);
	/* the record's subnet-id (subnet-pub: its main table's igw) over
	 * the interface's subnet-priv (NAT) */
	run("interface-id subnet-id srcaddr dstaddr flow-direction",
	    "eni-1111aaaa2222bbbb3 subnet-pub 10.0.1.5 203.0.113.9 egress", &c);
	SV_EQ(c.subnet, "subnet-pub");
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	/* 10.0.200.1 is in vpc-a's CIDR but in none of its subnets: the
	 * source is the one in a subnet */
	run("interface-id srcaddr dstaddr", "eni-zz 10.0.1.7 10.0.200.1", &c);
	assert_int_equal(c.direction, DIR_EGRESS);
	SV_EQ(c.subnet, "subnet-priv");
	/* traffic-path 2 (internet gateway) on a transit gateway route */
	run("interface-id srcaddr dstaddr flow-direction traffic-path",
	    "eni-1111aaaa2222bbbb3 10.0.1.5 10.50.1.1 egress 2", &c);
	assert_int_equal(c.path, PATH_TGW);
	assert_true(c.traffic_path_checked);
	assert_false(c.traffic_path_agrees);
	run("interface-id srcaddr dstaddr flow-direction traffic-path",
	    "eni-1111aaaa2222bbbb3 10.0.1.5 10.50.1.1 egress 1", &c);
	assert_true(c.traffic_path_checked);
	assert_true(c.traffic_path_agrees);
	/* IPv6 through a peering whose peer side gives its CIDRs in
	 * Ipv6CidrBlockSet only */
	struct topo *t = topo_of(
		"{\"Vpcs\":[{\"VpcId\":\"vpc-6a\",\"CidrBlock\":\"10.60.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-6a\",\"VpcId\":\"vpc-6a\",\"CidrBlock\":\"10.60.1.0/24\","
		"\"Ipv6CidrBlockAssociationSet\":[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa01::/64\"}]}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-6a\",\"VpcId\":\"vpc-6a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationIpv6CidrBlock\":\"2600:1f18:bbbb:bb00::/56\","
		"\"VpcPeeringConnectionId\":\"pcx-6\"}]}],"
		"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-6\",\"Status\":{\"Code\":\"active\"},"
		"\"RequesterVpcInfo\":{\"VpcId\":\"vpc-6a\",\"CidrBlock\":\"10.60.0.0/16\"},"
		"\"AccepterVpcInfo\":{\"VpcId\":\"vpc-6b\",\"CidrBlock\":\"10.61.0.0/16\","
		"\"Ipv6CidrBlockSet\":[{\"Ipv6CidrBlock\":\"2600:1f18:bbbb:bb00::/56\"}]}}]}");
	classify_in(t, "interface-id srcaddr dstaddr flow-direction",
		    "eni-6 2600:1f18:aaaa:aa01::5 2600:1f18:bbbb:bb00::9 egress", &c);
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.via, "pcx-6");
	topo_free(t);
}

/* section 1: the region is the subnet's AZ's, else the record's region
 * field; section 4: traffic-path is compared where the topology routes
 * the flow (an unroutable one is not compared: docs/behaviour.md). */
static void test_region_field_and_unroutable_traffic_path(void **state)
{
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of("{\"Vpcs\":[{\"VpcId\":\"vpc-r\",\"CidrBlock\":\"10.8.0.0/16\"}],"
				 "\"Subnets\":[{\"SubnetId\":\"subnet-r\",\"VpcId\":\"vpc-r\",\"CidrBlock\":\"10.8.1.0/24\"}]}");
	classify_in(t, "account-id interface-id srcaddr dstaddr action log-status flow-direction region",
		    "111111111111 eni-x 10.8.1.5 203.0.113.9 ACCEPT OK egress eu-west-1", &c);
	SV_EQ(c.subnet, "subnet-r");
	SV_EQ(c.region, "eu-west-1");
	topo_free(t);

	t = topo_of(rules_topo);
	static const char spec[] = "account-id interface-id srcaddr dstaddr action log-status "
				   "flow-direction traffic-path";
	classify_in(t, spec, "111111111111 eni-w 10.0.1.5 198.18.0.1 ACCEPT OK egress 1", &c);
	assert_int_equal(c.path, PATH_UNROUTABLE);
	assert_false(c.traffic_path_checked);
	classify_in(t, spec, "111111111111 eni-w 10.0.1.5 203.0.113.9 ACCEPT OK egress 8", &c);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	assert_true(c.traffic_path_checked);
	assert_false(c.traffic_path_agrees);
	classify_in(t, spec, "111111111111 eni-w 10.0.1.5 203.0.113.9 ACCEPT OK egress 1", &c);
	assert_true(c.traffic_path_checked);
	assert_true(c.traffic_path_agrees);
	topo_free(t);
}

/* Rules a code mutation audit found untested, each with the topology on
 * which breaking it changes a row. */
static const char topo_m9[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-x\",\"OwnerId\":\"222222222222\","
	"\"CidrBlock\":\"10.9.0.0/16\"},{\"VpcId\":\"vpc-y\",\"OwnerId\":\"333333333333\","
	"\"CidrBlock\":\"10.9.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-x\","
	"\"VpcId\":\"vpc-x\",\"CidrBlock\":\"10.9.1.0/24\",\"AvailabilityZone\":\"us-west-2a\"},"
	"{\"SubnetId\":\"subnet-y\",\"VpcId\":\"vpc-y\",\"CidrBlock\":\"10.9.1.0/24\","
	"\"AvailabilityZone\":\"us-west-2b\"}],\"RouteTables\":[{\"RouteTableId\":\"rtb-x\","
	"\"VpcId\":\"vpc-x\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"GatewayId\":\"local\"}]},"
	"{\"RouteTableId\":\"rtb-y\",\"VpcId\":\"vpc-y\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"GatewayId\":\"local\"}]}]}";
static const char topo_m20[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"},{\"VpcId\":\"vpc-b\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.1.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.0.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"}],\"RouteTables\":[{\"RouteTableId\":\"rtb-a\","
	"\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ab\"}]},"
	"{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-b\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ab\"}]}],"
	"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-ab\","
	"\"Status\":{\"Code\":\"active\"},\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\","
	"\"OwnerId\":\"111111111111\",\"Region\":\"us-east-1\",\"CidrBlock\":\"10.0.0.0/16\"},"
	"\"AccepterVpcInfo\":{\"VpcId\":\"vpc-b\",\"OwnerId\":\"111111111111\","
	"\"Region\":\"us-east-1\",\"CidrBlock\":\"10.1.0.0/16\"}}],"
	"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"InterfaceType\":\"interface\","
	"\"PrivateIpAddress\":\"10.0.1.5\","
	"\"PrivateIpAddresses\":[{\"PrivateIpAddress\":\"10.0.1.5\"}]}]}";
static const char topo_m24[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-n\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.5.0.0/16\"},{\"VpcId\":\"vpc-e\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.6.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-n\","
	"\"VpcId\":\"vpc-n\",\"CidrBlock\":\"10.5.1.0/24\"},{\"SubnetId\":\"subnet-e\","
	"\"VpcId\":\"vpc-e\",\"CidrBlock\":\"10.6.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-n\",\"VpcId\":\"vpc-n\","
	"\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.5.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-n\"}]}]}";
static const char topo_m32[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-p\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.7.0.0/16\"},{\"VpcId\":\"vpc-q\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.7.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-p\","
	"\"VpcId\":\"vpc-p\",\"CidrBlock\":\"10.7.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-q\",\"VpcId\":\"vpc-q\",\"CidrBlock\":\"10.7.1.0/24\","
	"\"AvailabilityZone\":\"eu-west-1a\"}],\"RouteTables\":[{\"RouteTableId\":\"rtb-p\","
	"\"VpcId\":\"vpc-p\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.7.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-p\"}]},"
	"{\"RouteTableId\":\"rtb-q\",\"VpcId\":\"vpc-q\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.7.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-q\"}]}]}";
static const char topo_m33[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\","
	"\"AvailabilityZone\":\"us-east-1b\"}],\"RouteTables\":[{\"RouteTableId\":\"rtb-a\","
	"\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}],"
	"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-pods\",\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"InterfaceType\":\"interface\","
	"\"Ipv4Prefixes\":[{\"Ipv4Prefix\":\"10.0.1.80/28\"}]}]}";
static const char topo_m41[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-e\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"},{\"VpcId\":\"vpc-s\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.1.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-e\","
	"\"VpcId\":\"vpc-e\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-s\",\"VpcId\":\"vpc-s\",\"CidrBlock\":\"10.1.0.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"}],\"RouteTables\":[{\"RouteTableId\":\"rtb-e\","
	"\"VpcId\":\"vpc-e\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"TransitGatewayId\":\"tgw-1\"}]}],"
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-p\",\"SubnetId\":\"subnet-e\","
	"\"VpcId\":\"vpc-e\",\"ConnectivityType\":\"private\","
	"\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-natp\","
	"\"PrivateIp\":\"10.0.0.50\"}]}]}";
static const char topo_m42[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-pub\","
	"\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-priv\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"}],\"RouteTables\":[{\"RouteTableId\":\"rtb-a\","
	"\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"}]}],"
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-pub\","
	"\"VpcId\":\"vpc-a\",\"ConnectivityType\":\"public\","
	"\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-nat\","
	"\"PrivateIp\":\"10.0.0.220\",\"PublicIp\":\"198.51.100.7\"}]}]}";
static const char topo_m46[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-hub\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"},{\"VpcId\":\"vpc-spoke\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.1.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-hub\","
	"\"VpcId\":\"vpc-hub\",\"CidrBlock\":\"10.0.1.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-spoke\","
	"\"VpcId\":\"vpc-spoke\",\"CidrBlock\":\"10.1.0.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"}],\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-sqs\","
	"\"VpcEndpointType\":\"Interface\",\"VpcId\":\"vpc-hub\","
	"\"ServiceName\":\"com.amazonaws.us-east-1.sqs\",\"SubnetIds\":[\"subnet-hub\"],"
	"\"NetworkInterfaceIds\":[\"eni-sqs\"]}],"
	"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-sqs\",\"SubnetId\":\"subnet-hub\","
	"\"VpcId\":\"vpc-hub\",\"OwnerId\":\"111111111111\",\"InterfaceType\":\"vpc_endpoint\","
	"\"Description\":\"VPC Endpoint Interface vpce-sqs\",\"PrivateIpAddress\":\"10.0.1.100\","
	"\"PrivateIpAddresses\":[{\"PrivateIpAddress\":\"10.0.1.100\"}]}]}";
static const char topo_m5[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-noaz\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\"}],"
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\","
	"\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}]}";
static const char topo_t14[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\","
	"\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}],"
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-sqs\",\"VpcEndpointType\":\"Interface\","
	"\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.us-east-1.sqs\","
	"\"SubnetIds\":[\"subnet-a\"]}],"
	"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-sqs\",\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"InterfaceType\":\"interface\","
	"\"RequesterManaged\":true,\"Description\":\"VPC Endpoint Interface vpce-sqs\","
	"\"PrivateIpAddress\":\"10.0.1.100\","
	"\"PrivateIpAddresses\":[{\"PrivateIpAddress\":\"10.0.1.100\"}]},"
	"{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
	"\"OwnerId\":\"111111111111\",\"InterfaceType\":\"interface\","
	"\"PrivateIpAddress\":\"10.0.1.5\","
	"\"PrivateIpAddresses\":[{\"PrivateIpAddress\":\"10.0.1.5\"}]}]}";
static const char topo_tgw1[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"},{\"VpcId\":\"vpc-x\",\"OwnerId\":\"222222222222\","
	"\"CidrBlock\":\"10.9.0.0/16\"},{\"VpcId\":\"vpc-y\",\"OwnerId\":\"333333333333\","
	"\"CidrBlock\":\"10.9.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-x\",\"VpcId\":\"vpc-x\",\"CidrBlock\":\"10.9.1.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-y\",\"VpcId\":\"vpc-y\","
	"\"CidrBlock\":\"10.9.1.0/24\",\"AvailabilityZone\":\"us-east-1b\"}],"
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\","
	"\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"TransitGatewayId\":\"tgw-1\"}]}],"
	"\"TransitGatewayVpcAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-a\","
	"\"TransitGatewayId\":\"tgw-1\",\"VpcId\":\"vpc-a\",\"SubnetIds\":[\"subnet-a\"]},"
	"{\"TransitGatewayAttachmentId\":\"tgw-attach-x\",\"TransitGatewayId\":\"tgw-1\","
	"\"VpcId\":\"vpc-x\",\"SubnetIds\":[\"subnet-x\"]},"
	"{\"TransitGatewayAttachmentId\":\"tgw-attach-y\",\"TransitGatewayId\":\"tgw-1\","
	"\"VpcId\":\"vpc-y\",\"SubnetIds\":[\"subnet-y\"]}]}";
static const char topo_tgw2[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\","
	"\"CidrBlock\":\"10.0.0.0/16\"},{\"VpcId\":\"vpc-x\",\"OwnerId\":\"222222222222\","
	"\"CidrBlock\":\"10.9.0.0/16\"},{\"VpcId\":\"vpc-y\",\"OwnerId\":\"333333333333\","
	"\"CidrBlock\":\"10.9.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-a\","
	"\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},"
	"{\"SubnetId\":\"subnet-x\",\"VpcId\":\"vpc-x\",\"CidrBlock\":\"10.9.1.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-y\",\"VpcId\":\"vpc-y\","
	"\"CidrBlock\":\"10.9.1.0/24\",\"AvailabilityZone\":\"us-east-1b\"}],"
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\","
	"\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"TransitGatewayId\":\"tgw-1\"}]}],"
	"\"TransitGatewayVpcAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-a\","
	"\"TransitGatewayId\":\"tgw-1\",\"VpcId\":\"vpc-a\",\"SubnetIds\":[\"subnet-a\"]},"
	"{\"TransitGatewayAttachmentId\":\"tgw-attach-x\",\"TransitGatewayId\":\"tgw-1\","
	"\"VpcId\":\"vpc-x\",\"SubnetIds\":[\"subnet-x\"]},"
	"{\"TransitGatewayAttachmentId\":\"tgw-attach-y\",\"TransitGatewayId\":\"tgw-2\","
	"\"VpcId\":\"vpc-y\",\"SubnetIds\":[\"subnet-y\"]}],"
	"\"TransitGatewayAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-a\","
	"\"TransitGatewayId\":\"tgw-1\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-a\"},"
	"{\"TransitGatewayAttachmentId\":\"tgw-attach-x\",\"TransitGatewayId\":\"tgw-1\","
	"\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-x\"},"
	"{\"TransitGatewayAttachmentId\":\"tgw-attach-y\",\"TransitGatewayId\":\"tgw-2\","
	"\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-y\"}]}";

/* remote_vpc: a local path's remote is the subnet's own VPC first, though
 * another account's VPC reuses its CIDR; a transit gateway route's remote
 * is the one VPC attached to that transit gateway holding the address
 * (two attached: ambiguous; an attachment listed under both keys counts
 * once); an interface endpoint ENI's ingress remote is its srcaddr (a
 * spoke VPC's workload). */
static void test_audit_remote_vpc(void **state)
{
	static const char h[] = "account-id interface-id srcaddr dstaddr vpc-id subnet-id flow-direction";
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of(topo_m9);
	classify_in(t, h, "222222222222 eni-w 10.9.1.5 10.9.1.6 vpc-x subnet-x egress", &c);
	assert_int_equal(c.path, PATH_LOCAL);
	SV_EQ(c.remote_vpc, "vpc-x");
	SV_EQ(c.remote_region, "us-west-2");
	topo_free(t);
	static const char *const tgw_topos[2] = {topo_tgw1, topo_tgw2};
	static const char *const want[2] = {REMOTE_VPC_AMBIGUOUS, "vpc-x"};
	for (int i = 0; i < 2; i++) {
		t = topo_of(tgw_topos[i]);
		classify_in(t, h, "111111111111 eni-w 10.0.1.5 10.9.1.7 vpc-a subnet-a egress", &c);
		assert_int_equal(c.path, PATH_TGW);
		SV_EQ(c.via, "tgw-1");
		SV_EQ(c.remote_vpc, want[i]);
		topo_free(t);
	}
	t = topo_of(topo_m46);
	classify_in(t, F6, "111111111111 eni-sqs 10.1.0.5 10.0.1.100 10 5000", &c);
	assert_int_equal(c.vantage, VANTAGE_IFACE_EP);
	assert_int_equal(c.direction, DIR_INGRESS);
	SV_EQ(c.remote_vpc, "vpc-spoke");
	topo_free(t);
}

/* A VPC CIDR inside another VPC's (172.16.0.0/20 in 172.16.0.0/16, of
 * other accounts): the longer prefix names the VPC, as routes pick the
 * longest prefix; an address in the outer CIDR alone is the outer VPC's. */
static void test_nested_vpc_cidrs_longest(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.0.0.0/16\"},"
		"{\"VpcId\":\"vpc-o\",\"OwnerId\":\"222222222222\",\"CidrBlock\":\"172.16.0.0/16\"},"
		"{\"VpcId\":\"vpc-i\",\"OwnerId\":\"333333333333\",\"CidrBlock\":\"172.16.0.0/20\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-o\",\"VpcId\":\"vpc-o\",\"CidrBlock\":\"172.16.128.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-i\",\"VpcId\":\"vpc-i\",\"CidrBlock\":\"172.16.1.0/24\","
		"\"AvailabilityZone\":\"eu-north-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-a\"}]}]}";
	struct cls_result c;
	struct fl_addr a;
	(void)state;
	struct topo *t = topo_of(topo);
	classify_in(t, F6, "111111111111 eni-w 10.0.1.5 172.16.1.1 10 5000", &c);
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	SV_EQ(c.remote_vpc, "vpc-i");
	SV_EQ(c.remote_region, "eu-north-1");
	classify_in(t, F6, "111111111111 eni-w 10.0.1.5 172.16.200.1 10 5000", &c);
	SV_EQ(c.remote_vpc, "vpc-o");
	assert_int_equal(fl_addr_parse("172.16.15.255", 13, &a), 0);
	assert_int_equal(topo_vpc_of_addr(t, &a), topo_index_of(t, strpool_find(t->pool, "vpc-i", 5), OBJ_VPC));
	assert_int_equal(fl_addr_parse("172.16.16.0", 11, &a), 0);
	assert_int_equal(topo_vpc_of_addr(t, &a), topo_index_of(t, strpool_find(t->pool, "vpc-o", 5), OBJ_VPC));
	topo_free(t);
}

/* Candidate VPCs and direction: the ENI's VPC from NetworkInterfaces
 * (else both of the account's VPCs hold an address: direction unknown); a
 * VPC of no known region is a candidate in every region; a subnet the
 * topology lacks, in either of two VPCs that hold the address, is
 * no-subnet; a delegated prefix alone (no private IP listed) tells the
 * direction. */
static void test_audit_candidates(void **state)
{
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of(topo_m20);
	classify_in(t, F6, "111111111111 eni-w 10.0.1.9 10.1.0.5 10 5000", &c);
	assert_int_equal(c.direction, DIR_EGRESS);
	assert_int_equal(c.path, PATH_PEERING);
	SV_EQ(c.remote_vpc, "vpc-b");
	topo_free(t);
	t = topo_of(topo_m24);
	classify_in(t, F6, "111111111111 eni-q 10.5.1.5 198.51.100.9 10 5000", &c);
	classify_in_region(t, &rec, "us-east-1", &c, NULL);
	SV_EQ(c.subnet, "subnet-n");
	assert_int_equal(c.path, PATH_IGW_INTERNET);
	topo_free(t);
	t = topo_of(topo_m32);
	classify_in(t, "account-id interface-id srcaddr dstaddr subnet-id flow-direction",
		    "111111111111 eni-w 10.7.9.5 198.51.100.9 subnet-new egress", &c);
	assert_int_equal(c.path, PATH_UNKNOWN);
	assert_int_equal(c.reason, REASON_NO_SUBNET);
	SV_EQ(c.vpc, "");
	topo_free(t);
	t = topo_of(topo_m33);
	classify_in(t, F6, "111111111111 eni-pods 10.0.1.83 10.0.2.9 10 5000", &c);
	assert_int_equal(c.direction, DIR_EGRESS);
	assert_int_equal(c.path, PATH_LOCAL);
	topo_free(t);
}

/* A private NAT gateway's traffic with another VPC is its internet side
 * (never centralized egress); a public one's vpc-side record whose
 * pkt-dstaddr is the NAT gateway's own address names no final remote:
 * nat-unattributed. */
static void test_audit_nat_sides(void **state)
{
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of(topo_m41);
	classify_in(t, F6, "111111111111 eni-natp 10.0.0.50 10.1.0.7 10 5000", &c);
	assert_int_equal(c.vantage, VANTAGE_NAT);
	assert_int_equal(c.side, SIDE_INTERNET);
	assert_int_equal(c.path, PATH_NAT_INTERNET);
	SV_EQ(c.remote_vpc, "vpc-s");
	classify_in(t, F6, "111111111111 eni-natp 10.1.0.7 10.0.0.50 10 7000", &c);
	assert_int_equal(c.side, SIDE_INTERNET);
	assert_int_equal(c.direction, DIR_INGRESS);
	topo_free(t);
	t = topo_of(topo_m42);
	classify_in(t, "account-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr",
		    "111111111111 eni-nat 10.0.1.5 10.0.0.220 10.0.1.5 10.0.0.220", &c);
	assert_int_equal(c.side, SIDE_VPC);
	assert_int_equal(c.path, PATH_NAT_UNATTRIBUTED);
	SV_EQ(c.remote_vpc, "");
	topo_free(t);
}

/* An interface endpoint's ENI known by InterfaceType "interface" and its
 * description alone (VpcEndpoints without NetworkInterfaceIds): its own
 * records are the interface-endpoint vantage, a workload's to it the
 * interface-endpoint path. */
static void test_audit_endpoint_eni_by_description(void **state)
{
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of(topo_t14);
	classify_in(t, F6, "111111111111 eni-sqs 10.0.1.5 10.0.1.100 10 5000", &c);
	assert_int_equal(c.vantage, VANTAGE_IFACE_EP);
	assert_int_equal(c.path, PATH_INTERFACE_ENDPOINT);
	SV_EQ(c.via, "vpce-sqs");
	classify_in(t, F6, "111111111111 eni-w 10.0.1.5 10.0.1.100 10 5000", &c);
	assert_int_equal(c.vantage, VANTAGE_WORKLOAD);
	assert_int_equal(c.path, PATH_INTERFACE_ENDPOINT);
	SV_EQ(c.service, "SQS");
	topo_free(t);
}

/* A row's region: its subnet's AZ's before the record's region field; a
 * subnet described without an AZ takes its VPC's (from the VPC's other
 * subnets). */
static void test_audit_region_order(void **state)
{
	static const char h[] = "account-id interface-id srcaddr dstaddr vpc-id subnet-id region flow-direction";
	struct cls_result c;
	(void)state;
	struct topo *t = topo_of(topo_m5);
	classify_in(t, h, "111111111111 eni-w 10.0.1.5 10.0.1.6 vpc-a subnet-a eu-west-1 egress", &c);
	SV_EQ(c.region, "us-east-1");
	classify_in(t, h, "111111111111 eni-v 10.0.2.5 10.0.2.6 vpc-a subnet-noaz eu-west-1 egress", &c);
	SV_EQ(c.subnet, "subnet-noaz");
	SV_EQ(c.region, "us-east-1");
	topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_remote_vpc),
		cmocka_unit_test(test_nested_vpc_cidrs_longest),
		cmocka_unit_test(test_audit_candidates),
		cmocka_unit_test(test_audit_nat_sides),
		cmocka_unit_test(test_audit_endpoint_eni_by_description),
		cmocka_unit_test(test_audit_region_order),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_interface_endpoint_by_local_route),
		cmocka_unit_test(test_gateway_endpoint_prefix_list),
		cmocka_unit_test(test_static_route_beats_prefix_list_longer_wins),
		cmocka_unit_test(test_equal_length_static_beats_prefix_list),
		cmocka_unit_test(test_propagated_routes_lose_at_equal_length),
		cmocka_unit_test(test_route_to_deleted_nat),
		cmocka_unit_test(test_ranges_list_static_route_and_far_peer),
		cmocka_unit_test(test_appliance_targets),
		cmocka_unit_test(test_nat_paths),
		cmocka_unit_test(test_igw_paths),
		cmocka_unit_test(test_ipv6_egress_only),
		cmocka_unit_test(test_nat64),
		cmocka_unit_test(test_peering),
		cmocka_unit_test(test_inter_region_peering),
		cmocka_unit_test(test_other_targets),
		cmocka_unit_test(test_no_route),
		cmocka_unit_test(test_ambiguous_subnet_and_vpc_id),
		cmocka_unit_test(test_region_narrows_candidate_vpcs),
		cmocka_unit_test(test_subnet_missing_from_topology),
		cmocka_unit_test(test_subnet_id_field_wins),
		cmocka_unit_test(test_direction_rules),
		cmocka_unit_test(test_pkt_aws_service_overrides_ranges),
		cmocka_unit_test(test_nat_gateway_four_records),
		cmocka_unit_test(test_vpc_known_only_from_subnets),
		cmocka_unit_test(test_subnet_known_only_from_interfaces),
		cmocka_unit_test(test_peering_without_peer_cidrs),
		cmocka_unit_test(test_tgw_remote_among_overlapping_vpcs),
		cmocka_unit_test(test_nat_sides_without_vpc_cidrs),
		cmocka_unit_test(test_endpoint_known_only_from_its_eni),
		cmocka_unit_test(test_endpoint_service_names),
		cmocka_unit_test(test_endpoint_eni_without_inventory),
		cmocka_unit_test(test_endpoint_client_in_own_overlapping_vpc),
		cmocka_unit_test(test_delegated_prefix),
		cmocka_unit_test(test_gwlb_endpoint_forwards),
		cmocka_unit_test(test_transit_gateway_vantage),
		cmocka_unit_test(test_transit_gateway_totals),
		cmocka_unit_test(test_interface_endpoint_vantage),
		cmocka_unit_test(test_account_scopes_vpcs),
		cmocka_unit_test(test_traffic_path_disagreement),
		cmocka_unit_test(test_region_of_az),
		cmocka_unit_test(test_no_addresses),
		cmocka_unit_test(test_prefix_list_shapes),
		cmocka_unit_test(test_remote_vpc_any_route),
		cmocka_unit_test(test_memo_agrees_with_classifier),
		cmocka_unit_test(test_memo_full_starts_over),
		cmocka_unit_test(test_talkers_instance_from_inventory),
		cmocka_unit_test(test_nat_talkers),
		cmocka_unit_test(test_shape_errors_name_path),
		cmocka_unit_test(test_ipranges_errors),
		cmocka_unit_test(test_ipranges_strict),
		cmocka_unit_test(test_ipranges_top_level_array),
		cmocka_unit_test(test_rules_on_their_own_records),
		cmocka_unit_test(test_shared_vpc_participant),
		cmocka_unit_test(test_private_ranges),
		cmocka_unit_test(test_region_field_and_unroutable_traffic_path),
		cmocka_unit_test(test_gateway_endpoint_ipv6_prefixes),
		cmocka_unit_test(test_rules_order_and_sources),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
