/* SPDX-License-Identifier: MIT */
/* The price table; see prices.h and docs/prices.md for the figures' sources. */
#include "prices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const item_names[NPRICE_ITEMS] = {
	"nat_gateway_hour",    "nat_gateway_gb",   "interface_endpoint_hour",
	"interface_endpoint_gb", "transit_gateway_gb", "cross_az_gb",
	"inter_region_gb",     "public_ipv4_hour",
};

const char *price_item_name(int item)
{
	return item >= 0 && item < NPRICE_ITEMS ? item_names[item] : "?";
}

int price_item_from_name(const char *s)
{
	for (int i = 0; i < NPRICE_ITEMS; i++)
		if (strcmp(item_names[i], s) == 0)
			return i;
	return -1;
}

struct region_prices {
	char region[32];
	double usd[NPRICE_ITEMS];
	unsigned have; /* bit per item */
};

struct prices {
	struct region_prices *r;
	int n, cap;
};

/* Order as enum price_item: NAT hour, NAT GB, endpoint hour per AZ,
 * endpoint GB, TGW GB, cross-AZ GB each way, inter-region GB, public
 * IPv4 address hour. */
static const struct {
	const char *region;
	double usd[NPRICE_ITEMS];
} builtin[] = {
	{"us-east-1", {0.045, 0.045, 0.01, 0.01, 0.02, 0.01, 0.02, 0.005}},
	{"us-east-2", {0.045, 0.045, 0.01, 0.01, 0.02, 0.01, 0.02, 0.005}},
	{"us-west-2", {0.045, 0.045, 0.01, 0.01, 0.02, 0.01, 0.02, 0.005}},
	{"eu-west-1", {0.048, 0.048, 0.011, 0.01, 0.02, 0.01, 0.02, 0.005}},
	{"eu-central-1", {0.052, 0.052, 0.012, 0.01, 0.02, 0.01, 0.02, 0.005}},
	{"ap-southeast-1", {0.059, 0.059, 0.013, 0.01, 0.02, 0.01, 0.09, 0.005}},
	{"ap-northeast-1", {0.062, 0.062, 0.014, 0.01, 0.02, 0.01, 0.09, 0.005}},
	{"sa-east-1", {0.093, 0.093, 0.017, 0.01, 0.02, 0.01, 0.138, 0.005}},
};

const char *const prices_builtin_regions[] = {
	"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1",
	"ap-southeast-1", "ap-northeast-1", "sa-east-1", NULL,
};

static struct region_prices *find(const struct prices *p, const char *region)
{
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->r[i].region, region) == 0)
			return &p->r[i];
	return NULL;
}

void prices_set(struct prices *p, const char *region, int item, double usd)
{
	struct region_prices *r = find(p, region);
	if (!r) {
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 16;
			p->r = xrealloc(p->r, (size_t)p->cap * sizeof(*p->r));
		}
		r = &p->r[p->n++];
		memset(r, 0, sizeof(*r));
		snprintf(r->region, sizeof(r->region), "%s", region);
	}
	r->usd[item] = usd;
	r->have |= 1u << item;
}

struct prices *prices_new(void)
{
	struct prices *p = xcalloc(1, sizeof(*p));
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		for (int k = 0; k < NPRICE_ITEMS; k++)
			prices_set(p, builtin[i].region, k, builtin[i].usd[k]);
	return p;
}

void prices_free(struct prices *p)
{
	if (!p)
		return;
	free(p->r);
	free(p);
}

int prices_get(const struct prices *p, const char *region, int item, double *usd)
{
	const struct region_prices *r = find(p, region);
	if (!r || !(r->have & (1u << item)))
		return 0;
	*usd = r->usd[item];
	return 1;
}

double prices_for(const struct prices *p, const char *region, int item, int *fallback)
{
	double v = 0;
	if (fallback)
		*fallback = 0;
	if (region && prices_get(p, region, item, &v))
		return v;
	if (fallback)
		*fallback = 1;
	prices_get(p, "us-east-1", item, &v);
	return v;
}
