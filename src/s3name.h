/* SPDX-License-Identifier: MIT */
/*
 * Time spans from the names AWS gives flow log objects in S3: the file
 * name's `_{YYYYMMDDTHHmmZ}_` (the 5-minute window in which its records
 * end), else the `yyyy/mm/dd[/HH]` or Hive `year=/month=/day=[/hour=]`
 * folders. Used to skip files outside --since/--until without opening them.
 */
#ifndef FLOWPATH_S3NAME_H
#define FLOWPATH_S3NAME_H

#include <stddef.h>
#include <stdint.h>

/*
 * The span [*start, *end) of record end times a path can hold: from
 * S3NAME_BEHIND seconds before the time its name or folders give (late
 * records) to S3NAME_AHEAD after it (or after the folder's day or hour),
 * widened by S3NAME_ZONES for folders outside AWS's flow log layout.
 * Returns 1 when the file name tells, 2 when the folders do, 0 when
 * neither does.
 */
#define S3NAME_BEHIND 1800
#define S3NAME_AHEAD 600
/* and, for folders of another layout than AWS's own for flow logs (a
 * Firehose prefix may be in a custom time zone), 14 hours more each way */
#define S3NAME_ZONES (14 * 3600)
int s3name_span(const char *path, int64_t *start, int64_t *end);

/*
 * The region of a flow log object's file name
 * (`{account}_vpcflowlogs_{region}_{flow-log-id}_...`) into buf. Returns 1
 * when the name has one, 0 when not.
 */
int s3name_region(const char *path, char *buf, size_t len);

/*
 * The flow log id of a flow log object's file name
 * (`{account}_vpcflowlogs_{region}_{flow-log-id}_...`, "fl-" and hex digits)
 * into buf. Returns 1 when the name has one, 0 when not.
 */
int s3name_flow_log(const char *path, char *buf, size_t len);

/*
 * The object a flow log file is, by its AWS name
 * (`{account}_vpcflowlogs_{region}_{flow-log-id}_{time}_{hash}.log.gz`,
 * unique in an account): the file name without its folders and without a
 * final ".gz" (a decompressed copy is the same object), into buf. Returns
 * NULL when the name is not such a name (or does not fit), else buf.
 */
const char *s3name_object(const char *path, char *buf, size_t len);

/*
 * Whether a path is, by its AWS name, another service's log object and no
 * VPC flow log: `{account}_{service}_...` with a service other than
 * vpcflowlogs (CloudTrail, elasticloadbalancing, ...), an
 * `aws-service=` Hive folder of another service, AWS's
 * `aws-logs-write-test` object, or a `_$folder$` marker. Writes what it is
 * into buf and returns 1, else 0.
 */
int s3name_other_service(const char *path, char *buf, size_t len);

#endif
