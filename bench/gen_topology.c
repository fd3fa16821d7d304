/* SPDX-License-Identifier: MIT */
/*
 * gen_topology: a large synthetic topology as AWS CLI JSON, for the model
 * loading benchmark: V VPCs with S subnets each (one route table per
 * subnet, routes to a NAT gateway per AZ, a peering and a gateway
 * endpoint), plus one workload ENI per subnet. Deterministic.
 *
 *     gen_topology -v 25 -s 20 -o DIR     # 500 subnets
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static FILE *open_json(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

int main(int argc, char **argv)
{
	int nv = 25, ns = 20, c;
	const char *dir = NULL;
	while ((c = getopt(argc, argv, "v:s:o:")) != -1) {
		switch (c) {
		case 'v':
			nv = atoi(optarg);
			break;
		case 's':
			ns = atoi(optarg);
			break;
		case 'o':
			dir = optarg;
			break;
		default:
			fprintf(stderr, "usage: gen_topology [-v VPCS] [-s SUBNETS_PER_VPC] -o DIR\n");
			return 2;
		}
	}
	if (!dir || nv < 1 || nv > 250 || ns < 1 || ns > 250) {
		fprintf(stderr, "usage: gen_topology [-v VPCS 1-250] [-s SUBNETS 1-250] -o DIR\n");
		return 2;
	}
	mkdir(dir, 0755);
	FILE *f = open_json(dir, "describe-vpcs.json");
	fputs("{\"Vpcs\": [\n", f);
	for (int v = 0; v < nv; v++)
		fprintf(f, "%s  {\"VpcId\": \"vpc-%017d\", \"OwnerId\": \"1111111%05d\", \"CidrBlock\": "
			   "\"10.%d.0.0/16\", \"CidrBlockAssociationSet\": [{\"CidrBlock\": \"10.%d.0.0/16\", "
			   "\"CidrBlockState\": {\"State\": \"associated\"}}]}\n",
			v ? "," : "", v, v % 3, v, v);
	fputs("]}\n", f);
	fclose(f);

	f = open_json(dir, "describe-subnets.json");
	fputs("{\"Subnets\": [\n", f);
	for (int v = 0; v < nv; v++)
		for (int s = 0; s < ns; s++)
			fprintf(f, "%s  {\"SubnetId\": \"subnet-%08d%09d\", \"VpcId\": \"vpc-%017d\", "
				   "\"CidrBlock\": \"10.%d.%d.0/24\", \"AvailabilityZone\": \"us-east-1%c\", "
				   "\"AvailabilityZoneId\": \"use1-az%d\"}\n",
				v || s ? "," : "", v, s, v, v, s, 'a' + s % 3, 1 + s % 3);
	fputs("]}\n", f);
	fclose(f);

	f = open_json(dir, "describe-route-tables.json");
	fputs("{\"RouteTables\": [\n", f);
	for (int v = 0; v < nv; v++)
		for (int s = 0; s < ns; s++)
			fprintf(f,
				"%s  {\"RouteTableId\": \"rtb-%08d%09d\", \"VpcId\": \"vpc-%017d\", "
				"\"Associations\": [{\"Main\": %s, \"SubnetId\": \"subnet-%08d%09d\"}], \"Routes\": ["
				"{\"DestinationCidrBlock\": \"10.%d.0.0/16\", \"GatewayId\": \"local\", \"State\": \"active\"}, "
				"{\"DestinationCidrBlock\": \"10.%d.0.0/16\", \"VpcPeeringConnectionId\": \"pcx-%017d\", \"State\": \"active\"}, "
				"{\"DestinationPrefixListId\": \"pl-63a5400a\", \"GatewayId\": \"vpce-%017d\", \"State\": \"active\"}, "
				"{\"DestinationCidrBlock\": \"0.0.0.0/0\", \"NatGatewayId\": \"nat-%08d%09d\", \"State\": \"active\"}]}\n",
				v || s ? "," : "", v, s, v, s == 0 ? "true" : "false", v, s, v, (v + 1) % nv, v,
				v, v, s % 3);
	fputs("]}\n", f);
	fclose(f);

	f = open_json(dir, "describe-nat-gateways.json");
	fputs("{\"NatGateways\": [\n", f);
	for (int v = 0; v < nv; v++)
		for (int z = 0; z < 3 && z < ns; z++)
			fprintf(f, "%s  {\"NatGatewayId\": \"nat-%08d%09d\", \"SubnetId\": \"subnet-%08d%09d\", "
				   "\"VpcId\": \"vpc-%017d\", \"ConnectivityType\": \"public\", "
				   "\"NatGatewayAddresses\": [{\"NetworkInterfaceId\": \"eni-n%07d%09d\", "
				   "\"PrivateIp\": \"10.%d.%d.5\", \"PublicIp\": \"198.51.%d.%d\"}]}\n",
				v || z ? "," : "", v, z, v, z, v, v, z, v, z, v % 256, z);
	fputs("]}\n", f);
	fclose(f);

	f = open_json(dir, "describe-vpc-endpoints.json");
	fputs("{\"VpcEndpoints\": [\n", f);
	for (int v = 0; v < nv; v++)
		fprintf(f, "%s  {\"VpcEndpointId\": \"vpce-%017d\", \"VpcEndpointType\": \"Gateway\", "
			   "\"VpcId\": \"vpc-%017d\", \"ServiceName\": \"com.amazonaws.us-east-1.s3\", "
			   "\"RouteTableIds\": [\"rtb-%08d%09d\"]}\n",
			v ? "," : "", v, v, v, 0);
	fputs("]}\n", f);
	fclose(f);

	f = open_json(dir, "describe-vpc-peering-connections.json");
	fputs("{\"VpcPeeringConnections\": [\n", f);
	for (int v = 0; v < nv; v++)
		fprintf(f, "%s  {\"VpcPeeringConnectionId\": \"pcx-%017d\", \"Status\": {\"Code\": \"active\"}, "
			   "\"RequesterVpcInfo\": {\"VpcId\": \"vpc-%017d\", \"CidrBlock\": \"10.%d.0.0/16\", \"Region\": \"us-east-1\"}, "
			   "\"AccepterVpcInfo\": {\"VpcId\": \"vpc-%017d\", \"CidrBlock\": \"10.%d.0.0/16\", \"Region\": \"us-east-1\"}}\n",
			v ? "," : "", v, v, v, (v + 1) % nv, (v + 1) % nv);
	fputs("]}\n", f);
	fclose(f);

	f = open_json(dir, "describe-network-interfaces.json");
	fputs("{\"NetworkInterfaces\": [\n", f);
	for (int v = 0; v < nv; v++)
		for (int s = 0; s < ns; s++)
			fprintf(f, "%s  {\"NetworkInterfaceId\": \"eni-w%07d%09d\", \"SubnetId\": \"subnet-%08d%09d\", "
				   "\"VpcId\": \"vpc-%017d\", \"InterfaceType\": \"interface\", \"PrivateIpAddress\": "
				   "\"10.%d.%d.10\", \"PrivateIpAddresses\": [{\"PrivateIpAddress\": \"10.%d.%d.10\"}], "
				   "\"Attachment\": {\"InstanceId\": \"i-%08d%09d\"}}\n",
				v || s ? "," : "", v, s, v, s, v, v, s, v, s, v, s);
	fputs("]}\n", f);
	fclose(f);
	return 0;
}
