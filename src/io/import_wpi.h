/*
 * import_wpi.h — reader for the NGA World Port Index (Pub. 150) CSV.
 *
 * Reads the columns portsec uses, by header name (so the full 107-column
 * file and data/wpi's trimmed copy both work): World Port Index Number,
 * Main Port Name, Alternate Port Name, UN/LOCODE, Country Code (which holds
 * country NAMES), Harbor Size, Harbor Type, Latitude, Longitude.
 *
 * The UN/LOCODE column is normalised: blanks and quotes trimmed, an inner
 * space removed ("CN FAN" and "CNFAN" both give CNFAN), upper-cased. A
 * value that is still no UN/LOCODE is not an error — the entry is handed on
 * with locode_problem saying why, so that the caller can record it as
 * unmatched rather than drop it.
 */
#ifndef PORTSEC_IO_IMPORT_WPI_H
#define PORTSEC_IO_IMPORT_WPI_H

#include <stdbool.h>
#include <stdio.h>

#include "io/import_common.h"
#include "model/registry.h"

struct psec_io_wpi {
    /* locode (normalised, "" when unusable), country (its first two
     * letters), name (Main Port Name), wpi_number (0 when not whole),
     * harbor_size ("Very Small".."Large" or ""), harbor_type, alt_names,
     * has_pos/lat/lon with coord_source "wpi". */
    struct psec_port port;
    char number_raw[24];        /* as written: "47220.0", "49454.5" */
    bool number_whole;          /* false for NGA's inserted sub-entries like 49454.5 */
    char country_name[128];
    char locode_raw[32];
    const char *locode_problem; /* NULL, "no UN/LOCODE", or "not a UN/LOCODE" (static) */
};

int psec_io_read_wpi(FILE *f, const char *name,
                     int (*fn)(void *ctx, const struct psec_io_wpi *w, long line,
                               struct psec_err *e),
                     void *ctx, struct psec_io_sink *sink, struct psec_err *e);

/* Normalises a WPI UN/LOCODE value into out (6 bytes). Returns true when the
 * result is a well-formed UN/LOCODE; out is "" for a blank value. */
bool psec_io_wpi_locode(const char *raw, char out[6]);

#endif
