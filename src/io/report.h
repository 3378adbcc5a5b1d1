/*
 * report.h — renders the country assessment report document (built by
 * psec_app_report_country(), shape in docs/assessments.md) as HTML with an
 * inline SVG section chart, as Markdown, or as JSON. The three carry the
 * same content; the HTML prints on A4 and Letter alike.
 *
 * Pure formatting: no database, no clock (the document says when it was
 * generated). Demonstration data is flagged in the title, a banner and the
 * JSON field "demo".
 */
#ifndef PORTSEC_IO_REPORT_H
#define PORTSEC_IO_REPORT_H

#include <jansson.h>

#include "portsec/error.h"

/* fmt: "html", "md" or "json". Returns a new NUL-terminated string (free())
 * or NULL with e set (PSEC_E_USAGE for an unknown format). */
char *psec_report_render(json_t *doc, const char *fmt, struct psec_err *e);

#endif
