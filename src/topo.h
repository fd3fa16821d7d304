/* SPDX-License-Identifier: MIT */
/*
 * The topology model: VPCs, subnets, route tables, gateways, endpoints,
 * peering, transit gateway attachments, network interfaces, prefix lists
 * and AWS service ranges, as the AWS CLI describes them (shared/spec
 * paths.md section 1).
 *
 * Loaders (parsers/topology_json.c, parsers/ipranges.c) add objects with
 * the topo_add_* calls, which copy what they keep; topo_finish then links
 * the references and builds the lookup structures. After topo_finish the
 * model is read-only and may be shared by threads.
 *
 * Objects refer to each other by index (-1 for none); every id string is
 * interned in the model's string pool (field names ending in _s are pool
 * ids, 0 for none).
 */
#ifndef FLOWPATH_TOPO_H
#define FLOWPATH_TOPO_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "flowlog.h"
#include "prefix.h"
#include "strpool.h"

struct cidr {
	struct fl_addr a;
	int plen;
};

enum target_kind {
	TGT_NONE = 0,
	TGT_LOCAL,
	TGT_IGW,
	TGT_EIGW,
	TGT_VGW,
	TGT_VPCE,
	TGT_NAT,
	TGT_PCX,
	TGT_TGW,
	TGT_ENI,
	TGT_INSTANCE,
	TGT_LGW,
	TGT_CAGW,
	TGT_CORE,
	TGT_UNKNOWN,
};

struct t_route {
	struct cidr dst;      /* when pl_s == 0 */
	uint32_t pl_s;        /* destination prefix list id, 0 for a CIDR */
	enum target_kind kind;
	uint32_t target_s;    /* the target's id ("local" for local) */
	int blackhole;
	int propagated;       /* Origin EnableVgwRoutePropagation: loses at equal length */
	int unresolved;       /* a prefix list without CIDRs: the route matches nothing */
	int from_ranges;      /* a prefix list without CIDRs, a gateway endpoint's: its
			       * service's ip-ranges prefixes instead */
};

struct t_rtable {
	uint32_t id_s;
	uint32_t vpc_s;
	int vpc;
	int is_main;
	struct t_route *routes;
	int nroutes;
	uint32_t *subnet_s; /* explicitly associated subnets */
	int nsubnets;
	struct prefix_table *lpm; /* value: route index */
	int unresolved_pl;        /* routes whose prefix list has no CIDRs */
};

struct t_subnet {
	uint32_t id_s, vpc_s, owner_s, az_s, azid_s, region_s;
	int vpc;
	int rtable; /* explicit association, else -1 (the VPC's main applies) */
	/* a transit gateway attachment's alone (topo_rtable_serves_workloads):
	 * named by an attachment's SubnetIds or holding an attachment's
	 * interface, and no other known interface */
	int attachment_only;
	struct cidr *cidrs; /* IPv4 first, then IPv6 */
	int ncidrs;
};

struct t_vpc {
	uint32_t id_s, owner_s, region_s;
	/* 0: described (Vpcs); else named only by subnets, its CIDRs taken
	 * from its route tables' local routes (1) or its subnets (2) */
	int implied;
	struct cidr *cidrs;
	int ncidrs;
	int main_rtable;
	int *subnets;
	int nsubnets;
	struct prefix_table *subnet_lpm; /* value: subnet index */
	struct prefix_table *eni_lpm;    /* ENI addresses (/32, /128): eni index */
	/* accounts other than the owner with interfaces in it (NetworkInterfaces
	 * OwnerId): participants of a shared VPC, whose records search it */
	uint32_t *participants;
	int nparticipants;
};

enum eni_role { ROLE_WORKLOAD = 0, ROLE_NAT, ROLE_IFACE_EP, ROLE_TGW };

struct t_eni {
	uint32_t id_s, subnet_s, vpc_s, owner_s, type_s, instance_s, desc_s, az_s;
	int subnet, vpc;
	enum eni_role role;
	int nat;      /* NAT gateway index for ROLE_NAT */
	uint32_t nat_s; /* the NAT gateway its description names (ROLE_NAT) */
	uint32_t vpce_s; /* the endpoint its description names (vpc_endpoint) */
	int endpoint; /* endpoint index for ROLE_IFACE_EP */
	int tgw_att;  /* attachment index for ROLE_TGW */
	struct fl_addr *addrs;
	int naddrs;
	struct cidr *prefixes; /* delegated prefixes (EKS prefix delegation) */
	int nprefixes;
	int listed;   /* 1 when from NetworkInterfaces (addresses known) */
	int forwards; /* a Gateway Load Balancer (endpoint) ENI: others' traffic */
};

struct t_nat {
	uint32_t id_s, subnet_s, vpc_s;
	int subnet, vpc;
	int private_nat; /* ConnectivityType private */
	int gone;        /* State deleted, deleting or failed */
	/* AvailabilityMode regional: one gateway in every AZ of its
	 * addresses, each AZ's traffic handled in that AZ (no SubnetId) */
	int regional;
	int auto_zones;  /* AutoProvisionZones enabled: in every AZ with subnets */
	int nazs;        /* the distinct AvailabilityZone of its addresses */
	int npublic;     /* its addresses with a PublicIp or AllocationId */
	uint32_t *eni_s;
	struct fl_addr *priv;
	uint32_t *az_s;  /* each address's AvailabilityZone (0: none) */
	int naddrs;
};

enum ep_type { EP_GATEWAY = 1, EP_INTERFACE, EP_GWLB };

enum { EP_IPV4 = 1, EP_IPV6 = 2 };

struct t_endpoint {
	uint32_t id_s, vpc_s, service_name_s;
	uint32_t service_s;        /* "S3", "DYNAMODB", "SQS": from the service name */
	uint32_t service_region_s; /* from the service name */
	enum ep_type type;
	int vpc;
	uint32_t *rtable_s;
	int nrtables;
	uint32_t *eni_s;
	int nenis;
	uint32_t *subnet_s; /* interface endpoints: one subnet per AZ */
	int nsubnets;
	int private_dns;    /* interface endpoints' PrivateDnsEnabled: 1, 0, -1 not given */
	/* DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint: 1, 0, -1 not
	 * given (S3 and DynamoDB interface endpoints beside a gateway one) */
	int dns_inbound_only;
	/* the families it carries (IpAddressType): EP_IPV4 and/or EP_IPV6 */
	int families;
	/* the families its DNS names resolve to (DnsOptions.DnsRecordIpType
	 * ipv4, ipv6 or dualstack); 0: not given, or service-defined */
	int dns_records;
	/* gateway endpoints: the ip-ranges prefixes of their service and
	 * region (prefix-list routes without describe-prefix-lists output) */
	int *range_prefix;
	int nrange_prefix;
	int range_prefix_done;
};

struct t_peer_side {
	uint32_t vpc_s, owner_s, region_s;
	struct cidr *cidrs;
	int ncidrs;
};

struct t_peering {
	uint32_t id_s;
	int active;
	uint32_t status_s; /* Status.Code ("pending-acceptance"), 0 when not given */
	struct t_peer_side req, acc;
};

struct t_tgw_att {
	uint32_t id_s, tgw_s, vpc_s, resource_type_s;
	uint32_t *subnet_s;
	int nsubnets;
};

enum gw_kind { GW_IGW = 1, GW_EIGW, GW_VGW };

struct t_gateway {
	uint32_t id_s;
	enum gw_kind kind;
	uint32_t *vpc_s;
	int nvpcs;
};

struct t_prefix_list {
	uint32_t id_s, name_s;
	struct cidr *cidrs;
	int ncidrs;
};

/* One ip-ranges.json prefix after the service preference. */
struct t_range {
	uint32_t service_s, region_s;
};

/* An ip-ranges prefix as loaded (gateway endpoint prefix lists expand from
 * these when describe-prefix-lists output is missing). */
struct t_range_prefix {
	struct cidr c;
	uint32_t range; /* index into ranges */
};

/* What an id names (topo_find). */
enum obj_kind {
	OBJ_NONE = 0, OBJ_VPC, OBJ_SUBNET, OBJ_RTABLE, OBJ_NAT, OBJ_ENDPOINT, OBJ_PEERING,
	OBJ_TGW_ATT, OBJ_GATEWAY, OBJ_ENI, OBJ_PREFIX_LIST,
};

#define TOPO_ARRAY(type, name) \
	type *name;            \
	int n##name, cap_##name

struct topo {
	struct strpool *pool;
	TOPO_ARRAY(struct t_vpc, vpcs);
	TOPO_ARRAY(struct t_subnet, subnets);
	TOPO_ARRAY(struct t_rtable, rtables);
	TOPO_ARRAY(struct t_nat, nats);
	TOPO_ARRAY(struct t_endpoint, endpoints);
	TOPO_ARRAY(struct t_peering, peerings);
	TOPO_ARRAY(struct t_tgw_att, tgw_atts);
	TOPO_ARRAY(struct t_gateway, gateways);
	TOPO_ARRAY(struct t_eni, enis);
	TOPO_ARRAY(struct t_prefix_list, plists);
	TOPO_ARRAY(struct t_range, ranges);
	TOPO_ARRAY(struct t_range_prefix, range_prefixes);

	/* by pool id: what the id names, and its index */
	uint8_t *kind_of;
	int32_t *index_of;
	uint8_t *nat_named; /* by pool id: a NAT gateway an ENI's description names */
	uint32_t nids;

	struct prefix_table *vpc_lpm;   /* all VPC CIDRs: vpc index, or -1 ambiguous */
	struct prefix_table *range_lpm; /* ip-ranges: range index */
	/* every prefix and address of the model, each a distinct value: see
	 * topo_addr_class */
	struct prefix_table *class_lpm;
	int have_ranges;
	int nat64_routes; /* a route may send 64:ff9b::/96 to a NAT gateway (NAT64) */
	uint32_t ranges_sync_s, ranges_date_s;
	uint64_t duplicates;            /* objects given twice (the first kept) */
	/* of them, route tables described twice with other routes or
	 * associations (two snapshots: the first read wins), and the first
	 * id; other kinds are given twice by every account that sees them
	 * (a peering, a shared subnet) */
	uint64_t duplicate_objects;
	uint32_t duplicate_first_s;
	/* describe outputs with a NextToken: one page of several
	 * (--max-items), whose other pages may be missing (nothing links
	 * the pages); the first one's file */
	int truncated;
	char truncated_first[256];
	/* files of a topology directory not read: not named *.json, or
	 * JSON without a topology key (an ip-ranges.json beside it) */
	int unread;
	char unread_first[256];
	/* and get-managed-prefix-list-entries outputs (no list named), not
	 * counted in unread */
	int unread_entries;
	char entries_first[256];
	int implied_vpcs;               /* the last VPCs, known only from subnets */
	/* the last subnets (before any implied VPC's), known only from the
	 * network interfaces in them: no CIDRs */
	int implied_subnets;
	size_t max_file_bytes;          /* largest JSON file loaded; 0: 256 MiB */
	size_t max_ranges;              /* most ip-ranges prefixes; 0: 1,000,000 */
	int finished;
};

struct topo *topo_new(void);
void topo_free(struct topo *t); /* NULL ok */

/* Intern a string in the model's pool. */
uint32_t topo_str(struct topo *t, const char *s);

/* Append a zeroed object to an array and return it (loaders fill it). The
 * model owns every array the object points to (allocate with xmalloc). */
struct t_vpc *topo_add_vpc(struct topo *t);
struct t_subnet *topo_add_subnet(struct topo *t);
struct t_rtable *topo_add_rtable(struct topo *t);
struct t_nat *topo_add_nat(struct topo *t);
struct t_endpoint *topo_add_endpoint(struct topo *t);
struct t_peering *topo_add_peering(struct topo *t);
struct t_tgw_att *topo_add_tgw_att(struct topo *t);
struct t_gateway *topo_add_gateway(struct topo *t);
struct t_eni *topo_add_eni(struct topo *t);
struct t_prefix_list *topo_add_plist(struct topo *t);

/*
 * Add one ip-ranges entry (prefix, service, region). The same prefix may
 * come several times with different services: the preference of paths.md
 * section 1 picks one (S3 and DYNAMODB, then other services alphabetically,
 * then EC2, then AMAZON). Returns 0, or -1 for a bad prefix length.
 */
int topo_add_range(struct topo *t, const struct cidr *c, const char *service, const char *region);

/*
 * Link references by id, derive regions and roles, build the lookups.
 * Returns 0; the model is then read-only. Problems that are the topology's
 * own (dangling references) are left for topo_check to report.
 */
int topo_finish(struct topo *t);

/* Distinct objects of a kind (an id given in several files counts once). */
int topo_count(const struct topo *t, enum obj_kind k);

/* What an id names, and its index (-1 when unknown). */
enum obj_kind topo_find(const struct topo *t, const char *s, size_t len, int *index);
/* The index of the object of kind k that interned id names, or -1
 * (after topo_finish). */
int topo_index_of(const struct topo *t, uint32_t id, enum obj_kind k);

/* Is NAT gateway nat_s known: in NatGateways, or named by its ENI's
 * description? */
int topo_nat_known(const struct topo *t, uint32_t nat_s);

/* The first endpoint at or after index from of the given type, VPC and
 * service (pool ids), and service region when region_s is not NULL; -1
 * when none. */
int topo_endpoint_next(const struct topo *t, int from, enum ep_type type, uint32_t vpc_s,
		       uint32_t service_s, const uint32_t *region_s);

/* Distinct NAT gateways that routes target but the topology does not know;
 * *first is set to one of them (0 when none). */
int topo_missing_nats(const struct topo *t, uint32_t *first);

/* Region from an AZ name: "us-east-1a" -> "us-east-1" (paths.md 8). Writes
 * into buf; returns 0, or -1 when the name has no region part. */
int topo_region_of_az(const char *az, char *buf, size_t len);

/* The service of an address from ip-ranges: 1 with *range set, else 0. */
int topo_service_of(const struct topo *t, const struct fl_addr *a, const struct t_range **range);

/* The VPC whose CIDRs hold a; -1 when none does, -2 when several do
 * (overlapping CIDRs: the longest prefix holding a is in several VPCs). */
int topo_vpc_of_addr(const struct topo *t, const struct fl_addr *a);

/* Is a private: RFC 1918, shared address space (RFC 6598) or unique
 * local IPv6? Each range is an address class too. */
int topo_is_private(const struct fl_addr *a);
/* Is a in 64:ff9b::/96 (NAT64's well-known prefix)? Sets v4 to the IPv4
 * address it embeds. */
int topo_nat64_embedded(const struct fl_addr *a, struct fl_addr *v4);

/* Does the ENI have address a (its own, or one of its delegated prefixes)? */
int topo_eni_holds(const struct t_eni *e, const struct fl_addr *a);
/* Does the VPC's CIDR set hold a? */
int topo_vpc_holds(const struct topo *t, int vpc, const struct fl_addr *a);

/* The route table that applies to a subnet (explicit, else main), or -1. */
int topo_rtable_of_subnet(const struct topo *t, int subnet);
/* Does a subnet other than a transit gateway attachment's alone use
 * route table rt? A subnet is an attachment's alone when an attachment's
 * SubnetIds name it, or it holds an attachment's interface, and none of
 * its known interfaces is another's (spokes often put the attachment in
 * their workloads' subnets): its traffic is other VPCs'. */
int topo_rtable_serves_workloads(const struct topo *t, int rt);
/* An existing NAT gateway of vpc (an id) that workloads in az can use:
 * a zonal one in az (its subnet's), not deleted or failed, of the kind
 * asked (private, or public with its subnet routing to an internet
 * gateway), else (public only) a regional one, which handles each AZ's
 * traffic in that AZ; *hours is set when the regional one is not active
 * in az yet, so that routing there adds its hours in az. NULL: none. */
const char *topo_nat_in_az(const struct topo *t, const char *vpc, const char *az, int private_nat,
			   int *hours);
/* Has transit gateway tgw_s an attachment to VPC vpc_s (any VPC for 0)? */
int topo_tgw_attached(const struct topo *t, uint32_t tgw_s, uint32_t vpc_s);

/* The route table of the subnet named id (-1 none): its own when the
 * topology has the subnet; else the table explicitly associated with that
 * id, else VPC vpc's main table (vpc -1: none). *explicit says whether it
 * is associated with the subnet. */
int topo_rtable_of_subnet_id(const struct topo *t, const char *id, size_t len, int vpc, int *explicit);
/* Does route table rtable have a route to target (a pool id: an
 * endpoint, a gateway)? The routes, not an endpoint's RouteTableIds,
 * decide the path. */
int topo_rtable_routes_to(const struct topo *t, int rtable, uint32_t target);
/* Does route table rtable (an index; -1: no) route to a gateway endpoint
 * of service service_s in VPC vpc_s (pool ids)? A VPC may have several,
 * each on its own tables: a route to any of them is one. */
int topo_rtable_routes_to_gateway(const struct topo *t, int rtable, uint32_t vpc_s, uint32_t service_s);

/* Longest-prefix route of a route table for a; -1 when none. */
int topo_route_lookup(const struct topo *t, int rtable, const struct fl_addr *a);

/*
 * The address class of a: two addresses of the same family and class are
 * held by exactly the same prefixes of the model (VPC and subnet CIDRs,
 * routes, prefix lists, peering CIDRs, ip-ranges) and are the same ENI or
 * NAT address or neither, so every lookup of the model answers alike for
 * them. It is the longest of all those prefixes holding a, which decides
 * the whole chain of prefixes holding a. 0 when none holds it.
 */
uint32_t topo_addr_class(const struct topo *t, const struct fl_addr *a);

#endif
