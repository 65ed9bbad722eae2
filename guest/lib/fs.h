/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File helpers the guest programs share: reading and writing the small
 * files of proc, sysfs and cgroupfs, reading a file through, writing a
 * data file, and making files, negative dentries and removing trees.
 */
#ifndef GUEST_FS_H
#define GUEST_FS_H

#include <stddef.h>

int write_file(const char *path, const char *s);
int read_file(const char *path, char *buf, size_t len);
long long read_field(const char *path, const char *key, char sep);
long long read_keyed(const char *path, const char *key);
long long first_number(const char *path);
int read_all(const char *path);
int write_mb(const char *path, int mb);
int touch_files(const char *dir, int from, int to);
int lookup_missing(const char *dir, const char *name, int from, int to);
int make_dentries(const char *dir, int from, int to, int nfrom, int nto);
int rm_rf(const char *path);

#endif
