/*
 * import_ports.h — reader for UN/LOCODE port lists, in either layout:
 *
 *  - Geoapify (geoapify/un-locode): a header "country,location,name,
 *    nameWoDiacritics,subdivision,status,function,iata,lat,lon,geocoded",
 *    UTF-8, decimal degrees, geocoded=true where Geoapify filled the
 *    coordinates in;
 *  - the official UNECE CSV release: no header, ISO-8859-1, twelve columns
 *    Change,Country,Location,Name,NameWoDiacritics,Subdivision,Function,
 *    Status,Date,IATA,Coordinates,Remarks with coordinates as "0437S 05527E".
 *
 * The layout is told by the first record. Only entries whose function code
 * starts with '1' (a port) are handed on; the others, country heading rows
 * and entries marked 'X' (to be removed) are counted as skipped. Names are
 * converted to UTF-8 when they are not already.
 */
#ifndef PORTSEC_IO_IMPORT_PORTS_H
#define PORTSEC_IO_IMPORT_PORTS_H

#include <stdio.h>

#include "io/import_common.h"
#include "model/registry.h"

/* Reads ports from f (borrowed). See import_countries.h for fn and sink.
 * coord_source is "unlocode" or "geocoded"; WPI fields are left empty. */
int psec_io_read_ports(FILE *f, const char *name,
                       int (*fn)(void *ctx, const struct psec_port *p, long line,
                                 struct psec_err *e),
                       void *ctx, struct psec_io_sink *sink, struct psec_err *e);

#endif
