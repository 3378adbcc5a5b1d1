/*
 * str.h — bounded string helpers and strict number parsing.
 * Nothing here allocates except psec_strdup_utf8().
 */
#ifndef PORTSEC_BASE_STR_H
#define PORTSEC_BASE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t psec_strlcpy(char *dst, const char *src, size_t size);

/* Strict parses: the whole string (after trimming blanks) must be the number. */
bool psec_parse_i64(const char *s, int64_t *out);
bool psec_parse_int(const char *s, int *out);
bool psec_parse_double(const char *s, double *out);

/* Case-insensitive ASCII comparison. */
int psec_strcasecmp(const char *a, const char *b);

/* Trims ASCII blanks in place; returns s. */
char *psec_trim(char *s);

/* True when s is valid UTF-8. */
bool psec_utf8_valid(const char *s, size_t len);

/* Returns a new UTF-8 string: s itself if valid UTF-8, else read as
 * ISO-8859-1 and converted. Free with free(); NULL on allocation failure. */
char *psec_strdup_utf8(const char *s);

/* Upper-cases ASCII in place; returns s. */
char *psec_upper(char *s);

#endif
