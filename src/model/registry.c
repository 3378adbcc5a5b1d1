/*
 * registry.c — validation rules for registry identifiers.
 */
#include <ctype.h>
#include <string.h>

#include "model/registry.h"

bool psec_locode_valid(const char *s)
{
    if (s == NULL || strlen(s) != 5)
        return false;
    if (!isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]))
        return false;
    for (int i = 2; i < 5; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(isupper(c) || (c >= '2' && c <= '9')))
            return false;
    }
    return true;
}

int psec_facility_number_check(const char *s, struct psec_err *e)
{
    char loc[6];

    if (s == NULL || strlen(s) != 10)
        return psec_err_set(e, PSEC_E_INVALID,
                            "\"%s\" is not an IMO port facility number (CCLLL-NNNN)",
                            s ? s : "");
    memcpy(loc, s, 5);
    loc[5] = '\0';
    if (!psec_locode_valid(loc))
        return psec_err_set(e, PSEC_E_INVALID,
                            "\"%s\": \"%s\" is not a UN/LOCODE (two letters, three letters "
                            "or digits 2-9)", s, loc);
    if (s[5] != '-')
        return psec_err_set(e, PSEC_E_INVALID, "\"%s\": expected '-' after the UN/LOCODE", s);
    for (int i = 6; i < 10; i++)
        if (!isdigit((unsigned char)s[i]))
            return psec_err_set(e, PSEC_E_INVALID,
                                "\"%s\": the last four characters must be digits", s);
    return PSEC_OK;
}
