/*
 * import_facilities.h — reader for port facility lists in the IMO GISIS
 * Maritime Security download layout:
 *
 *   Country Code, Country Name, Port Name, Facility Name, IMO Port Facility
 *   Number, Description, Longitude, Latitude, Plan Approved?, Initial
 *   Approval Date, Review Date, SoC Issue Date, Security Plan Withdrawn?,
 *   Withdrawn Date, Last Updated
 *
 * plus optional columns GISIS does not have, for what portsec records
 * beyond it: Facility Type, PFSO Name, PFSO Contact, PFSA Date, SoC Expiry
 * Date, Status. Dates are YYYY-MM-DD (a date-time is cut to its date).
 *
 * Mapping: pfsp_approved = Initial Approval Date; soc_expiry = SoC Expiry
 * Date, else SoC Issue Date + 5 years (ISPS Code B/16.62: a port facility's
 * Statement of Compliance is valid for at most five years); status =
 * Status, else "withdrawn" when Security Plan Withdrawn? is yes, else
 * "active"; port = the UN/LOCODE the facility number starts with.
 */
#ifndef PORTSEC_IO_IMPORT_FACILITIES_H
#define PORTSEC_IO_IMPORT_FACILITIES_H

#include <stdio.h>

#include "io/import_common.h"
#include "model/registry.h"

struct psec_io_facility {
    struct psec_facility f;     /* demo is false: the caller decides */
    char country[4];            /* Country Code as written: alpha-2 or alpha-3, or "" */
    char port_name[PSEC_NAME_MAX];
};

int psec_io_read_facilities(FILE *f, const char *name,
                            int (*fn)(void *ctx, const struct psec_io_facility *r, long line,
                                      struct psec_err *e),
                            void *ctx, struct psec_io_sink *sink, struct psec_err *e);

#endif
