/* SPDX-License-Identifier: MIT */
/*
 * gen_flowlogs: a deterministic generator of realistic VPC Flow Log text for
 * benchmarks and large-input tests. The same options and seed always give
 * the same bytes (a seeded xoshiro256** PRNG; no clock, no rand()).
 *
 * The traffic is a small account in one region: three logged VPCs (10.0,
 * 10.1, 10.2) with public, private and data subnets, NAT gateways, interface
 * endpoints, a peering to the shared-services VPC and one to a VPC of
 * another account, S3 and DynamoDB through gateway endpoints, internet hosts
 * through NAT (the NAT ENI's four records), inbound web traffic and port
 * scans (REJECT), IPv6 through an egress-only gateway, and about 1%
 * NODATA/SKIPDATA records. Each conversation is logged on every logged ENI
 * it crosses, as AWS does.
 *
 * Output is one file (gzip with zlib, level 6 by default like AWS, or plain
 * text) or a directory in the S3 key layout, one file per 5-minute window.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "rng.h"

/* Uniform in [lo, hi]. */
static uint32_t range(struct rng *r, uint32_t lo, uint32_t hi)
{
	return lo + below(r, hi - lo + 1);
}

/* True with probability pct/1000. */
static int chance(struct rng *r, uint32_t permille)
{
	return below(r, 1000) < permille;
}

/* A heavy-tailed count in [1, 2^(maxbits+1)): small values are common. */
static uint64_t heavy(struct rng *r, uint32_t maxbits)
{
	uint32_t a = below(r, maxbits + 1), b = below(r, maxbits + 1);
	uint32_t k = a < b ? a : b;
	return (UINT64_C(1) << k) + (rng_next(r) & ((UINT64_C(1) << k) - 1));
}

/* ---- the fields ---- */

enum gf {
	G_VERSION, G_ACCOUNT, G_IFACE, G_SRCADDR, G_DSTADDR, G_SRCPORT, G_DSTPORT,
	G_PROTO, G_PACKETS, G_BYTES, G_START, G_END, G_ACTION, G_STATUS,
	G_VPC, G_SUBNET, G_INSTANCE, G_TCPFLAGS, G_TYPE, G_PKTSRC, G_PKTDST,
	G_REGION, G_AZ, G_SRCSVC, G_DSTSVC, G_DIR, G_PATH, G_NFIELDS
};

static const char *const field_name[G_NFIELDS] = {
	"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport",
	"dstport", "protocol", "packets", "bytes", "start", "end", "action",
	"log-status", "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type",
	"pkt-srcaddr", "pkt-dstaddr", "region", "az-id", "pkt-src-aws-service",
	"pkt-dst-aws-service", "flow-direction", "traffic-path",
};

static const int v2_order[] = {
	G_VERSION, G_ACCOUNT, G_IFACE, G_SRCADDR, G_DSTADDR, G_SRCPORT, G_DSTPORT,
	G_PROTO, G_PACKETS, G_BYTES, G_START, G_END, G_ACTION, G_STATUS,
};

/* A custom format as users build them: every v2-v5 field, deliberately not
 * in AWS's order, so that a parser must follow the header. */
static const int v5_order[] = {
	G_REGION, G_ACCOUNT, G_TCPFLAGS, G_SRCPORT, G_VPC, G_PKTDST, G_BYTES,
	G_IFACE, G_DIR, G_START, G_SRCADDR, G_SRCSVC, G_AZ, G_PROTO, G_VERSION,
	G_END, G_INSTANCE, G_DSTADDR, G_PATH, G_ACTION, G_SUBNET, G_PACKETS,
	G_PKTSRC, G_TYPE, G_DSTPORT, G_DSTSVC, G_STATUS,
};

/* ---- the network ---- */

struct addr {
	int v6;
	uint32_t v4;
	uint16_t g[8];
};

enum role { R_WEB, R_APP, R_DB, R_NAT, R_ENDPOINT };

struct vpc {
	char id[24];
	uint32_t base;       /* 10.N.0.0 */
	uint16_t v6[4];      /* the /56 prefix as four groups (last one /56-aligned) */
};

struct subnet {
	char id[32];
	int vpc, az, is_public;
	uint32_t base; /* a /24 */
	int v6;        /* has an IPv6 /64 */
	uint16_t v6g3; /* the fourth group of its /64 */
};

struct eni {
	char id[24];
	char inst[24]; /* "i-..." or "-" (requester-managed) */
	int vpc, subnet;
	enum role role;
	struct addr ip, ip6;
	int has6;
};

#define MAX_ENIS 512
#define MAX_SUBNETS 32
#define NPOPULAR 2048

static const char *const az_ids[] = {"use1-az1", "use1-az2", "use1-az4", "use1-az6"};

struct popular {
	struct addr a;
	const char *svc; /* AWS service of the address, or NULL */
};

struct model {
	const char *account, *region;
	struct vpc vpcs[3];
	struct subnet subnets[MAX_SUBNETS];
	int nsubnets;
	struct eni enis[MAX_ENIS];
	int nenis;
	/* ENI indices by role and VPC */
	int web[3][32], nweb[3];
	int app[3][128], napp[3];
	int db[3][32], ndb[3];
	int endpoint[3][8], nendpoint[3];
	int nat[3][4], nnat[3];
	struct popular pop[NPOPULAR];
	struct popular pop6[256];
};

static void hexid(struct rng *r, char *out, size_t cap, const char *prefix, int ndigits)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(prefix);
	memcpy(out, prefix, n);
	for (int i = 0; i < ndigits && n + 1 < cap; i++)
		out[n++] = hex[rng_next(r) & 15];
	out[n] = '\0';
}

static struct addr v4(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	struct addr x;
	memset(&x, 0, sizeof(x));
	x.v4 = (a << 24) | (b << 16) | (c << 8) | d;
	return x;
}

static struct addr v4_in(struct rng *r, uint32_t base, uint32_t prefix_len)
{
	struct addr x;
	memset(&x, 0, sizeof(x));
	uint32_t host = prefix_len >= 32 ? 0 : (uint32_t)(rng_next(r) & ((UINT32_C(1) << (32 - prefix_len)) - 1));
	x.v4 = base | host;
	if ((x.v4 & 0xff) == 0 || (x.v4 & 0xff) == 255)
		x.v4 ^= 7;
	return x;
}

/* A public unicast IPv4 address outside the private, shared and special
 * ranges. */
static struct addr public_v4(struct rng *r)
{
	for (;;) {
		uint32_t a = range(r, 1, 223);
		uint32_t b = below(r, 256);
		if (a == 10 || a == 100 || a == 127 || a == 169 || a == 172 || a == 192 ||
		    a == 198 || a == 0)
			continue;
		return v4(a, b, below(r, 256), range(r, 1, 254));
	}
}

/* Groups 1..0xffff only, so that the canonical text has no "::". */
static uint16_t g16(struct rng *r)
{
	return (uint16_t)range(r, 1, 0xffff);
}

static int add_eni(struct model *m, struct rng *r, int sn, enum role role)
{
	struct eni *e = &m->enis[m->nenis];
	struct subnet *s = &m->subnets[sn];
	memset(e, 0, sizeof(*e));
	hexid(r, e->id, sizeof(e->id), "eni-", 17);
	if (role == R_NAT || role == R_ENDPOINT)
		strcpy(e->inst, "-");
	else
		hexid(r, e->inst, sizeof(e->inst), "i-", 17);
	e->vpc = s->vpc;
	e->subnet = sn;
	e->role = role;
	e->ip = v4_in(r, s->base, 24);
	if ((e->ip.v4 & 0xff) < 4) /* AWS reserves .0-.3 */
		e->ip.v4 |= 4;
	if (s->v6 && role != R_NAT && role != R_ENDPOINT) {
		const struct vpc *v = &m->vpcs[s->vpc];
		e->has6 = 1;
		e->ip6.v6 = 1;
		e->ip6.g[0] = v->v6[0];
		e->ip6.g[1] = v->v6[1];
		e->ip6.g[2] = v->v6[2];
		e->ip6.g[3] = s->v6g3;
		for (int i = 4; i < 8; i++)
			e->ip6.g[i] = g16(r);
	}
	return m->nenis++;
}

static void build_model(struct model *m, struct rng *r)
{
	memset(m, 0, sizeof(*m));
	m->account = "123456789012";
	m->region = "us-east-1";
	for (int v = 0; v < 3; v++) {
		struct vpc *p = &m->vpcs[v];
		hexid(r, p->id, sizeof(p->id), "vpc-", 17);
		p->base = (UINT32_C(10) << 24) | ((uint32_t)v << 16);
		p->v6[0] = 0x2600;
		p->v6[1] = 0x1f18;
		p->v6[2] = g16(r);
		p->v6[3] = (uint16_t)(g16(r) & 0xff00);
		if (p->v6[3] == 0)
			p->v6[3] = 0x6c00;
	}
	/* prod and staging: 3 public, 3 private, 3 data subnets; shared: 2 private */
	for (int v = 0; v < 3; v++) {
		int kinds = v < 2 ? 3 : 1;
		int per = v < 2 ? 3 : 2;
		for (int k = 0; k < kinds; k++) {
			for (int z = 0; z < per; z++) {
				struct subnet *s = &m->subnets[m->nsubnets];
				hexid(r, s->id, sizeof(s->id), "subnet-", 17);
				s->vpc = v;
				s->az = z;
				int third = v < 2 ? (k == 0 ? 0 : k == 1 ? 10 : 20) + z : 10 + z;
				s->is_public = v < 2 && k == 0;
				s->base = m->vpcs[v].base | ((uint32_t)third << 8);
				s->v6 = v == 0 && k < 2;
				s->v6g3 = (uint16_t)(m->vpcs[v].v6[3] | (uint16_t)third);
				int sn = m->nsubnets++;
				int role = v == 2 ? R_APP : k == 0 ? R_WEB : k == 1 ? R_APP : R_DB;
				int n = role == R_WEB ? 4 : role == R_APP ? (v == 0 ? 24 : 10) : 5;
				for (int i = 0; i < n; i++) {
					int e = add_eni(m, r, sn, (enum role)role);
					if (role == R_WEB)
						m->web[v][m->nweb[v]++] = e;
					else if (role == R_APP)
						m->app[v][m->napp[v]++] = e;
					else
						m->db[v][m->ndb[v]++] = e;
				}
				if (s->is_public)
					m->nat[v][m->nnat[v]++] = add_eni(m, r, sn, R_NAT);
				if (role == R_APP && z == 0) {
					for (int i = 0; i < 2; i++)
						m->endpoint[v][m->nendpoint[v]++] =
							add_eni(m, r, sn, R_ENDPOINT);
				}
			}
		}
	}
	/* Internet hosts people talk to: a quarter in AWS-looking ranges. */
	for (int i = 0; i < NPOPULAR; i++) {
		struct popular *p = &m->pop[i];
		switch (below(r, 8)) {
		case 0:
			p->a = v4_in(r, v4(54, 239, 0, 0).v4, 17);
			p->svc = "AMAZON";
			break;
		case 1:
			p->a = v4_in(r, v4(3, 80, 0, 0).v4, 12);
			p->svc = "EC2";
			break;
		default:
			p->a = public_v4(r);
			p->svc = NULL;
		}
	}
	for (int i = 0; i < 256; i++) {
		struct popular *p = &m->pop6[i];
		static const uint16_t nets[][2] = {
			{0x2606, 0x4700}, {0x2a03, 0x2880}, {0x2607, 0xf8b0}, {0x2620, 0x1ec}};
		int k = (int)below(r, 4);
		p->a.v6 = 1;
		p->a.g[0] = nets[k][0];
		p->a.g[1] = nets[k][1];
		for (int j = 2; j < 8; j++)
			p->a.g[j] = g16(r);
		p->svc = NULL;
	}
}

/* ---- records and their text ---- */

enum dir { D_INGRESS, D_EGRESS };

struct rec {
	const struct eni *e;
	const struct model *m;
	int nodata; /* 0 flow, 1 NODATA, 2 SKIPDATA */
	struct addr src, dst, psrc, pdst;
	uint32_t sport, dport, proto;
	uint64_t packets, bytes;
	int64_t start, end;
	int reject;
	uint32_t flags;
	enum dir dir;
	int path; /* traffic-path on egress records, 0 for none */
	const char *ssvc, *dsvc;
};

struct out {
	FILE *f;
	int gzip;
	z_stream z;
	unsigned char *zbuf;
	char *buf;
	size_t len;
	uint64_t text_bytes;  /* all text, all files */
	uint64_t file_bytes;  /* compressed bytes written, all files */
	const char *path;
};

#define OBUF (1u << 20)
#define ZBUF (1u << 20)
#define SLACK 4096 /* a record is far shorter */

/* Print "gen_flowlogs: what 'arg'" and exit 1. */
static void die(const char *what, const char *arg)
{
	fprintf(stderr, "gen_flowlogs: %s '%s'\n", what, arg);
	exit(1);
}

static void out_write(struct out *o, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, o->f) != n)
		die("write error on", o->path);
	o->file_bytes += n;
}

static void out_flush(struct out *o, int finish)
{
	if (!o->gzip) {
		out_write(o, o->buf, o->len);
		o->len = 0;
		return;
	}
	o->z.next_in = (unsigned char *)o->buf;
	o->z.avail_in = (uInt)o->len;
	int rc;
	do {
		o->z.next_out = o->zbuf;
		o->z.avail_out = ZBUF;
		rc = deflate(&o->z, finish ? Z_FINISH : Z_NO_FLUSH);
		if (rc == Z_STREAM_ERROR)
			die("deflate failed on", o->path);
		out_write(o, o->zbuf, ZBUF - o->z.avail_out);
	} while (o->z.avail_out == 0 || (finish && rc != Z_STREAM_END));
	o->len = 0;
}

static void out_open(struct out *o, const char *path, int gzip, int level)
{
	o->path = path;
	o->gzip = gzip;
	o->len = 0;
	if (strcmp(path, "-") == 0) {
		o->f = stdout;
	} else {
		o->f = fopen(path, "wb");
		if (!o->f)
			die("cannot create", path);
	}
	if (gzip) {
		memset(&o->z, 0, sizeof(o->z));
		if (deflateInit2(&o->z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			die("deflateInit2 failed for", path);
	}
}

static void out_close(struct out *o)
{
	out_flush(o, 1);
	if (o->gzip)
		deflateEnd(&o->z);
	if (o->f == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			die("write error on", "stdout");
	} else if (fclose(o->f) != 0) {
		die("write error on", o->path);
	}
	o->f = NULL;
}

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);
	memcpy(p, s, n);
	return p + n;
}

static char *put_u64(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_addr(char *p, const struct addr *a)
{
	if (!a->v6) {
		for (int i = 3; i >= 0; i--) {
			p = put_u64(p, (a->v4 >> (8 * i)) & 0xff);
			if (i)
				*p++ = '.';
		}
		return p;
	}
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 8; i++) {
		unsigned g = a->g[i];
		int started = 0;
		for (int sh = 12; sh >= 0; sh -= 4) {
			unsigned d = (g >> sh) & 15;
			if (d || started || sh == 0) {
				*p++ = hex[d];
				started = 1;
			}
		}
		if (i < 7)
			*p++ = ':';
	}
	return p;
}

struct gen {
	struct model m;
	struct rng r;
	struct out out;
	const int *order;
	int nfields;
	int version;
	int64_t t0;         /* midnight UTC of the day */
	uint64_t target;    /* text bytes to write */
	uint64_t records, flows, nodata, skipdata, files;
	int window;         /* current 5-minute window, 0..287 */
};

static void emit(struct gen *g, const struct rec *x)
{
	struct out *o = &g->out;
	if (o->len + SLACK > OBUF)
		out_flush(o, 0);
	char *p = o->buf + o->len, *p0 = p;
	const struct eni *e = x->e;
	for (int i = 0; i < g->nfields; i++) {
		int f = g->order[i];
		if (i)
			*p++ = ' ';
		if (x->nodata && f != G_VERSION && f != G_ACCOUNT && f != G_IFACE &&
		    f != G_START && f != G_END && f != G_STATUS) {
			*p++ = '-';
			continue;
		}
		switch (f) {
		case G_VERSION:
			p = put_u64(p, (uint64_t)g->version);
			break;
		case G_ACCOUNT:
			p = put_str(p, x->m->account);
			break;
		case G_IFACE:
			p = put_str(p, e->id);
			break;
		case G_SRCADDR:
			p = put_addr(p, &x->src);
			break;
		case G_DSTADDR:
			p = put_addr(p, &x->dst);
			break;
		case G_SRCPORT:
			p = put_u64(p, x->sport);
			break;
		case G_DSTPORT:
			p = put_u64(p, x->dport);
			break;
		case G_PROTO:
			p = put_u64(p, x->proto);
			break;
		case G_PACKETS:
			p = put_u64(p, x->packets);
			break;
		case G_BYTES:
			p = put_u64(p, x->bytes);
			break;
		case G_START:
			p = put_u64(p, (uint64_t)x->start);
			break;
		case G_END:
			p = put_u64(p, (uint64_t)x->end);
			break;
		case G_ACTION:
			p = put_str(p, x->reject ? "REJECT" : "ACCEPT");
			break;
		case G_STATUS:
			p = put_str(p, x->nodata == 1 ? "NODATA" : x->nodata == 2 ? "SKIPDATA" : "OK");
			break;
		case G_VPC:
			p = put_str(p, x->m->vpcs[e->vpc].id);
			break;
		case G_SUBNET:
			p = put_str(p, x->m->subnets[e->subnet].id);
			break;
		case G_INSTANCE:
			p = put_str(p, e->inst);
			break;
		case G_TCPFLAGS:
			p = put_u64(p, x->flags);
			break;
		case G_TYPE:
			p = put_str(p, x->src.v6 ? "IPv6" : "IPv4");
			break;
		case G_PKTSRC:
			p = put_addr(p, &x->psrc);
			break;
		case G_PKTDST:
			p = put_addr(p, &x->pdst);
			break;
		case G_REGION:
			p = put_str(p, x->m->region);
			break;
		case G_AZ:
			p = put_str(p, az_ids[x->m->subnets[e->subnet].az]);
			break;
		case G_SRCSVC:
			p = put_str(p, x->ssvc ? x->ssvc : "-");
			break;
		case G_DSTSVC:
			p = put_str(p, x->dsvc ? x->dsvc : "-");
			break;
		case G_DIR:
			p = put_str(p, x->dir == D_EGRESS ? "egress" : "ingress");
			break;
		case G_PATH:
			if (x->dir == D_EGRESS && x->path)
				p = put_u64(p, (uint64_t)x->path);
			else
				*p++ = '-';
			break;
		default:
			*p++ = '-';
		}
	}
	*p++ = '\n';
	size_t n = (size_t)(p - p0);
	o->len += n;
	o->text_bytes += n;
	g->records++;
	if (x->nodata == 1)
		g->nodata++;
	else if (x->nodata == 2)
		g->skipdata++;
	else
		g->flows++;
}

static void emit_header(struct gen *g)
{
	struct out *o = &g->out;
	char *p = o->buf + o->len, *p0 = p;
	for (int i = 0; i < g->nfields; i++) {
		if (i)
			*p++ = ' ';
		p = put_str(p, field_name[g->order[i]]);
	}
	*p++ = '\n';
	o->len += (size_t)(p - p0);
	o->text_bytes += (size_t)(p - p0);
}

/* ---- conversations ---- */

/* One exchange between a client and a server, before it is seen on ENIs. */
struct flow {
	struct addr c, s;        /* client, server */
	uint32_t cport, sport, proto;
	uint64_t req_pk, req_by, resp_pk, resp_by;
	uint32_t req_flags, resp_flags;
	const char *csvc, *ssvc; /* AWS service of a public client/server address */
	int64_t start, end;
	int reject;              /* the server side refused: no response */
};

static void times(struct gen *g, struct flow *f)
{
	int64_t win0 = g->t0 + (int64_t)g->window * 300;
	f->end = win0 + (int64_t)below(&g->r, 300);
	uint32_t dur = chance(&g->r, 450) ? range(&g->r, 540, 600) : below(&g->r, 601);
	f->start = f->end - (int64_t)dur;
	if (f->start < g->t0)
		f->start = g->t0;
}

/* Packets and bytes of both directions: the bits arguments bound the packet counts (in
 * powers of two), the lo/hi pairs the bytes per packet. */
static void volume(struct gen *g, struct flow *f, uint32_t req_bits, uint32_t resp_bits,
		   uint32_t req_lo, uint32_t req_hi, uint32_t resp_lo, uint32_t resp_hi)
{
	struct rng *r = &g->r;
	f->req_pk = heavy(r, req_bits);
	f->resp_pk = heavy(r, resp_bits);
	f->req_by = f->req_pk * range(r, req_lo, req_hi);
	f->resp_by = f->resp_pk * range(r, resp_lo, resp_hi);
	if (f->proto == 6) {
		static const uint32_t req_flags[] = {19, 27, 27, 27, 3, 24, 16, 26};
		static const uint32_t resp_flags[] = {19, 27, 27, 18, 24, 16, 25, 26};
		int k = (int)below(r, 8);
		f->req_flags = req_flags[k];
		f->resp_flags = resp_flags[k];
	} else {
		f->req_flags = f->resp_flags = 0;
	}
}

static uint32_t ephemeral(struct rng *r)
{
	return range(r, 32768, 60999);
}

/*
 * The flow as seen on ENI e: the client-to-server record and the
 * server-to-client record. local_client says whether e is the client side.
 * path is the traffic-path of e's egress record.
 */
static void observe(struct gen *g, const struct eni *e, const struct flow *f, int local_client,
		    int path)
{
	struct rec x;
	memset(&x, 0, sizeof(x));
	x.e = e;
	x.m = &g->m;
	x.start = f->start;
	x.end = f->end;
	x.proto = f->proto;
	x.path = path;

	/* client -> server */
	x.src = x.psrc = f->c;
	x.dst = x.pdst = f->s;
	x.sport = f->cport;
	x.dport = f->sport;
	x.packets = f->req_pk;
	x.bytes = f->req_by;
	x.flags = f->req_flags;
	x.ssvc = f->csvc;
	x.dsvc = f->ssvc;
	x.dir = local_client ? D_EGRESS : D_INGRESS;
	x.reject = f->reject && !local_client;
	emit(g, &x);
	if (f->reject)
		return;

	/* server -> client */
	x.src = x.psrc = f->s;
	x.dst = x.pdst = f->c;
	x.sport = f->sport;
	x.dport = f->cport;
	x.packets = f->resp_pk;
	x.bytes = f->resp_by;
	x.flags = f->resp_flags;
	x.ssvc = f->ssvc;
	x.dsvc = f->csvc;
	x.dir = local_client ? D_INGRESS : D_EGRESS;
	x.reject = 0;
	emit(g, &x);
}

static const struct eni *pick(struct gen *g, const int *list, int n)
{
	return &g->m.enis[list[below(&g->r, (uint32_t)n)]];
}

/* prod carries most of the traffic */
static int pick_vpc(struct gen *g, int with_nat)
{
	uint32_t k = below(&g->r, 10);
	if (with_nat)
		return k < 7 ? 0 : 1;
	return k < 6 ? 0 : k < 9 ? 1 : 2;
}

static const struct eni *pick_client(struct gen *g, int v)
{
	const struct model *m = &g->m;
	if (m->nweb[v] && chance(&g->r, 150))
		return pick(g, m->web[v], m->nweb[v]);
	return pick(g, m->app[v], m->napp[v]);
}

/* Between two ENIs of one VPC: app to db, app to app, app to an endpoint. */
static void conv_local(struct gen *g)
{
	struct rng *r = &g->r;
	const struct model *m = &g->m;
	int v = pick_vpc(g, 0);
	const struct eni *a = pick_client(g, v), *b;
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = 6;
	uint32_t k = below(r, 10);
	if (k < 4 && m->ndb[v]) {
		static const uint32_t ports[] = {5432, 5432, 3306, 6379, 6379, 9200};
		b = pick(g, m->db[v], m->ndb[v]);
		f.sport = ports[below(r, 6)];
		volume(g, &f, 7, 9, 60, 400, 100, 1448);
	} else if (k < 6 && m->nendpoint[v]) {
		b = pick(g, m->endpoint[v], m->nendpoint[v]);
		f.sport = 443;
		volume(g, &f, 5, 6, 80, 900, 80, 1200);
	} else {
		static const uint32_t ports[] = {8080, 8443, 443, 9092, 50051, 80, 8500, 2049};
		b = pick(g, m->app[v], m->napp[v]);
		if (b == a)
			b = pick(g, m->app[v], m->napp[v]);
		f.sport = ports[below(r, 8)];
		volume(g, &f, 8, 9, 60, 1448, 60, 1448);
	}
	f.c = a->ip;
	f.s = b->ip;
	f.cport = ephemeral(r);
	times(g, &f);
	f.reject = chance(r, 15);
	if (f.reject) {
		f.req_pk = range(r, 1, 3);
		f.req_by = f.req_pk * 60;
		f.req_flags = 2;
	}
	observe(g, a, &f, 1, 1);
	observe(g, b, &f, 0, 1);
}

/* DNS to the VPC resolver (base + 2), which has no ENI of its own. */
static void conv_dns(struct gen *g)
{
	struct rng *r = &g->r;
	int v = pick_vpc(g, 0);
	const struct eni *a = pick_client(g, v);
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = 17;
	f.c = a->ip;
	f.s.v4 = g->m.vpcs[v].base | 2;
	f.cport = ephemeral(r);
	f.sport = 53;
	volume(g, &f, 4, 4, 60, 90, 80, 300);
	f.resp_pk = f.req_pk;
	times(g, &f);
	observe(g, a, &f, 1, 1);
}

/* prod to the shared VPC (both logged) or to another account's VPC. */
static void conv_peering(struct gen *g)
{
	struct rng *r = &g->r;
	const struct model *m = &g->m;
	const struct eni *a = pick_client(g, 0);
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = 6;
	f.c = a->ip;
	f.cport = ephemeral(r);
	static const uint32_t ports[] = {443, 8080, 5432, 9092};
	f.sport = ports[below(r, 4)];
	volume(g, &f, 7, 10, 60, 800, 100, 1448);
	times(g, &f);
	if (chance(r, 700)) {
		const struct eni *b = pick(g, m->app[2], m->napp[2]);
		f.s = b->ip;
		observe(g, a, &f, 1, 4);
		observe(g, b, &f, 0, 4);
	} else {
		f.s = v4_in(r, v4(172, 31, 0, 0).v4, 16);
		observe(g, a, &f, 1, 4);
	}
}

/* S3 or DynamoDB through a gateway endpoint. */
static void conv_gateway(struct gen *g, int s3)
{
	struct rng *r = &g->r;
	int v = pick_vpc(g, 1);
	const struct eni *a = pick_client(g, v);
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = 6;
	f.c = a->ip;
	f.cport = ephemeral(r);
	f.sport = 443;
	if (s3) {
		f.s = chance(r, 700) ? v4_in(r, v4(52, 216, 0, 0).v4, 15)
				     : v4_in(r, v4(54, 231, 0, 0).v4, 17);
		f.ssvc = "S3";
		if (chance(r, 600))
			volume(g, &f, 6, 14, 60, 600, 1200, 1448); /* downloads */
		else
			volume(g, &f, 14, 6, 1200, 1448, 60, 200); /* uploads */
	} else {
		f.s = chance(r, 600) ? v4_in(r, v4(3, 218, 180, 0).v4, 22)
				     : v4_in(r, v4(52, 94, 0, 0).v4, 22);
		f.ssvc = "DYNAMODB";
		volume(g, &f, 7, 7, 100, 900, 100, 1448);
	}
	times(g, &f);
	observe(g, a, &f, 1, chance(r, 500) ? 7 : 2);
}

/*
 * An instance reaching an internet host through its VPC's NAT gateway: two
 * records on the instance, four on the NAT ENI (flow-log-format.md).
 */
static void conv_nat(struct gen *g)
{
	struct rng *r = &g->r;
	const struct model *m = &g->m;
	int v = pick_vpc(g, 1);
	const struct eni *a = pick(g, m->app[v], m->napp[v]);
	const struct eni *nat = pick(g, m->nat[v], m->nnat[v]);
	/* a few hosts get most of the traffic */
	const struct popular *h = &m->pop[below(r, below(r, NPOPULAR) + 1)];
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = chance(r, 950) ? 6 : 17;
	f.c = a->ip;
	f.s = h->a;
	f.ssvc = h->svc;
	f.cport = ephemeral(r);
	f.sport = f.proto == 6 ? (chance(r, 900) ? 443 : 80) : 123;
	volume(g, &f, 6, 10, 60, 700, 200, 1448);
	times(g, &f);
	observe(g, a, &f, 1, 1);

	uint32_t nport = range(r, 1024, 65535);
	struct rec x;
	memset(&x, 0, sizeof(x));
	x.e = nat;
	x.m = m;
	x.start = f.start;
	x.end = f.end;
	x.proto = f.proto;

	/* instance to NAT: dstaddr is the NAT, pkt-dstaddr the host */
	x.src = x.psrc = f.c;
	x.dst = nat->ip;
	x.pdst = f.s;
	x.sport = f.cport;
	x.dport = f.sport;
	x.packets = f.req_pk;
	x.bytes = f.req_by;
	x.flags = f.req_flags;
	x.dsvc = h->svc;
	x.dir = D_INGRESS;
	emit(g, &x);
	/* NAT to host */
	x.src = x.psrc = nat->ip;
	x.dst = x.pdst = f.s;
	x.sport = nport;
	x.dir = D_EGRESS;
	x.path = chance(r, 500) ? 8 : 2;
	emit(g, &x);
	/* host to NAT */
	x.src = x.psrc = f.s;
	x.dst = x.pdst = nat->ip;
	x.sport = f.sport;
	x.dport = nport;
	x.packets = f.resp_pk;
	x.bytes = f.resp_by;
	x.flags = f.resp_flags;
	x.ssvc = h->svc;
	x.dsvc = NULL;
	x.dir = D_INGRESS;
	emit(g, &x);
	/* NAT to instance: pkt-srcaddr is the host */
	x.src = nat->ip;
	x.psrc = f.s;
	x.dst = x.pdst = f.c;
	x.dport = f.cport;
	x.dir = D_EGRESS;
	x.path = 1;
	emit(g, &x);
}

/* Internet clients of the public web tier. */
static void conv_inbound(struct gen *g)
{
	struct rng *r = &g->r;
	const struct model *m = &g->m;
	int v = chance(r, 800) ? 0 : 1;
	const struct eni *w = pick(g, m->web[v], m->nweb[v]);
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = 6;
	f.c = public_v4(r);
	f.s = w->ip;
	f.cport = range(r, 1024, 65535);
	f.sport = chance(r, 850) ? 443 : 80;
	volume(g, &f, 5, 8, 52, 600, 200, 1448);
	times(g, &f);
	observe(g, w, &f, 0, chance(r, 500) ? 8 : 2);
}

/* Scanners knocking on closed ports: one REJECT ingress record. */
static void conv_scan(struct gen *g)
{
	struct rng *r = &g->r;
	const struct model *m = &g->m;
	static const uint32_t ports[] = {22, 23, 3389, 445, 1433, 3306, 5900, 6379, 8080, 25};
	int v = chance(r, 800) ? 0 : 1;
	const struct eni *w = pick(g, m->web[v], m->nweb[v]);
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = chance(r, 920) ? 6 : chance(r, 500) ? 17 : 1;
	f.c = public_v4(r);
	f.s = w->ip;
	if (f.proto != 1) {
		f.cport = range(r, 1024, 65535);
		f.sport = chance(r, 700) ? ports[below(r, 10)] : range(r, 1, 65535);
	}
	f.req_pk = range(r, 1, 3);
	f.req_by = f.req_pk * (f.proto == 6 ? 40 + 4 * below(r, 6) : range(r, 28, 120));
	f.req_flags = f.proto == 6 ? 2 : 0;
	f.reject = 1;
	times(g, &f);
	observe(g, w, &f, 0, 0);
}

/* IPv6 from prod through the egress-only internet gateway. */
static void conv_ipv6(struct gen *g)
{
	struct rng *r = &g->r;
	const struct model *m = &g->m;
	const struct eni *a;
	do
		a = pick_client(g, 0);
	while (!a->has6);
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.proto = chance(r, 930) ? 6 : 58;
	f.c = a->ip6;
	f.s = m->pop6[below(r, below(r, 256) + 1)].a;
	if (f.proto == 6) {
		f.cport = ephemeral(r);
		f.sport = 443;
		volume(g, &f, 6, 10, 80, 700, 200, 1428);
	} else {
		volume(g, &f, 2, 2, 64, 104, 64, 104);
	}
	times(g, &f);
	observe(g, a, &f, 1, chance(r, 500) ? 8 : 2);
}

/* An interval in which an ENI saw nothing (NODATA) or lost records
 * (SKIPDATA). */
static void conv_nodata(struct gen *g)
{
	struct rng *r = &g->r;
	struct rec x;
	memset(&x, 0, sizeof(x));
	x.e = &g->m.enis[below(r, (uint32_t)g->m.nenis)];
	x.m = &g->m;
	x.nodata = chance(r, 900) ? 1 : 2;
	struct flow f;
	memset(&f, 0, sizeof(f));
	times(g, &f);
	x.start = f.end - 600 < g->t0 ? g->t0 : f.end - 600;
	x.end = f.end;
	emit(g, &x);
}

/* One step: a conversation (or a NODATA record) by the traffic mix. The
 * shares are of conversations; records per conversation vary from 1 to 6. */
static void step(struct gen *g)
{
	uint32_t k = below(&g->r, 1000);
	if (k < 30)
		conv_nodata(g);
	else if (k < 330)
		conv_local(g);
	else if (k < 400)
		conv_dns(g);
	else if (k < 470)
		conv_peering(g);
	else if (k < 580)
		conv_gateway(g, 1);
	else if (k < 630)
		conv_gateway(g, 0);
	else if (k < 780)
		conv_nat(g);
	else if (k < 860)
		conv_inbound(g);
	else if (k < 950)
		conv_scan(g);
	else
		conv_ipv6(g);
}

/* ---- files ---- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			die("cannot create directory", path);
		*p = '/';
	}
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die("cannot create directory", path);
}

static uint64_t parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s)
		die("bad size", s);
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case '\0': break;
	default: die("bad size", s);
	}
	if (*end || (shift && v > (UINT64_MAX >> shift)))
		die("bad size", s);
	return (uint64_t)v << shift;
}

static const struct option long_opts[] = {
	{"size", required_argument, NULL, 's'},
	{"seed", required_argument, NULL, 'S'},
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"dir", required_argument, NULL, 'd'},
	{"date", required_argument, NULL, 'D'},
	{"level", required_argument, NULL, 'l'},
	{"plain", no_argument, NULL, 'p'},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static const char usage_text[] =
	"Usage: gen_flowlogs [options] (-o FILE | -d DIR)\n"
	"\n"
	"Write deterministic, realistic VPC flow logs.\n"
	"\n"
	"  -s, --size BYTES   uncompressed text to write (suffix K, M, G: powers of 1024;\n"
	"                     default 64M)\n"
	"  -S, --seed N       PRNG seed (default 1)\n"
	"  -f, --format F     v2 (AWS's default format) or v5 (every v2-v5 field in a\n"
	"                     custom order); default v2\n"
	"  -o, --output FILE  one file with one header line ('-' is stdout)\n"
	"  -d, --dir DIR      the S3 key layout under DIR: one file per 5-minute window,\n"
	"                     AWSLogs/{account}/vpcflowlogs/{region}/{yyyy}/{mm}/{dd}/...\n"
	"  -D, --date Y-M-D   the day the records fall in (default 2024-06-11)\n"
	"  -l, --level N      gzip level 1-9 (default 6, as AWS's files)\n"
	"  -p, --plain        write plain text instead of gzip\n"
	"  -q, --quiet        no summary on stderr\n"
	"  -h, --help         show this help\n";

static void open_window_file(struct gen *g, const char *dir, int gzip, int level,
			     const char *flow_log_id, struct rng *names, char *path, size_t cap,
			     int year, unsigned mon, unsigned day)
{
	int64_t t = (int64_t)g->window * 300;
	int n = snprintf(path, cap, "%s/AWSLogs/%s/vpcflowlogs/%s/%04d/%02u/%02u", dir,
			 g->m.account, g->m.region, year, mon, day);
	if (n < 0 || (size_t)n >= cap)
		die("path too long under", dir);
	mkdirs(path);
	n = snprintf(path + n, cap - (size_t)n,
		     "/%s_vpcflowlogs_%s_%s_%04d%02u%02uT%02d%02dZ_%08" PRIx64 ".log%s",
		     g->m.account, g->m.region, flow_log_id, year, mon, day, (int)(t / 3600),
		     (int)(t % 3600 / 60), rng_next(names) >> 32, gzip ? ".gz" : "");
	if (n < 0)
		die("path too long under", dir);
	out_open(&g->out, path, gzip, level);
	g->files++;
	emit_header(g);
}

int main(int argc, char **argv)
{
	static struct gen g; /* large: keep it off the stack */
	uint64_t seed = 1, size = UINT64_C(64) << 20;
	const char *format = "v2", *output = NULL, *dir = NULL, *date = "2024-06-11";
	int level = 6, gzip = 1, quiet = 0, c;

	while ((c = getopt_long(argc, argv, "s:S:f:o:d:D:l:pqh", long_opts, NULL)) != -1) {
		switch (c) {
		case 's':
			size = parse_size(optarg);
			break;
		case 'S':
			seed = parse_size(optarg);
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		case 'l':
			level = atoi(optarg);
			if (level < 1 || level > 9)
				die("bad level", optarg);
			break;
		case 'p':
			gzip = 0;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			fputs("Try 'gen_flowlogs --help'.\n", stderr);
			return 2;
		}
	}
	if (optind != argc || !!output == !!dir) {
		fputs("gen_flowlogs: give exactly one of -o FILE and -d DIR\n"
		      "Try 'gen_flowlogs --help'.\n", stderr);
		return 2;
	}
	int year;
	unsigned mon, day;
	if (sscanf(date, "%d-%u-%u", &year, &mon, &day) != 3 || mon < 1 || mon > 12 || day < 1 ||
	    day > 31)
		die("bad date (want YYYY-MM-DD)", date);
	if (strcmp(format, "v2") == 0) {
		g.order = v2_order;
		g.nfields = (int)(sizeof(v2_order) / sizeof(v2_order[0]));
		g.version = 2;
	} else if (strcmp(format, "v5") == 0) {
		g.order = v5_order;
		g.nfields = (int)(sizeof(v5_order) / sizeof(v5_order[0]));
		g.version = 5;
	} else {
		die("bad format (want v2 or v5)", format);
	}

	rng_seed(&g.r, seed);
	build_model(&g.m, &g.r);
	struct rng names;
	rng_seed(&names, seed ^ UINT64_C(0x5eed0f11e5));
	char flow_log_id[32];
	hexid(&names, flow_log_id, sizeof(flow_log_id), "fl-", 17);

	g.t0 = days_from_civil(year, mon, day) * 86400;
	g.target = size;
	g.out.buf = malloc(OBUF);
	g.out.zbuf = malloc(ZBUF);
	if (!g.out.buf || !g.out.zbuf)
		die("out of memory:", "buffers");

	static char path[4096];
	if (output) {
		out_open(&g.out, output, gzip, level);
		g.files = 1;
		emit_header(&g);
	} else {
		open_window_file(&g, dir, gzip, level, flow_log_id, &names, path, sizeof(path),
				 year, mon, day);
	}
	while (g.out.text_bytes < g.target) {
		int w = (int)(g.out.text_bytes * 288 / g.target);
		if (w != g.window) {
			g.window = w;
			if (dir) {
				out_close(&g.out);
				open_window_file(&g, dir, gzip, level, flow_log_id, &names, path,
						 sizeof(path), year, mon, day);
			}
		}
		step(&g);
	}
	out_close(&g.out);
	if (!quiet)
		fprintf(stderr,
			"gen_flowlogs: %" PRIu64 " files, %" PRIu64 " records (%" PRIu64
			" flows, %" PRIu64 " NODATA, %" PRIu64 " SKIPDATA), %" PRIu64
			" text bytes, %" PRIu64 " bytes written\n",
			g.files, g.records, g.flows, g.nodata, g.skipdata, g.out.text_bytes,
			g.out.file_bytes);
	free(g.out.buf);
	free(g.out.zbuf);
	return 0;
}
