/* SPDX-License-Identifier: MIT */
/* String pool with open addressing; see strpool.h. */
#include "strpool.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct entry {
	char *s;
	uint32_t len;
	uint64_t hash;
};

struct strpool {
	struct entry *ent; /* by id; ent[0] unused */
	uint32_t n, cap;
	uint32_t *slots;   /* ids, 0 empty */
	uint32_t nslots;   /* power of two */
};

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed)
{
	/* FNV-1a over 8-byte words with a final avalanche: fast for the short
	 * ids this project hashes, and good enough for open addressing. */
	const unsigned char *p = data;
	uint64_t h = seed ^ 0xcbf29ce484222325ULL ^ (len * 0x9e3779b97f4a7c15ULL);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0x100000001b3ULL;
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h;
}

struct strpool *strpool_new(void)
{
	struct strpool *p = xcalloc(1, sizeof(*p));
	p->cap = 64;
	p->ent = xcalloc(p->cap, sizeof(*p->ent));
	p->n = 0;
	p->nslots = 128;
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	p->ent[0].s = xstrdup("");
	return p;
}

void strpool_free(struct strpool *p)
{
	if (!p)
		return;
	for (uint32_t i = 0; i <= p->n; i++)
		free(p->ent[i].s);
	free(p->ent);
	free(p->slots);
	free(p);
}

static uint32_t probe(const struct strpool *p, const char *s, size_t len, uint64_t h)
{
	uint32_t mask = p->nslots - 1;
	for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
		uint32_t id = p->slots[i];
		if (id == 0)
			return i;
		const struct entry *e = &p->ent[id];
		if (e->hash == h && e->len == len && memcmp(e->s, s, len) == 0)
			return i;
	}
}

uint32_t strpool_find(const struct strpool *p, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	uint64_t h = hash_bytes(s, len, 0);
	return p->slots[probe(p, s, len, h)];
}

static void grow(struct strpool *p)
{
	free(p->slots);
	p->nslots *= 2;
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	uint32_t mask = p->nslots - 1;
	for (uint32_t id = 1; id <= p->n; id++) {
		uint32_t i = (uint32_t)p->ent[id].hash & mask;
		while (p->slots[i])
			i = (i + 1) & mask;
		p->slots[i] = id;
	}
}

uint32_t strpool_intern(struct strpool *p, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	uint64_t h = hash_bytes(s, len, 0);
	uint32_t slot = probe(p, s, len, h);
	if (p->slots[slot])
		return p->slots[slot];
	if (p->n + 1 >= p->cap) {
		p->cap *= 2;
		p->ent = xrealloc(p->ent, p->cap * sizeof(*p->ent));
	}
	uint32_t id = ++p->n;
	p->ent[id].s = xstrndup(s, len);
	p->ent[id].len = (uint32_t)len;
	p->ent[id].hash = h;
	p->slots[slot] = id;
	if ((uint64_t)p->n * 2 > p->nslots)
		grow(p);
	return id;
}

const char *strpool_str(const struct strpool *p, uint32_t id)
{
	return id <= p->n ? p->ent[id].s : "";
}

size_t strpool_len(const struct strpool *p, uint32_t id)
{
	return id <= p->n ? p->ent[id].len : 0;
}

uint32_t strpool_count(const struct strpool *p)
{
	return p->n;
}
