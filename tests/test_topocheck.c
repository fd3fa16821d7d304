/* SPDX-License-Identifier: MIT */
/*
 * `flowpath topology check`: each lint fires on a topology made to show it
 * and stays quiet on one without it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze.h"
#include "cli.h"
#include "testlib.h"
#include "topo.h"
#include "topology_json.h"

/* Run the check on one JSON text, with an ip-ranges text unless NULL;
 * returns its status, output in *out. */
/* The table with each finding's wrapped detail back on its row's line
 * (test_file_encodings checks the wrapping itself). */
static void unwrap(char *s)
{
	static const char *const joins[2] = {"\n    detail: ", "\n      "};
	char *o = s;
	while (*s) {
		int j = 0;
		while (j < 2 && strncmp(s, joins[j], strlen(joins[j])) != 0)
			j++;
		if (j < 2) {
			*o++ = ' ';
			s += strlen(joins[j]);
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
}

static int check_ranges(const char *json, const char *ranges, char **out)
{
	char *dir = tl_mkdtemp();
	char *path = tl_path(dir, "topo.json");
	char *rpath = tl_path(dir, "ip-ranges.json");
	tl_write_file(path, json, strlen(json));
	struct options o;
	memset(&o, 0, sizeof(o));
	o.cmd = CMD_TOPOLOGY;
	if (ranges) {
		tl_write_file(rpath, ranges, strlen(ranges));
		o.ip_ranges = rpath;
	}
	char word[] = "check";
	char *inputs[2] = {word, path};
	o.inputs = inputs;
	o.ninputs = 2;
	struct diag d;
	size_t len;
	FILE *f = open_memstream(out, &len);
	int rc = run_topology_check(&o, f, &d);
	fclose(f);
	unwrap(*out);
	tl_rmtree(dir);
	free(path);
	free(rpath);
	free(dir);
	return rc;
}

static int check(const char *json, char **out)
{
	return check_ranges(json, NULL, out);
}

/* The check's output holds exactly one finding of kind, naming what. */
static void one_finding(const char *out, const char *kind, const char *what)
{
	const char *first = strstr(out, kind);
	if (!first || !strstr(first, what) || strstr(first + 1, kind))
		fail_msg("want one %s naming %s in:\n%s", kind, what, out);
}

#define VPC(id, owner, cidr) "{\"VpcId\":\"" id "\",\"OwnerId\":\"" owner "\",\"CidrBlock\":\"" cidr "\"}"

static void test_clean_topology(void **state)
{
	char *out;
	(void)state;
	int rc = check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		       "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\"}],"
		       "\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		       "\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}]}",
		       &out);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "0 findings"));
	free(out);
}

static void test_each_lint(void **state)
{
	char *out;
	(void)state;
	int rc = check(
		"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "," VPC("vpc-b", "1", "10.0.128.0/17") ","
		VPC("vpc-c", "2", "10.2.0.0/16") "," VPC("vpc-d", "2", "10.3.0.0/16") "],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\"},"
		"{\"SubnetId\":\"subnet-lost\",\"VpcId\":\"vpc-c\",\"CidrBlock\":\"10.2.0.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-gone\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
		"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[]}],"
		"\"VpcPeeringConnections\":["
		"{\"VpcPeeringConnectionId\":\"pcx-1\",\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-b\"}},"
		"{\"VpcPeeringConnectionId\":\"pcx-2\",\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-c\"}},"
		"{\"VpcPeeringConnectionId\":\"pcx-3\",\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-d\"}},"
		"{\"VpcPeeringConnectionId\":\"pcx-4\",\"RequesterVpcInfo\":{\"VpcId\":\"vpc-b\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-c\"}},"
		"{\"VpcPeeringConnectionId\":\"pcx-5\",\"RequesterVpcInfo\":{\"VpcId\":\"vpc-b\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-d\"}},"
		"{\"VpcPeeringConnectionId\":\"pcx-6\",\"RequesterVpcInfo\":{\"VpcId\":\"vpc-c\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-d\"}}]}",
		&out);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "subnet-without-route-table"));
	assert_non_null(strstr(out, "VPC vpc-c has no main route table"));
	assert_non_null(strstr(out, "a route targets nat-gone, which is not in the topology"));
	assert_non_null(strstr(out, "gateway-endpoint-not-associated"));
	assert_non_null(strstr(out, "route table rtb-a sends 0.0.0.0/0 to a NAT gateway"));
	assert_non_null(strstr(out, "10.0.0.0/16 overlaps 10.0.128.0/17 of vpc-b in account 1"));
	assert_non_null(strstr(out, "4 VPCs are fully meshed with 6 peering connections"));
	/* vpc-c and vpc-d do not overlap, and other accounts' CIDRs are not compared */
	assert_null(strstr(out, "of vpc-d"));
	assert_non_null(strstr(out, "vpcs                             4"));
	free(out);
}

/* Default VPCs of one account in two regions share 172.31.0.0/16: the
 * finding names the regions and what the overlap spoils. */
static void test_overlap_across_regions(void **state)
{
	(void)state;
	char *out;
	int rc = check("{\"Vpcs\":[" VPC("vpc-use1", "1", "172.31.0.0/16") "," VPC("vpc-euw1", "1", "172.31.0.0/16") "],"
		       "\"Subnets\":[{\"SubnetId\":\"subnet-1\",\"VpcId\":\"vpc-use1\",\"CidrBlock\":\"172.31.0.0/20\","
		       "\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-2\",\"VpcId\":\"vpc-euw1\","
		       "\"CidrBlock\":\"172.31.0.0/20\",\"AvailabilityZone\":\"eu-west-1a\"}]}",
		       &out);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "cidr-overlap"));
	assert_true(strstr(out, "(us-east-1 and eu-west-1: version 2 records, without vpc-id, cannot tell "
				"them apart in files without their S3 names)") ||
		    strstr(out, "(eu-west-1 and us-east-1: version 2 records, without vpc-id, cannot tell "
				"them apart in files without their S3 names)"));
	free(out);
	/* a VPC of unknown region (no subnet with an AZ): no region to name */
	rc = check("{\"Vpcs\":[" VPC("vpc-use1", "1", "172.31.0.0/16") "," VPC("vpc-any", "1", "172.31.0.0/16") "],"
		   "\"Subnets\":[{\"SubnetId\":\"subnet-1\",\"VpcId\":\"vpc-use1\",\"CidrBlock\":\"172.31.0.0/20\","
		   "\"AvailabilityZone\":\"us-east-1a\"}]}",
		   &out);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "cidr-overlap"));
	assert_null(strstr(out, " and :"));
	assert_null(strstr(out, "cannot tell"));
	free(out);
}

/* Two S3 gateway endpoints of one VPC, each on its own route table: no
 * finding for either table; a third table on neither gets one finding. */
static void test_gateway_endpoints_per_table(void **state)
{
#define RTB(id, subnet, ep)                                                                        \
	"{\"RouteTableId\":\"" id "\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"" subnet  \
	"\"}],\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}" ep "]}"
#define EPR(ep) ",{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"" ep "\"}"
#define SUBNET(id, cidr) "{\"SubnetId\":\"" id "\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"" cidr "\"}"
#define GWEP(id, rtb)                                                                              \
	"{\"VpcEndpointId\":\"" id "\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","            \
	"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"" rtb "\"]}"
	char *out;
	(void)state;
	int rc = check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],\"Subnets\":["
		       SUBNET("subnet-a", "10.0.1.0/24") "," SUBNET("subnet-b", "10.0.2.0/24") ","
		       SUBNET("subnet-c", "10.0.3.0/24") "],\"RouteTables\":[" RTB("rtb-a", "subnet-a", EPR("vpce-one")) ","
		       RTB("rtb-b", "subnet-b", EPR("vpce-two")) "," RTB("rtb-c", "subnet-c", "") "],"
		       "\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\"}],"
		       "\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":"
		       "\"com.amazonaws.us-east-1.s3\",\"Cidrs\":[\"52.216.0.0/15\"]}],"
		       "\"VpcEndpoints\":[" GWEP("vpce-one", "rtb-a") "," GWEP("vpce-two", "rtb-b") "]}",
		       &out);
#undef RTB
#undef EPR
#undef SUBNET
#undef GWEP
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "route table rtb-c sends 0.0.0.0/0 to a NAT gateway but is not "
				    "associated with any of the VPC's S3 gateway endpoints:"));
	assert_null(strstr(out, "route table rtb-a sends"));
	assert_null(strstr(out, "route table rtb-b sends"));
	assert_non_null(strstr(out, "\n1 finding\n"));
	free(out);
}

/* A gateway endpoint's prefix-list route without the list's CIDRs is
 * unresolved until ip-ranges gives the service's prefixes; the list as
 * describe-managed-prefix-lists prints it (no CIDRs) does not resolve it. */
static void test_prefix_list_resolved_by_ranges(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
		"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]}],"
		"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\"}]}";
	static const char ranges[] =
		"{\"syncToken\":\"1\",\"createDate\":\"2026-11-01-00-00-00\",\"prefixes\":["
		"{\"ip_prefix\":\"52.216.0.0/15\",\"region\":\"us-east-1\",\"service\":\"S3\","
		"\"network_border_group\":\"us-east-1\"}],\"ipv6_prefixes\":[]}";
	char *out;
	(void)state;
	assert_int_equal(check(topo, &out), 1);
	assert_non_null(strstr(out, "prefix-list-unresolved"));
	assert_non_null(strstr(out, "1 prefix-list route has no CIDRs (pl-s3)"));
	free(out);
	assert_int_equal(check_ranges(topo, ranges, &out), 0);
	assert_null(strstr(out, "prefix-list-unresolved"));
	free(out);
	/* a list of IPv6 CIDRs alone for an endpoint of IPv4 (IpAddressType
	 * not given): it carries none of them, but the route is resolved */
	static const char v6only[] =
		"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
		"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]}],"
		"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\","
		"\"Cidrs\":[\"2600:1fa0:8000::/39\"]}]}";
	assert_int_equal(check(v6only, &out), 0);
	assert_null(strstr(out, "prefix-list-unresolved"));
	free(out);
}

/* Subnets whose VPC is not described (no describe-vpcs output) make the
 * VPC from its route tables' local routes, with a finding; a NAT gateway
 * known only from its ENI's description is no missing target; a table
 * with two routes to one missing target gets one finding. */
static void test_partial_topology(void **state)
{
	static const char topo[] =
		"{\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"},"
		"{\"DestinationCidrBlock\":\"10.8.0.0/16\",\"GatewayId\":\"vgw-gone\"},"
		"{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"GatewayId\":\"vgw-gone\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-n\",\"SubnetId\":\"subnet-a\","
		"\"VpcId\":\"vpc-a\",\"InterfaceType\":\"nat_gateway\","
		"\"Description\":\"Interface for NAT Gateway nat-1\",\"PrivateIpAddress\":\"10.0.1.9\"}]}";
	char *out;
	(void)state;
	assert_int_equal(check(topo, &out), 1);
	assert_non_null(strstr(out, "vpc-missing"));
	assert_non_null(strstr(out, "its CIDRs are taken from its route tables' local routes"));
	assert_non_null(strstr(out, "vpcs                             1"));
	assert_null(strstr(out, "targets nat-1"));
	const char *first = strstr(out, "targets vgw-gone");
	assert_non_null(first);
	assert_null(strstr(first + 1, "targets vgw-gone"));
	assert_null(strstr(out, "subnet-without-route-table"));
	free(out);
	/* network interfaces alone: their VPC is missing too */
	static const char enis[] =
		"{\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-1\",\"SubnetId\":\"subnet-e\","
		"\"VpcId\":\"vpc-e\",\"PrivateIpAddress\":\"10.0.1.9\"},"
		"{\"NetworkInterfaceId\":\"eni-2\",\"SubnetId\":\"subnet-e\",\"VpcId\":\"vpc-e\","
		"\"PrivateIpAddress\":\"10.0.1.10\"}]}";
	assert_int_equal(check(enis, &out), 1);
	one_finding(out, "vpc-missing", "vpc-e");
	assert_non_null(strstr(out, "network interfaces name this VPC"));
	free(out);
}

/* A page of describe-subnets missing: a subnet that network interfaces
 * name in a known VPC is a subnet-missing finding (its VPC is not). */
static void test_subnet_missing(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-1\",\"SubnetId\":\"subnet-b\","
		"\"VpcId\":\"vpc-a\",\"PrivateIpAddress\":\"10.0.2.9\"},"
		"{\"NetworkInterfaceId\":\"eni-2\",\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\","
		"\"PrivateIpAddress\":\"10.0.2.10\"},"
		"{\"NetworkInterfaceId\":\"eni-3\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"PrivateIpAddress\":\"10.0.1.10\"}]}";
	char *out;
	(void)state;
	assert_int_equal(check(topo, &out), 1);
	one_finding(out, "subnet-missing", "subnet-b");
	assert_null(strstr(out, "vpc-missing"));
	free(out);
}

/* An active route to a deleted NAT gateway or to a peering connection
 * that is not active: AWS shows such routes as blackhole, so the route
 * tables and the targets were described at different times. */
static void test_route_target_inactive(void **state)
{
#define TOPO(nat_state, pcx_code, route_state) \
	"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]," \
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}]," \
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"State\":\"" nat_state "\"}]," \
	"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-1\",\"Status\":{\"Code\":\"" pcx_code "\"}," \
	"\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-b\"}}]," \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}," \
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\",\"State\":\"" route_state "\"}," \
	"{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-1\",\"State\":\"" route_state "\"}]}]}"
	char *out;
	(void)state;
	check(TOPO("deleted", "pending-acceptance", "active"), &out);
	const char *first = strstr(out, "route-target-inactive");
	assert_non_null(first);
	assert_non_null(strstr(out, "targets nat-1, which the topology gives as deleted"));
	assert_non_null(strstr(out, "targets pcx-1, a peering connection that is not active"));
	free(out);
	/* as AWS gives it: the routes blackhole, or the targets live */
	check(TOPO("deleted", "pending-acceptance", "blackhole"), &out);
	assert_null(strstr(out, "route-target-inactive"));
	free(out);
	check(TOPO("available", "active", "active"), &out);
	assert_null(strstr(out, "route-target-inactive"));
	free(out);
#undef TOPO
	/* a blackhole route to the same deleted NAT gateway, listed before
	 * the active one, hides nothing: one finding, in either order */
#define TOPO2(first, second) \
	"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]," \
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}]," \
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"State\":\"deleted\"}]," \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}," \
	first "," second "]}]}"
#define ACTIVE "{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\",\"State\":\"active\"}"
#define HOLE "{\"DestinationCidrBlock\":\"192.168.0.0/16\",\"NatGatewayId\":\"nat-1\",\"State\":\"blackhole\"}"
	static const char *const orders[2] = {TOPO2(ACTIVE, HOLE), TOPO2(HOLE, ACTIVE)};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(check(orders[i], &out), 1);
		one_finding(out, "route-target-inactive", "rtb-a");
		free(out);
	}
#undef TOPO2
#undef ACTIVE
#undef HOLE
}

/* Routes AWS would not hold, or that drop traffic: to another VPC's NAT
 * gateway or Gateway Load Balancer endpoint, to a peering connection of
 * two other VPCs, to a transit
 * gateway the VPC has no attachment to (route-target-elsewhere); to a
 * peering connection for CIDRs its peer does not have (route-beyond-
 * peer); in state blackhole (route-blackhole, one per table). */
static void test_routes_elsewhere_beyond_blackhole(void **state)
{
#define TWO_VPCS(routes_b)                                                                          \
	"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "," VPC("vpc-b", "1", "10.1.0.0/16") ","            \
	VPC("vpc-c", "1", "10.2.0.0/16") "],"                                                            \
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"},"        \
	"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.1.0/24\"}],"                     \
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\"}],"     \
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-gwlb-a\",\"VpcEndpointType\":\"GatewayLoadBalancer\","      \
	"\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.vpce.us-east-1.vpce-svc-1\"}],"                 \
	"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-ac\",\"Status\":{\"Code\":\"active\"}," \
	"\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-c\"}},"            \
	"{\"VpcPeeringConnectionId\":\"pcx-bc\",\"Status\":{\"Code\":\"active\"},"                            \
	"\"RequesterVpcInfo\":{\"VpcId\":\"vpc-b\"},\"AccepterVpcInfo\":{\"VpcId\":\"vpc-c\"}}],"           \
	"\"TransitGatewayAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-a\","             \
	"\"TransitGatewayId\":\"tgw-1\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-a\"}],"           \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-b\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"GatewayId\":\"local\"}" routes_b "]}]}"
	static const struct {
		const char *topo, *kind, *says;
	} cases[] = {
		{TWO_VPCS(",{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}"), "route-target-elsewhere",
		 "targets nat-a, a NAT gateway of vpc-a"},
		{TWO_VPCS(",{\"DestinationCidrBlock\":\"10.2.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ac\"}"),
		 "route-target-elsewhere", "targets pcx-ac, a peering connection of vpc-a and vpc-c"},
		{TWO_VPCS(",{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"TransitGatewayId\":\"tgw-1\"}"),
		 "route-target-elsewhere", "targets tgw-1, a transit gateway that vpc-b has no attachment to"},
		{TWO_VPCS(",{\"DestinationCidrBlock\":\"10.2.0.0/16\",\"GatewayId\":\"vpce-gwlb-a\"}"),
		 "route-target-elsewhere", "targets vpce-gwlb-a, a Gateway Load Balancer endpoint of vpc-a"},
		{TWO_VPCS(",{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-bc\"}"),
		 "route-beyond-peer", "sends 10.0.0.0/16 to pcx-bc, but no CIDR of its peer VPC vpc-c overlaps it"},
		{TWO_VPCS(",{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-bc\","
			  "\"State\":\"blackhole\"}"),
		 "route-blackhole", "1 route is in state blackhole (to pcx-bc)"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out;
		assert_int_equal(check(cases[i].topo, &out), 1);
		one_finding(out, cases[i].kind, cases[i].says);
		free(out);
	}
	/* a peering route within the peer's CIDRs, of the table's own
	 * connection, is none of these */
	char *out;
	check(TWO_VPCS(",{\"DestinationCidrBlock\":\"10.2.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-bc\"}"), &out);
	assert_null(strstr(out, "route-beyond-peer"));
	assert_null(strstr(out, "route-target-elsewhere"));
	assert_null(strstr(out, "route-blackhole"));
	free(out);
	/* a route to a peering connection pending acceptance is a blackhole
	 * too: the connection is there, and the finding names its state */
	check("{\"Vpcs\":[" VPC("vpc-b", "1", "10.1.0.0/16") "," VPC("vpc-c", "1", "10.2.0.0/16") "],"
	      "\"Subnets\":[{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.1.0/24\"}],"
	      "\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-p\",\"Status\":{\"Code\":"
	      "\"pending-acceptance\"},\"RequesterVpcInfo\":{\"VpcId\":\"vpc-b\"},\"AccepterVpcInfo\":"
	      "{\"VpcId\":\"vpc-c\"}}],"
	      "\"RouteTables\":[{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-b\",\"Associations\":[{\"Main\":true}],"
	      "\"Routes\":[{\"DestinationCidrBlock\":\"10.2.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-p\","
	      "\"State\":\"blackhole\"}]}]}",
	      &out);
	if (!strstr(out, "(to pcx-p): the peering connection is pending-acceptance, not active"))
		fail_msg("%s", out);
	assert_null(strstr(out, "target is gone"));
	free(out);
#undef TWO_VPCS
}

/* A route whose target is of a kind flowpath does not know (a newer
 * target field, a GatewayId of another prefix) or that names none:
 * route-target-unknown, naming the target when there is one; the path
 * is other-gateway via that target. */
static void test_route_target_unknown(void **state)
{
#define UNK_TOPO(route) \
	"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]," \
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}]," \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}," route "]}]}"
	static const struct {
		const char *topo, *says;
	} cases[] = {
		{UNK_TOPO("{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"OdbNetworkArn\":\"arn:aws:odb:us-east-1:1:odb-network/n\"}"),
		 "a route sends 10.9.0.0/16 to arn:aws:odb:us-east-1:1:odb-network/n, a kind of target flowpath "
		 "does not know"},
		{UNK_TOPO("{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"xgw-1\",\"InstanceOwnerId\":\"1\"}"),
		 "a route sends 0.0.0.0/0 to xgw-1, a kind"},
		{UNK_TOPO("{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"State\":\"active\"}"),
		 "a route sends 0.0.0.0/0 to no target (no target field)"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out;
		assert_int_equal(check(cases[i].topo, &out), 1);
		one_finding(out, "route-target-unknown", cases[i].says);
		free(out);
	}
	/* a known kind is none */
	char *out;
	check(UNK_TOPO("{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-1\"}"), &out);
	assert_null(strstr(out, "route-target-unknown"));
	free(out);
#undef UNK_TOPO
}

/* A gateway endpoint's RouteTableIds naming a table without a route to
 * it: endpoint-route-missing; with the route, nothing. */
static void test_endpoint_route_missing(void **state)
{
#define EP_TOPO(routes) \
	"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]," \
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}]," \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}" routes "]}]," \
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\"," \
	"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]}]," \
	"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\",\"Cidrs\":[\"52.216.0.0/15\"]}]}"
	char *out;
	(void)state;
	check(EP_TOPO(""), &out);
	if (!strstr(out, "endpoint-route-missing") || !strstr(out, "name rtb-a, which has no route to it"))
		fail_msg("%s", out);
	free(out);
	check(EP_TOPO(",{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"}"), &out);
	assert_null(strstr(out, "endpoint-route-missing"));
	free(out);
	/* a NAT route table: associated by its route to the endpoint, as
	 * the recommendations take it, whatever RouteTableIds says */
	check(EP_TOPO(",{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}"), &out);
	assert_non_null(strstr(out, "gateway-endpoint-not-associated"));
	free(out);
	/* a table of transit gateway attachment subnets alone (centralized
	 * egress in a hub): other VPCs' traffic, which an endpoint here does
	 * not serve; by the attachment's SubnetIds, or by the subnet's
	 * interfaces, all an attachment's */
	static const char *const hubs[] = {
		"\"TransitGatewayVpcAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-1\","
		"\"TransitGatewayId\":\"tgw-1\",\"VpcId\":\"vpc-a\",\"SubnetIds\":[\"subnet-a\"]}]",
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-t\",\"SubnetId\":\"subnet-a\",\"VpcId\":"
		"\"vpc-a\",\"InterfaceType\":\"transit_gateway\",\"PrivateIpAddress\":\"10.0.1.9\"}]",
	};
	for (int h = 0; h < 2; h++) {
		char json[2048];
		snprintf(json, sizeof(json),
			 "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.0.0.0/16\"}],"
			 "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],"
			 "\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":"
			 "[{\"Main\":true}],\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":"
			 "\"nat-a\"}]}],\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-a\","
			 "\"VpcId\":\"vpc-a\"}],\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":"
			 "\"Gateway\",\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.us-east-1.s3\"}],%s}",
			 hubs[h]);
		check(json, &out);
		if (strstr(out, "gateway-endpoint-not-associated"))
			fail_msg("case %d: %s", h, out);
		free(out);
	}
	/* an attachment in the workloads' own subnet (as spokes often have
	 * it): the table serves them, and the finding stands */
	check("{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.0.0.0/16\"}],"
	      "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],"
	      "\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":"
	      "[{\"Main\":true}],\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":"
	      "\"nat-a\"}]}],\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-a\","
	      "\"VpcId\":\"vpc-a\"}],\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":"
	      "\"Gateway\",\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.us-east-1.s3\"}],"
	      "\"TransitGatewayVpcAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-1\","
	      "\"TransitGatewayId\":\"tgw-1\",\"VpcId\":\"vpc-a\",\"SubnetIds\":[\"subnet-a\"]}],"
	      "\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-t\",\"SubnetId\":\"subnet-a\",\"VpcId\":"
	      "\"vpc-a\",\"InterfaceType\":\"transit_gateway\",\"PrivateIpAddress\":\"10.0.1.9\"},"
	      "{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
	      "\"PrivateIpAddress\":\"10.0.1.5\"}]}",
	      &out);
	assert_non_null(strstr(out, "gateway-endpoint-not-associated"));
	free(out);
	/* a blackhole default route (its NAT gateway deleted) sends nothing
	 * to a NAT gateway: no NAT processing to save */
	check(EP_TOPO(",{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\",\"State\":\"blackhole\"}"),
	      &out);
	assert_null(strstr(out, "gateway-endpoint-not-associated"));
	assert_non_null(strstr(out, "route-blackhole"));
	free(out);
	check(EP_TOPO(",{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"},"
		      "{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"}"), &out);
	assert_null(strstr(out, "gateway-endpoint-not-associated"));
	free(out);
	/* centralized egress: a default route to a transit gateway pays its
	 * processing (and the egress VPC's NAT gateway's) all the same */
	check(EP_TOPO(",{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":\"tgw-1\"}"), &out);
	if (!strstr(out, "route table rtb-a sends 0.0.0.0/0 to a transit gateway but is not associated "
			 "with this S3 gateway endpoint: its S3 traffic pays transit gateway processing"))
		fail_msg("%s", out);
	free(out);
	check(EP_TOPO(",{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":\"tgw-1\"},"
		      "{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"}"), &out);
	assert_null(strstr(out, "gateway-endpoint-not-associated"));
	free(out);
	/* a default route to an internet gateway costs nothing per GB */
	check(EP_TOPO(",{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-1\"}"), &out);
	assert_null(strstr(out, "gateway-endpoint-not-associated"));
	free(out);
#undef EP_TOPO
}

/* --max-items output holds a NextToken: one page of several. */
static void test_output_paginated(void **state)
{
	char *out;
	(void)state;
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],\"NextToken\":\"eyJ9\"}", &out), 1);
	assert_non_null(strstr(out, "output-paginated"));
	free(out);
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],\"NextToken\":null}", &out), 0);
	free(out);
}

/* describe output of another region: every key there, none with an
 * object. A topology with no VPC is a finding, not a clean check. */
static void test_no_vpc(void **state)
{
	char *out;
	(void)state;
	assert_int_equal(check("{\"Vpcs\":[],\"Subnets\":[],\"RouteTables\":[]}", &out), 1);
	assert_non_null(strstr(out, "no-vpc"));
	free(out);
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]}", &out), 0);
	assert_null(strstr(out, "no-vpc"));
	free(out);
}

/* A route table given twice (two snapshots) with other routes is a
 * route-table-conflict; given twice the same (every account that sees a
 * shared object lists it), nothing. */
static void test_route_table_conflict(void **state)
{
#define RT(target) "{\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}]," \
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}," \
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"" target "\"}]}]}\n"
	static const char head[] = "{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
				   "\"InternetGateways\":[{\"InternetGatewayId\":\"igw-a\"},{\"InternetGatewayId\":\"igw-b\"}]}\n";
	char *out;
	char json[2048];
	(void)state;
	snprintf(json, sizeof(json), "%s%s%s", head, RT("igw-a"), RT("igw-b"));
	assert_int_equal(check(json, &out), 1);
	if (!strstr(out, "route-table-conflict") || !strstr(strstr(out, "route-table-conflict"), "rtb-a"))
		fail_msg("%s", out);
	free(out);
	snprintf(json, sizeof(json), "%s%s%s", head, RT("igw-a"), RT("igw-a"));
	check(json, &out);
	assert_null(strstr(out, "route-table-conflict"));
	free(out);
	/* a topology given twice: each finding once (the copy the model
	 * keeps), for subnets and route tables too */
	static const char lone[] =
		"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-z\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.9.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-z\",\"VpcId\":\"vpc-a\","
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-gone\"}]}]}\n";
	snprintf(json, sizeof(json), "%s%s", lone, lone);
	check(json, &out);
	one_finding(out, "subnet-without-route-table", "subnet-z");
	one_finding(out, "route-target-missing", "rtb-z");
	free(out);
	/* RT("igw-a") with its routes in the other order, the default
	 * route's members followed by `more` */
#define RT_SWAPPED(more) "{\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}]," \
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-a\"" more "}," \
		"{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}]}\n"
	/* the same routes in another order: the same table */
	snprintf(json, sizeof(json), "%s%s%s", head, RT("igw-a"), RT_SWAPPED(""));
	check(json, &out);
	assert_null(strstr(out, "route-table-conflict"));
	free(out);
	/* the same route once static, once propagated: they route apart */
	snprintf(json, sizeof(json), "%s%s%s", head, RT("igw-a"),
		 RT_SWAPPED(",\"Origin\":\"EnableVgwRoutePropagation\""));
	check(json, &out);
	assert_non_null(strstr(out, "route-table-conflict"));
	free(out);
#undef RT_SWAPPED
#undef RT
}

/* Several describe outputs in one file, as `>>` appends them, or as one
 * array (`jq -s`), load as if each were a file of its own; errors in a
 * later one name its line in the file. An empty file says so. */
static void test_several_outputs_in_one_file(void **state)
{
	static const char two[] = "{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]}\n"
				  "{\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
				  "\"CidrBlock\":\"10.0.1.0/24\"}]}\n";
	static const char arr[] = "[{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]},\n"
				  "{\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
				  "\"CidrBlock\":\"10.0.1.0/24\"}]}]";
	static const char bad[] = "{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]}\n\n"
				  "{\"Subnets\":[\n{\"SubnetId\":5}]}\n";
	static const char trailing[] = "{\"Vpcs\":[]} junk";
	/* a later document on the same line: columns count from the line */
	static const char same_line[] = "{\"Vpcs\":[]} {\"Subnets\":[{\"SubnetId\":5}]}";
	/* files that start with a byte order mark, joined with cat */
	static const char boms[] = "\xef\xbb\xbf{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]}\n"
				   "\xef\xbb\xbf{\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
				   "\"CidrBlock\":\"10.0.1.0/24\"}]}\n";
	const char *good[] = {two, arr, boms + 3}; /* load_file strips the first */
	struct diag d;
	(void)state;
	for (int i = 0; i < 3; i++) {
		struct topo *t = topo_new();
		assert_int_equal(topo_load_buffer(t, "t.json", good[i], strlen(good[i]), &d), 0);
		topo_finish(t);
		assert_int_equal(topo_count(t, OBJ_VPC), 1);
		assert_int_equal(topo_count(t, OBJ_SUBNET), 1);
		int s;
		assert_int_equal(topo_find(t, "subnet-a", 8, &s), OBJ_SUBNET);
		assert_int_equal(t->subnets[s].vpc, 0);
		topo_free(t);
	}
	struct topo *t = topo_new();
	assert_int_equal(topo_load_buffer(t, "b.json", bad, strlen(bad), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 4);
	assert_non_null(strstr(d.msg, "Subnets[0].SubnetId"));
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "j.json", trailing, strlen(trailing), &d), TJ_E_SYNTAX);
	assert_int_equal(d.line, 1);
	assert_true(d.column > 13);
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "s.json", same_line, strlen(same_line), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.column, 37); /* the 5, 24 bytes into a document at column 13 */
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "e.json", " \n", 2, &d), TJ_E_SYNTAX);
	assert_non_null(strstr(d.msg, "empty"));
	topo_free(t);
}

/* Files as Windows tools and careless copies leave them: a UTF-8 byte
 * order mark is skipped; a gzip-compressed file is named as such, and so
 * are UTF-16 and the CLI's YAML or text output; a directory without
 * *.json files says which files are read, and one with them counts the
 * others. */
static void test_file_encodings(void **state)
{
	static const char topo[] = "\xef\xbb\xbf{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]}";
	static const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00";
	char *dir = tl_mkdtemp(), *path = tl_path(dir, "t.json");
	struct topo *t = topo_new();
	struct diag d;
	(void)state;
	tl_write_file(path, topo, strlen(topo));
	assert_int_equal(topo_load_path(t, path, &d), 0);
	topo_finish(t);
	assert_int_equal(topo_count(t, OBJ_VPC), 1);
	topo_free(t);
	tl_write_file(path, gz, sizeof(gz) - 1);
	t = topo_new();
	assert_int_not_equal(topo_load_path(t, path, &d), 0);
	assert_non_null(strstr(d.msg, "gzip-compressed"));
	topo_free(t);
	/* UTF-16 (Windows PowerShell 5.1), and the CLI's YAML output */
	static const char u16[] = "\xff\xfe{\0}\0";
	static const char yaml[] = "\nVpcs:\n- VpcId: vpc-a\n";
	tl_write_file(path, u16, sizeof(u16) - 1);
	t = topo_new();
	assert_int_not_equal(topo_load_path(t, path, &d), 0);
	assert_non_null(strstr(d.msg, "UTF-16 text"));
	topo_free(t);
	tl_write_file(path, yaml, strlen(yaml));
	t = topo_new();
	assert_int_equal(topo_load_path(t, path, &d), TJ_E_SYNTAX);
	assert_non_null(strstr(d.msg, "(not JSON: the AWS CLI's --output yaml, text or table? give it --output json)"));
	topo_free(t);
	remove(path);
	free(path);
	path = tl_path(dir, "t.txt");
	tl_write_file(path, topo, strlen(topo));
	t = topo_new();
	assert_int_not_equal(topo_load_path(t, dir, &d), 0);
	assert_non_null(strstr(d.msg, "only files named *.json are read"));
	topo_free(t);
	/* beside a topology file, the others are counted as not read */
	char *good = tl_path(dir, "vpcs.json");
	tl_write_file(good, topo, strlen(topo));
	t = topo_new();
	assert_int_equal(topo_load_path(t, dir, &d), 0);
	assert_int_equal(t->unread, 1);
	assert_non_null(strstr(t->unread_first, "t.txt"));
	topo_free(t);
	/* and topology check reports them */
	struct options o;
	memset(&o, 0, sizeof(o));
	o.cmd = CMD_TOPOLOGY;
	char word[] = "check";
	char *inputs[2] = {word, dir};
	o.inputs = inputs;
	o.ninputs = 2;
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	assert_int_equal(run_topology_check(&o, f, &d), 1);
	fclose(f);
	one_finding(out, "files-not-read", "t.txt");
	free(out);
	/* get-managed-prefix-list-entries output among them: named, with
	 * what to do */
	static const char entries[] = "{\"Entries\":[{\"Cidr\":\"172.16.0.0/16\"}]}";
	char *pl = tl_path(dir, "pl-entries.json");
	tl_write_file(pl, entries, strlen(entries));
	f = open_memstream(&out, &len);
	assert_int_equal(run_topology_check(&o, f, &d), 1);
	fclose(f);
	/* wrapped on lines of its own below the finding's row */
	assert_non_null(strstr(out, "\n    detail: 1 file is get-managed-prefix-list-entries output"));
	assert_non_null(strstr(out, "\n      "));
	unwrap(out);
	one_finding(out, "prefix-list-entries-file", "pl-entries.json");
	assert_non_null(strstr(out, "add its Entries to the list's element of PrefixLists"));
	free(out);
	free(pl);
	free(good);
	tl_rmtree(dir);
	free(path);
	free(dir);
}

/* Errors in a later output name their line and column in the file: the
 * later output's own lines, the lines of outputs before it (blank lines
 * too) and, on its first line only, the columns before it. */
static void test_error_positions_in_later_outputs(void **state)
{
	/* starts on line 1 after another output, error on its line 2 */
	static const char second_line[] = "{\"Vpcs\":[]} {\"Subnets\":[\n{\"SubnetId\":5}]}";
	static const char syntax[] = "{\"Vpcs\":[]}\n{\"Subnets\":[\n{\"SubnetId\":\"s\"},]}";
	static const char blank[] = "{\"Vpcs\":[]}\n\n{\"Subnets\":[{\"SubnetId\":5}]}";
	static const char multiline[] = "{\"Vpcs\":[\n{\"VpcId\":\"v\",\"CidrBlock\":\"10.0.0.0/16\"}\n]}\n"
					"{\"Subnets\":[{\"SubnetId\":5}]}";
	struct diag d;
	(void)state;
	struct topo *t = topo_new();
	assert_int_equal(topo_load_buffer(t, "t.json", second_line, strlen(second_line), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.column, 13);
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "t.json", syntax, strlen(syntax), &d), TJ_E_SYNTAX);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.column, 18);
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "t.json", blank, strlen(blank), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.column, 25);
	topo_free(t);
	t = topo_new();
	assert_int_equal(topo_load_buffer(t, "t.json", multiline, strlen(multiline), &d), TJ_E_SHAPE);
	assert_int_equal(d.line, 4);
	assert_int_equal(d.column, 25);
	topo_free(t);
}

/* A directory holding an ip-ranges.json beside the topology: the file
 * without topology keys is passed over, not an error. */
static void test_directory_with_ip_ranges(void **state)
{
	static const char topo[] = "{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]}";
	static const char ranges[] = "{\"prefixes\":[]}";
	char *dir = tl_mkdtemp(), *path = tl_path(dir, "topo.json"), *rpath = tl_path(dir, "ip-ranges.json");
	struct topo *t = topo_new();
	struct diag d;
	(void)state;
	tl_write_file(path, topo, strlen(topo));
	tl_write_file(rpath, ranges, strlen(ranges));
	assert_int_equal(topo_load_path(t, dir, &d), 0);
	topo_finish(t);
	assert_int_equal(topo_count(t, OBJ_VPC), 1);
	topo_free(t);
	tl_rmtree(dir);
	free(path);
	free(rpath);
	free(dir);
}

/* An association with "Main": false does not make the table the VPC's
 * main one: a subnet it does not name has no route table. */
static void test_main_false(void **state)
{
	char *out;
	(void)state;
	int rc = check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		       "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"},"
		       "{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.2.0/24\"}],"
		       "\"RouteTables\":[{\"RouteTableId\":\"rtb-x\",\"VpcId\":\"vpc-a\","
		       "\"Associations\":[{\"SubnetId\":\"subnet-a\",\"Main\":false}],"
		       "\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}]}",
		       &out);
	assert_int_equal(rc, 1);
	one_finding(out, "subnet-without-route-table", "subnet-b");
	free(out);
}

/* cidr-overlap compares the CIDRs a VPC holds now (not a disassociated
 * one), within one account, whichever of the two VPCs is listed first. */
static void test_cidr_overlap_scope(void **state)
{
#define TWO_CIDRS(st)                                                                               \
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.0.0.0/16\","                \
	"\"CidrBlockAssociationSet\":[{\"CidrBlock\":\"10.0.0.0/16\",\"CidrBlockState\":{\"State\":"      \
	"\"associated\"}},{\"CidrBlock\":\"10.1.0.0/16\",\"CidrBlockState\":{\"State\":\"" st "\"}}]},"  \
	VPC("vpc-b", "1", "10.1.0.0/16") "]}"
	char *out;
	(void)state;
	assert_int_equal(check(TWO_CIDRS("disassociated"), &out), 0);
	assert_null(strstr(out, "cidr-overlap"));
	free(out);
	assert_int_equal(check(TWO_CIDRS("associated"), &out), 1);
	one_finding(out, "cidr-overlap", "10.1.0.0/16 overlaps 10.1.0.0/16 of vpc-b");
	free(out);
#undef TWO_CIDRS
	/* the same CIDR in two accounts */
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "111111111111", "10.0.0.0/16") ","
			       VPC("vpc-b", "222222222222", "10.0.0.0/16") "]}", &out), 0);
	assert_null(strstr(out, "cidr-overlap"));
	free(out);
	/* the smaller CIDR first */
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-small", "1", "10.0.128.0/17") ","
			       VPC("vpc-big", "1", "10.0.0.0/16") "]}", &out), 1);
	one_finding(out, "cidr-overlap", "10.0.128.0/17 overlaps 10.0.0.0/16 of vpc-big in account 1");
	free(out);
}

/* A VPC given twice (two accounts' outputs both list it) overlapping
 * another: one finding, not one per copy. */
static void test_cidr_overlap_vpc_given_twice(void **state)
{
	char *out;
	(void)state;
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "," VPC("vpc-b", "1", "10.0.0.0/20") "]}\n"
			       "{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "]}\n", &out), 1);
	one_finding(out, "cidr-overlap", "10.0.0.0/20");
	assert_non_null(strstr(out, "\n1 finding\n"));
	free(out);
}

/* An element of VpcEndpoints without VpcEndpointType is a gateway
 * endpoint: a NAT route table not associated with it is a finding. */
static void test_endpoint_without_type(void **state)
{
	char *out;
	(void)state;
	int rc = check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		       "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],"
		       "\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		       "\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		       "{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}],"
		       "\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\"}],"
		       "\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcId\":\"vpc-a\","
		       "\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[]}]}",
		       &out);
	assert_int_equal(rc, 1);
	one_finding(out, "gateway-endpoint-not-associated", "vpce-s3");
	free(out);
}

/* gateway-endpoint-not-associated looks at the IPv4 default route only:
 * a shorter IPv4 prefix or ::/0 to a NAT gateway or a transit gateway,
 * with the default route to an internet gateway, is no finding. */
static void test_gateway_endpoint_default_route_only(void **state)
{
#define DEFAULT_IGW(route)                                                                          \
	"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"                                               \
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],"     \
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\"}],"     \
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-gwlb-a\",\"VpcEndpointType\":\"GatewayLoadBalancer\","      \
	"\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.vpce.us-east-1.vpce-svc-1\"}],"                 \
	"\"InternetGateways\":[{\"InternetGatewayId\":\"igw-a\",\"Attachments\":[{\"VpcId\":\"vpc-a\"}]}]," \
	"\"TransitGatewayAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-a\","                 \
	"\"TransitGatewayId\":\"tgw-a\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-a\"}],"              \
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"                  \
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-a\"}," route "]}],"                  \
	"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\"," \
	"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[]}]}"
	static const char *const topos[] = {
		DEFAULT_IGW("{\"DestinationCidrBlock\":\"10.0.0.0/8\",\"NatGatewayId\":\"nat-a\"}"),
		DEFAULT_IGW("{\"DestinationIpv6CidrBlock\":\"::/0\",\"NatGatewayId\":\"nat-a\"}"),
		DEFAULT_IGW("{\"DestinationCidrBlock\":\"10.0.0.0/8\",\"TransitGatewayId\":\"tgw-a\"}"),
		DEFAULT_IGW("{\"DestinationIpv6CidrBlock\":\"::/0\",\"TransitGatewayId\":\"tgw-a\"}"),
	};
#undef DEFAULT_IGW
	(void)state;
	for (size_t i = 0; i < sizeof(topos) / sizeof(topos[0]); i++) {
		char *out;
		if (check(topos[i], &out) != 0 || strstr(out, "gateway-endpoint-not-associated"))
			fail_msg("topology %zu:\n%s", i, out);
		free(out);
	}
}

/* gateway-endpoint-not-associated looks at the endpoint's own VPC's
 * route tables that a subnet uses: not a spare table with no
 * association, nor another VPC's NAT route table. */
static void test_gateway_endpoint_tables_in_use(void **state)
{
	char *out;
	(void)state;
	int rc = check(
		"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "," VPC("vpc-b", "1", "10.1.0.0/16") "],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"},"
		"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.1.0/24\"}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\"},"
		"{\"NatGatewayId\":\"nat-b\",\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\"}],"
		"\"PrefixLists\":[{\"PrefixListId\":\"pl-s3\",\"PrefixListName\":\"com.amazonaws.us-east-1.s3\","
		"\"Cidrs\":[\"52.216.0.0/15\"]}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"},"
		"{\"DestinationPrefixListId\":\"pl-s3\",\"GatewayId\":\"vpce-s3\"}]},"
		"{\"RouteTableId\":\"rtb-spare\",\"VpcId\":\"vpc-a\",\"Associations\":[],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]},"
		"{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-b\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-b\"}]}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Gateway\",\"VpcId\":\"vpc-a\","
		"\"ServiceName\":\"com.amazonaws.us-east-1.s3\",\"RouteTableIds\":[\"rtb-a\"]}]}",
		&out);
	if (rc != 0)
		fail_msg("%s", out);
	free(out);
}

#define PCX(id, a, b, code)                                                                         \
	"{\"VpcPeeringConnectionId\":\"" id "\",\"Status\":{\"Code\":\"" code "\"},"                    \
	"\"RequesterVpcInfo\":{\"VpcId\":\"" a "\"},\"AccepterVpcInfo\":{\"VpcId\":\"" b "\"}}"
#define FOUR_VPCS                                                                                   \
	VPC("vpc-a", "1", "10.97.0.0/16") "," VPC("vpc-b", "1", "10.98.0.0/16") ","                      \
	VPC("vpc-c", "1", "10.99.0.0/16") "," VPC("vpc-d", "1", "10.100.0.0/16")

/* peering-mesh: four VPCs or more, every pair peered by an active
 * peering connection. Three VPCs, a pair short of a mesh, or peerings
 * that are not active are no mesh. */
static void test_peering_mesh(void **state)
{
	char *out;
	(void)state;
	/* three VPCs fully meshed */
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.97.0.0/16") "," VPC("vpc-b", "1", "10.98.0.0/16") ","
			       VPC("vpc-c", "1", "10.99.0.0/16") "],\"VpcPeeringConnections\":["
			       PCX("pcx-ab", "vpc-a", "vpc-b", "active") "," PCX("pcx-ac", "vpc-a", "vpc-c", "active") ","
			       PCX("pcx-bc", "vpc-b", "vpc-c", "active") "]}", &out), 0);
	assert_null(strstr(out, "peering-mesh"));
	free(out);
	/* four VPCs, five of the six pairs */
	assert_int_equal(check("{\"Vpcs\":[" FOUR_VPCS "],\"VpcPeeringConnections\":["
			       PCX("pcx-ab", "vpc-a", "vpc-b", "active") "," PCX("pcx-ac", "vpc-a", "vpc-c", "active") ","
			       PCX("pcx-ad", "vpc-a", "vpc-d", "active") "," PCX("pcx-bc", "vpc-b", "vpc-c", "active") ","
			       PCX("pcx-bd", "vpc-b", "vpc-d", "active") "]}", &out), 0);
	assert_null(strstr(out, "peering-mesh"));
	free(out);
	/* four VPCs fully meshed; a fifth joined by a deleted peering only */
	assert_int_equal(check("{\"Vpcs\":[" FOUR_VPCS "," VPC("vpc-e", "1", "10.101.0.0/16") "],"
			       "\"VpcPeeringConnections\":["
			       PCX("pcx-ab", "vpc-a", "vpc-b", "active") "," PCX("pcx-ac", "vpc-a", "vpc-c", "active") ","
			       PCX("pcx-ad", "vpc-a", "vpc-d", "active") "," PCX("pcx-bc", "vpc-b", "vpc-c", "active") ","
			       PCX("pcx-bd", "vpc-b", "vpc-d", "active") "," PCX("pcx-cd", "vpc-c", "vpc-d", "active") ","
			       PCX("pcx-ae", "vpc-a", "vpc-e", "deleted") "]}", &out), 1);
	one_finding(out, "peering-mesh", "4 VPCs are fully meshed with 6 peering connections");
	free(out);
	/* a chain of active peerings, the other pairs' not active */
	assert_int_equal(check("{\"Vpcs\":[" FOUR_VPCS "],\"VpcPeeringConnections\":["
			       PCX("pcx-ab", "vpc-a", "vpc-b", "active") "," PCX("pcx-bc", "vpc-b", "vpc-c", "active") ","
			       PCX("pcx-cd", "vpc-c", "vpc-d", "active") "," PCX("pcx-ac", "vpc-a", "vpc-c", "deleted") ","
			       PCX("pcx-ad", "vpc-a", "vpc-d", "rejected") ","
			       PCX("pcx-bd", "vpc-b", "vpc-d", "pending-acceptance") "]}", &out), 0);
	assert_null(strstr(out, "peering-mesh"));
	free(out);
}

/* A chain of four VPCs is no mesh however its peerings are counted: a
 * peering listed twice (each account's output lists it) counts once, and
 * peerings to VPCs outside the topology do not count. */
static void test_peering_mesh_counts_each_pair_once(void **state)
{
#define CHAIN PCX("pcx-ab", "vpc-a", "vpc-b", "active") "," PCX("pcx-bc", "vpc-b", "vpc-c", "active") "," \
	      PCX("pcx-cd", "vpc-c", "vpc-d", "active")
	char *out;
	(void)state;
	assert_int_equal(check("{\"Vpcs\":[" FOUR_VPCS "]}\n{\"VpcPeeringConnections\":[" CHAIN "]}\n"
			       "{\"VpcPeeringConnections\":[" CHAIN "]}\n", &out), 0);
	if (strstr(out, "peering-mesh"))
		fail_msg("%s", out);
	free(out);
	assert_int_equal(check("{\"Vpcs\":[" FOUR_VPCS "],\"VpcPeeringConnections\":[" CHAIN ","
			       PCX("pcx-ax", "vpc-a", "vpc-x", "active") "," PCX("pcx-ay", "vpc-a", "vpc-y", "active") ","
			       PCX("pcx-bz", "vpc-b", "vpc-z", "active") "]}", &out), 0);
	if (strstr(out, "peering-mesh"))
		fail_msg("%s", out);
	free(out);
#undef CHAIN
}
#undef FOUR_VPCS
#undef PCX

/* route-target-missing for each kind of target the topology can lack:
 * a transit gateway no attachment names, a network interface, an
 * endpoint. */
static void test_route_targets_missing(void **state)
{
	char *out;
	(void)state;
	int rc = check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
		       "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}],"
		       "\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		       "\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		       "{\"DestinationCidrBlock\":\"10.8.0.0/16\",\"TransitGatewayId\":\"tgw-gone\"},"
		       "{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"NetworkInterfaceId\":\"eni-gone\"},"
		       "{\"DestinationCidrBlock\":\"10.7.0.0/16\",\"GatewayId\":\"vpce-gone\"}]}]}",
		       &out);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "a route targets tgw-gone, which is not in the topology"));
	assert_non_null(strstr(out, "a route targets eni-gone, which is not in the topology"));
	assert_non_null(strstr(out, "a route targets vpce-gone, which is not in the topology"));
	assert_non_null(strstr(out, "\n3 findings\n"));
	free(out);
}

/* The counts name each kind's own objects: an interface endpoint and no
 * NAT gateway. */
static void test_counts(void **state)
{
	char *out;
	(void)state;
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
			       "\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-i\",\"VpcEndpointType\":\"Interface\","
			       "\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.us-east-1.sqs\"}]}", &out), 0);
	assert_non_null(strstr(out, "\nvpc_endpoints                    1\n"));
	assert_non_null(strstr(out, "\nnat_gateways                     0\n"));
	free(out);
}

/* A NAT gateway of a VPC not in the topology (its address known from
 * NatGatewayAddresses alone) is no vpc-missing finding: only listed
 * network interfaces name VPCs that should be there. */
static void test_nat_gateway_of_vpc_not_given(void **state)
{
	char *out;
	(void)state;
	assert_int_equal(check("{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"
			       "\"NatGateways\":[{\"NatGatewayId\":\"nat-z\",\"VpcId\":\"vpc-z\",\"SubnetId\":\"subnet-z\","
			       "\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-z\",\"PrivateIp\":\"10.9.0.5\"}]}]}",
			       &out), 0);
	assert_null(strstr(out, "vpc-missing"));
	free(out);
}

/* A route table sending its subnets of AZ b to the NAT gateway of AZ a,
 * while the VPC has one in b: a finding naming the b subnet and b's NAT
 * gateway; a subnet of an AZ without one (c) is not named; with b's NAT
 * gateway deleted, no finding. */
static void test_nat_gateway_other_az(void **state)
{
	char *out;
	(void)state;
#define NAT_AZ_TOPO(state_b)                                                                               \
	"{\"Vpcs\":[" VPC("vpc-a", "1", "10.0.0.0/16") "],"                                                   \
	"\"Subnets\":["                                                                                     \
	"{\"SubnetId\":\"subnet-pa\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\",\"AvailabilityZone\":\"us-east-1a\"}," \
	"{\"SubnetId\":\"subnet-pb\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1b\"}," \
	"{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.10.0/24\",\"AvailabilityZone\":\"us-east-1a\"}," \
	"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.11.0/24\",\"AvailabilityZone\":\"us-east-1b\"}," \
	"{\"SubnetId\":\"subnet-c\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.12.0/24\",\"AvailabilityZone\":\"us-east-1c\"}]," \
	"\"RouteTables\":["                                                                                 \
	"{\"RouteTableId\":\"rtb-pub\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"       \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"                 \
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-1\"}]},"                                \
	"{\"RouteTableId\":\"rtb-priv\",\"VpcId\":\"vpc-a\",\"Associations\":["                           \
	"{\"SubnetId\":\"subnet-a\"},{\"SubnetId\":\"subnet-b\"},{\"SubnetId\":\"subnet-c\"}],"           \
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"                 \
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"}]}],"                            \
	"\"InternetGateways\":[{\"InternetGatewayId\":\"igw-1\",\"Attachments\":[{\"VpcId\":\"vpc-a\"}]}]," \
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-a\",\"VpcId\":\"vpc-a\",\"SubnetId\":\"subnet-pa\","  \
	"\"State\":\"available\"},{\"NatGatewayId\":\"nat-b\",\"VpcId\":\"vpc-a\",\"SubnetId\":\"subnet-pb\"," \
	"\"State\":\"" state_b "\"}]}"
	assert_int_equal(check(NAT_AZ_TOPO("available"), &out), 1);
	one_finding(out, "nat-gateway-other-az", "rtb-priv sends 0.0.0.0/0 to NAT gateway nat-a in us-east-1a, but "
						  "subnet subnet-b is in us-east-1b, where the VPC has NAT gateway nat-b");
	assert_null(strstr(out, "subnet-c"));
	assert_null(strstr(out, "and others"));
	free(out);
	assert_int_equal(check(NAT_AZ_TOPO("deleted"), &out), 0);
	assert_null(strstr(out, "nat-gateway-other-az"));
	free(out);
#undef NAT_AZ_TOPO
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap_across_regions),
		cmocka_unit_test(test_clean_topology),
		cmocka_unit_test(test_each_lint),
		cmocka_unit_test(test_gateway_endpoints_per_table),
		cmocka_unit_test(test_prefix_list_resolved_by_ranges),
		cmocka_unit_test(test_partial_topology),
		cmocka_unit_test(test_file_encodings),
		cmocka_unit_test(test_subnet_missing),
		cmocka_unit_test(test_no_vpc),
		cmocka_unit_test(test_output_paginated),
		cmocka_unit_test(test_endpoint_route_missing),
		cmocka_unit_test(test_route_target_inactive),
		cmocka_unit_test(test_routes_elsewhere_beyond_blackhole),
		cmocka_unit_test(test_route_target_unknown),
		cmocka_unit_test(test_route_table_conflict),
		cmocka_unit_test(test_several_outputs_in_one_file),
		cmocka_unit_test(test_error_positions_in_later_outputs),
		cmocka_unit_test(test_directory_with_ip_ranges),
		cmocka_unit_test(test_main_false),
		cmocka_unit_test(test_cidr_overlap_scope),
		cmocka_unit_test(test_cidr_overlap_vpc_given_twice),
		cmocka_unit_test(test_endpoint_without_type),
		cmocka_unit_test(test_gateway_endpoint_default_route_only),
		cmocka_unit_test(test_gateway_endpoint_tables_in_use),
		cmocka_unit_test(test_peering_mesh),
		cmocka_unit_test(test_nat_gateway_other_az),
		cmocka_unit_test(test_peering_mesh_counts_each_pair_once),
		cmocka_unit_test(test_route_targets_missing),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_nat_gateway_of_vpc_not_given),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
