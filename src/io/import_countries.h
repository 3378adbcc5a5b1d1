/*
 * import_countries.h — readers for the country list and for the ISPS
 * country fields.
 *
 * Countries: the datasets/country-codes layout (columns ISO3166-1-Alpha-2,
 * ISO3166-1-Alpha-3, ISO3166-1-numeric, CLDR display name, official_name_en,
 * Region Name, Sub-region Name, Intermediate Region Name) or a plain layout
 * (alpha2, alpha3, numeric, name, official_name, region, sub_region).
 *
 * ISPS fields (data/isps/isps-countries.csv): alpha2, solas (yes/no/blank),
 * isps_since (year), designated_authority, unit, notes, assumed (which of the
 * fields are assumptions rather than taken from a source), source.
 */
#ifndef PORTSEC_IO_IMPORT_COUNTRIES_H
#define PORTSEC_IO_IMPORT_COUNTRIES_H

#include <stdio.h>

#include "io/import_common.h"
#include "model/registry.h"

/*
 * Every reader here and in the other import_*.h calls fn for each valid row
 * (line = the row's first physical line); fn returns PSEC_OK to go on or an
 * error code with e filled to stop. Bad rows go to the sink (see
 * import_common.h). sink->rows counts the data rows read.
 */

/* Reads a country list from f (borrowed); name is used in messages.
 * Fills every field of struct psec_country except the ISPS ones (solas -1,
 * isps_since 0, texts ""). Returns PSEC_OK or the error that stopped it. */
int psec_io_read_countries(FILE *f, const char *name,
                           int (*fn)(void *ctx, const struct psec_country *c, long line,
                                     struct psec_err *e),
                           void *ctx,
                           struct psec_io_sink *sink, struct psec_err *e);

/* Reads ISPS country fields: only alpha2 and the ISPS fields of the record
 * are set (an "assumed" list is appended to notes as "Assumed, not verified:
 * ..."). */
int psec_io_read_isps(FILE *f, const char *name,
                      int (*fn)(void *ctx, const struct psec_country *c, long line,
                                struct psec_err *e),
                      void *ctx,
                      struct psec_io_sink *sink, struct psec_err *e);

#endif
