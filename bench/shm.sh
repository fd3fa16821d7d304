# SPDX-License-Identifier: MIT
#
# Sourced by bench/run and bench/run-analyze. They time their inputs from
# memory: on some virtual machines the page cache is given back within
# seconds, and each run would then read its input from disk. /dev/shm
# (tmpfs) keeps a copy, when it has room; BENCH_SHM=0 reads the inputs
# where they are.

# shm_room KIB: /dev/shm may be used (BENCH_SHM, default 1) and has more
# than KIB KiB free.
shm_room() {
	[ "${BENCH_SHM:-1}" = 1 ] && [ -w /dev/shm ] &&
		[ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -gt "$1" ]
}
