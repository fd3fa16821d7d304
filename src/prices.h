/* SPDX-License-Identifier: MIT */
/*
 * Prices: a built-in table of the per-region figures flowpath's money
 * depends on (docs/prices.md gives each figure's source and date), which a
 * pricing CSV can override figure by figure. Money is USD; a GB is 2^30
 * bytes, as AWS bills it; a month is 30.4375 days.
 */
#ifndef FLOWPATH_PRICES_H
#define FLOWPATH_PRICES_H

#include <stdint.h>

#include "diag.h"

#define GIB 1073741824.0
#define MONTH_SECONDS (30.4375 * 86400.0)
#define MONTH_HOURS (30.4375 * 24.0)

enum price_item {
	PRICE_NAT_HOUR,       /* NAT gateway, per hour */
	PRICE_NAT_GB,         /* NAT gateway, per GB processed */
	PRICE_IFACE_EP_HOUR,  /* interface endpoint, per hour per AZ */
	PRICE_IFACE_EP_GB,    /* interface endpoint, per GB (first tier) */
	PRICE_TGW_GB,         /* transit gateway, per GB processed */
	PRICE_CROSS_AZ_GB,    /* cross-AZ transfer, per GB in each direction */
	PRICE_INTER_REGION_GB, /* inter-region transfer out, per GB */
	PRICE_PUBLIC_IPV4_HOUR, /* a public IPv4 address (a NAT gateway's), per hour */
	NPRICE_ITEMS
};

/* The item's name in pricing CSVs and reports ("nat_gateway_hour"). */
const char *price_item_name(int item);
/* Reverse of price_item_name, -1 when unknown. */
int price_item_from_name(const char *s);

struct prices;

/* A table holding the built-in figures. */
struct prices *prices_new(void);
void prices_free(struct prices *p); /* NULL ok */

/*
 * The figure for a region (e.g. "us-east-1"). Returns 1 with *usd set, or 0
 * when the region has no figure for the item (unknown region): the caller
 * then uses prices_default().
 */
int prices_get(const struct prices *p, const char *region, int item, double *usd);
/* The figure for a region, falling back to us-east-1's; *fallback (may be
 * NULL) is set when it did. */
double prices_for(const struct prices *p, const char *region, int item, int *fallback);
/* Set one figure (pricing CSV). */
void prices_set(struct prices *p, const char *region, int item, double usd);

/* Regions of the built-in table, NULL-terminated. */
extern const char *const prices_builtin_regions[];

#endif
