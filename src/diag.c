/* SPDX-License-Identifier: MIT */
/* Diagnostic records; see diag.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

void diag_clear(struct diag *d)
{
	if (d)
		memset(d, 0, sizeof(*d));
}

int diag_set(struct diag *d, int code, const char *file, uint64_t line,
	     const char *fmt, ...)
{
	va_list ap;
	if (!d)
		return code;
	d->code = code;
	d->line = line;
	d->column = 0;
	snprintf(d->file, sizeof(d->file), "%s", file ? file : "");
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return code;
}

char *diag_format(const struct diag *d, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	if (d->file[0])
		o += (size_t)snprintf(buf, len, "%s:", d->file);
	if (o < len && d->line)
		o += (size_t)snprintf(buf + o, len - o, "%llu:", (unsigned long long)d->line);
	if (o < len && d->line && d->column)
		o += (size_t)snprintf(buf + o, len - o, "%llu:", (unsigned long long)d->column);
	if (o < len)
		snprintf(buf + o, len - o, "%s%s", o ? " " : "", d->msg);
	return buf;
}
