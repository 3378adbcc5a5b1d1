/*
 * registry.h — plain records of the registry: countries, ports, port
 * facilities, MID entries. Strings are fixed-size so records can be filled
 * without allocation; sizes are generous for the real data.
 */
#ifndef PORTSEC_MODEL_REGISTRY_H
#define PORTSEC_MODEL_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "portsec/error.h"

#define PSEC_NAME_MAX 256

struct psec_country {
    char alpha2[3];
    char alpha3[4];
    int numeric_code;                  /* 0 when unknown */
    char name[PSEC_NAME_MAX];
    char official_name[PSEC_NAME_MAX];
    char region[64];
    char sub_region[64];
    int solas;                         /* 1 yes, 0 no, -1 unknown */
    int isps_since;                    /* year, 0 unknown */
    char designated_authority[PSEC_NAME_MAX];
    char unit[128];
    char notes[1024];
};

struct psec_port {
    char locode[6];                    /* "SCPOV" */
    char country[3];                   /* "SC" */
    char name[PSEC_NAME_MAX];          /* UTF-8 */
    char name_ascii[PSEC_NAME_MAX];
    char subdivision[8];
    char function[9];                  /* UN/LOCODE function classifier "1-------" */
    char status[3];
    bool has_pos;
    double lat, lon;
    char coord_source[12];             /* "unlocode", "geocoded", "wpi" */
    int wpi_number;                    /* 0 none */
    char harbor_size[16];
    char harbor_type[32];
    char alt_names[PSEC_NAME_MAX];
};

struct psec_facility {
    char number[11];                   /* "SCPOV-0001" */
    char name[PSEC_NAME_MAX];
    char port[6];
    char type[64];
    char description[512];
    bool has_pos;
    double lat, lon;
    char pfso_name[128];
    char pfso_contact[256];
    char pfsa_date[11];                /* YYYY-MM-DD or "" */
    char pfsp_approved[11];
    char soc_expiry[11];
    char status[16];                   /* active, withdrawn, ... */
    bool demo;
};

struct psec_mid {
    int mid;                           /* 201..775 */
    char country[3];                   /* "" when the allocation maps to no ISO code */
    char allocated_to[PSEC_NAME_MAX];
};

/* True for a well-formed UN/LOCODE: two letters, then three of [A-Z2-9]. */
bool psec_locode_valid(const char *s);

/* Validates an IMO port facility number "CCLLL-NNNN" (the first five are a
 * UN/LOCODE, then a dash and four digits). On failure says why in e. */
int psec_facility_number_check(const char *s, struct psec_err *e);

#endif
