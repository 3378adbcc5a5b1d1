/*
 * registry_extra.h (store) — the few registry writes the importers need
 * beyond store/registry.h. Kept apart so that the two files can be edited
 * by different people; fold into registry.h when convenient.
 */
#ifndef PORTSEC_STORE_REGISTRY_EXTRA_H
#define PORTSEC_STORE_REGISTRY_EXTRA_H

#include "store/db.h"

/* Empties wpi_unmatched: a WPI import reports the whole index afresh, so an
 * entry that matches a port now must not stay listed from an earlier run. */
int psec_store_wpi_unmatched_clear(struct psec_db *db, struct psec_err *e);

/* Replaces a port's coordinates with the World Port Index ones when the
 * port's came from Geoapify's geocoder (coord_source 'geocoded'): NGA
 * positions are charted, geocoded ones can be a town of the same name far
 * inland. Does nothing for UN/LOCODE or already-WPI positions. */
int psec_store_port_prefer_wpi_pos(struct psec_db *db, const char *locode, double lat,
                                   double lon, struct psec_err *e);

#endif
