/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the ip-ranges.json loader: ipranges_load_buffer, then
 * topo_finish and topo_service_of lookups. Checks that every prefix loaded
 * is found again by the lookup, that the range found holds the address and
 * is at least as specific as the prefix asked for, and that every service
 * and region is a string of the model's pool.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prefix.h"
#include "topo.h"
#include "topology_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_diag(const struct diag *d, int rc)
{
	if (rc >= 0 || d->code != rc || strcmp(d->file, "ip-ranges.json") != 0 ||
	    memchr(d->msg, '\0', sizeof(d->msg)) == NULL || d->msg[0] == '\0')
		abort();
	if (rc != TJ_E_SYNTAX && rc != TJ_E_SHAPE)
		abort();
}

/* A pool id: 0 is the empty string (a range may name no service). */
static void check_string(const struct topo *t, uint32_t id)
{
	if (id > strpool_count(t->pool))
		abort();
	const char *s = strpool_str(t->pool, id);
	if (!s || s[strpool_len(t->pool, id)] != '\0')
		abort();
}

/* The range found for a, or -1; checks it holds a. */
static int lookup(const struct topo *t, const struct fl_addr *a)
{
	const struct t_range *r = NULL;
	if (!topo_service_of(t, a, &r))
		return -1;
	if (!r || r < t->ranges || r >= t->ranges + t->nranges)
		abort();
	int i = (int)(r - t->ranges);
	if (i >= t->nrange_prefixes || t->range_prefixes[i].range != (uint32_t)i)
		abort();
	const struct cidr *c = &t->range_prefixes[i].c;
	if (c->a.family != a->family || !prefix_contains(&c->a, c->plen, a))
		abort();
	return i;
}

static const char *const fixed_addrs[] = {
	"52.216.1.1", "54.231.0.9", "3.5.0.1", "0.0.0.0", "255.255.255.255",
	"::", "2600:1f18::1", "2a05:d018::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);
	memcpy(p, data, size);
	struct topo *t = topo_new();
	struct diag d;
	diag_clear(&d);
	int rc = ipranges_load_buffer(t, "ip-ranges.json", p, size, &d);
	if (rc != 0)
		check_diag(&d, rc);
	else if (d.code != 0)
		abort();
	if (topo_finish(t) != 0)
		abort();

	/* one range per distinct prefix */
	if (t->nranges != t->nrange_prefixes || (t->nranges > 0) != (t->have_ranges != 0))
		abort();
	for (int i = 0; i < t->nranges; i++) {
		check_string(t, t->ranges[i].service_s);
		check_string(t, t->ranges[i].region_s);
	}
	if (t->ranges_sync_s)
		check_string(t, t->ranges_sync_s);
	if (t->ranges_date_s)
		check_string(t, t->ranges_date_s);

	for (int i = 0; i < t->nrange_prefixes && i < 256; i++) {
		const struct cidr *c = &t->range_prefixes[i].c;
		int found = lookup(t, &c->a);
		/* a prefix's own address finds it or a longer one */
		if (found < 0 || t->range_prefixes[found].c.plen < c->plen)
			abort();
	}
	struct fl_addr a;
	for (size_t i = 0; i < sizeof(fixed_addrs) / sizeof(fixed_addrs[0]); i++) {
		if (fl_addr_parse(fixed_addrs[i], strlen(fixed_addrs[i]), &a) != 0)
			abort();
		lookup(t, &a);
	}
	topo_free(t);
	free(p);
	return 0;
}
