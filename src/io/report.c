/*
 * report.c — the country assessment report in three formats.
 *
 * Does: HTML (self-contained: inline CSS and SVG, no scripts, no external
 * resources, so it opens offline and prints), Markdown and JSON, in the
 * same order: summary and determination, visit, section scores, port
 * facilities, findings by section with references, recommendations,
 * change since the previous assessment, best practices, method.
 * Does not: compute anything the document does not already hold (scores
 * and the proposal come from src/model/ via src/app/).
 * Verified: golden files in tests/golden/report/ from a fixed document,
 * and the demo report (demonstration data) through the CLI.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/report.h"

static const char *js(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* "85.7 %" or an em dash for null. */
static const char *pct(json_t *v, char *buf, size_t size)
{
    if (!json_is_number(v)) {
        snprintf(buf, size, "\u2014");
        return buf;
    }
    snprintf(buf, size, "%.1f %%", json_number_value(v) * 100.0);
    return buf;
}

static const char *signed_pct(json_t *v, char *buf, size_t size)
{
    if (!json_is_number(v)) {
        snprintf(buf, size, "\u2014");
        return buf;
    }
    snprintf(buf, size, "%+.1f pts", json_number_value(v) * 100.0);
    return buf;
}

static const char *result_words(const char *r)
{
    if (strcmp(r, "effective") == 0)
        return "Effective";
    if (strcmp(r, "effective-with-recommendations") == 0)
        return "Effective, with recommendations";
    if (strcmp(r, "not-effective") == 0)
        return "Not effective";
    return "No proposal";
}

/* ------------------------------------------------------------------- HTML */

static void h(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static const char css[] =
    "@page { margin: 16mm 15mm 18mm 15mm; }\n"
    "body { font: 10.5pt/1.45 \"Helvetica Neue\", Arial, sans-serif; color: #1a1a1a;"
    " max-width: 180mm; margin: 0 auto; padding: 8mm 0; }\n"
    "h1 { font-size: 19pt; margin: 0 0 2mm; }\n"
    "h2 { font-size: 13.5pt; border-bottom: 1.5px solid #1f3a5f; color: #1f3a5f;"
    " margin: 8mm 0 3mm; padding-bottom: 1mm; break-after: avoid; }\n"
    "h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }\n"
    "table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; }\n"
    "th, td { border: 1px solid #c8ced6; padding: 1.2mm 1.8mm; text-align: left;"
    " vertical-align: top; }\n"
    "th { background: #eef2f7; }\n"
    "tr { break-inside: avoid; }\n"
    "td.num { text-align: right; white-space: nowrap; }\n"
    ".meta { color: #555; margin: 0 0 4mm; }\n"
    ".demo { border: 2px solid #b00020; background: #fdecef; color: #7a0016;"
    " padding: 2mm 3mm; font-weight: bold; margin: 0 0 5mm; }\n"
    ".result { font-size: 12pt; font-weight: bold; }\n"
    ".not-effective { color: #b00020; } .effective { color: #1b5e20; }"
    " .effective-with-recommendations { color: #8a5a00; }\n"
    ".reasons li { margin: 0.6mm 0; } .decisive { font-weight: bold; }\n"
    ".ref { color: #444; font-size: 8.5pt; }\n"
    ".overdue { color: #b00020; font-weight: bold; }\n"
    "svg { width: 100%; height: auto; break-inside: avoid; }\n"
    "footer { margin-top: 8mm; font-size: 8.5pt; color: #555; border-top: 1px solid #c8ced6;"
    " padding-top: 2mm; }\n"
    "@media print { body { padding: 0; max-width: none; } a { color: inherit; }"
    " .demo { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }\n";

static void html_people(FILE *f, json_t *arr)
{
    json_t *p;
    size_t i;

    if (json_array_size(arr) == 0) {
        fputs("\u2014", f);
        return;
    }
    json_array_foreach(arr, i, p) {
        if (i)
            fputs("; ", f);
        h(f, js(p, "name"));
        if (*js(p, "title") || *js(p, "organization")) {
            fputs(" (", f);
            h(f, js(p, "title"));
            if (*js(p, "title") && *js(p, "organization"))
                fputs(", ", f);
            h(f, js(p, "organization"));
            fputs(")", f);
        }
    }
}

static const char *bar_colour(double s)
{
    return s >= 0.8 ? "#2e7d32" : s >= 0.5 ? "#f9a825" : "#c62828";
}

static void html_chart(FILE *f, json_t *secs)
{
    const int label_w = 250, bar_w = 280, row = 20, top = 22;
    size_t n = json_array_size(secs), i;
    int height = top + (int)n * row + 8;
    json_t *s;
    char buf[32];

    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 680 %d\" role=\"img\""
               " aria-label=\"Score by checklist section\">\n", height);
    fputs("<title>Score by checklist section (weighted YES / (YES + NO))</title>\n", f);
    for (int g = 0; g <= 4; g++) {
        int x = label_w + g * bar_w / 4;
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c8ced6\""
                   " stroke-width=\"1\"/>\n", x, top - 6, x, height - 8);
        fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\""
                   " fill=\"#555\">%d %%</text>\n", x, top - 10, g * 25);
    }
    json_array_foreach(secs, i, s) {
        int y = top + (int)i * row;
        json_t *sc = json_object_get(s, "score");
        fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">", label_w - 8,
                y + 13);
        h(f, js(s, "title"));
        fputs("</text>\n", f);
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eef2f7\"/>\n",
                label_w, y + 3, bar_w, row - 6);
        if (json_is_number(sc)) {
            double v = json_number_value(sc);
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                    label_w, y + 3, v * bar_w, row - 6, bar_colour(v));
        }
        fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", label_w + bar_w + 8,
                y + 13, pct(sc, buf, sizeof buf));
        fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">cov. %s</text>\n",
                label_w + bar_w + 64, y + 13, pct(json_object_get(s, "coverage"), buf, sizeof buf));
    }
    fputs("</svg>\n", f);
}

static void render_html(FILE *f, json_t *doc)
{
    json_t *sum = json_object_get(doc, "summary"), *visit = json_object_get(doc, "visit");
    json_t *country = json_object_get(doc, "country"), *x, *y;
    json_t *det = json_object_get(sum, "determination");
    json_t *prop = json_object_get(sum, "proposal");
    bool demo = json_is_true(json_object_get(doc, "demo"));
    char b1[32], b2[32], b3[32];
    size_t i, j;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", f);
    fputs("<title>", f);
    if (demo)
        fputs("[DEMONSTRATION] ", f);
    fputs("Port security assessment report \u2014 ", f);
    h(f, js(country, "name"));
    fputs("</title>\n<style>\n", f);
    fputs(css, f);
    fputs("</style>\n</head>\n<body>\n<header>\n", f);
    if (demo) {
        fputs("<div class=\"demo\" role=\"note\">", f);
        h(f, js(doc, "demo_notice"));
        fputs("</div>\n", f);
    }
    fputs("<h1>Port security assessment report: ", f);
    h(f, js(country, "name"));
    fputs("</h1>\n<p class=\"meta\">Country ", f);
    h(f, js(country, "alpha2"));
    fputs(" \u00b7 generated ", f);
    h(f, js(doc, "generated_on"));
    fputs(" \u00b7 checklist ", f);
    h(f, js(json_object_get(doc, "checklist"), "name"));
    fputs(" ", f);
    h(f, js(json_object_get(doc, "checklist"), "version"));
    fputs("</p>\n</header>\n", f);

    /* 1. Summary and determination */
    fputs("<section>\n<h2>1. Summary and determination</h2>\n", f);
    if (json_is_object(det)) {
        fprintf(f, "<p>Recorded determination (%s): <span class=\"result %s\">", js(det,
                "decided_on"), js(det, "result"));
        h(f, result_words(js(det, "result")));
        fputs("</span></p>\n<p>Rationale: ", f);
        h(f, js(det, "rationale"));
        fputs("</p>\n", f);
        if (json_is_string(json_object_get(det, "correction_deadline"))) {
            fputs("<p>Notified ", f);
            h(f, js(det, "notified_on"));
            fputs("; measures must be corrected by <strong>", f);
            h(f, js(det, "correction_deadline"));
            fputs("</strong> (90 days, 46 U.S.C. 70110(b)).</p>\n", f);
        }
    } else {
        fputs("<p>No determination has been recorded yet.</p>\n", f);
    }
    fprintf(f, "<p>Proposal of the determination rule: <span class=\"result %s\">",
            js(prop, "result"));
    h(f, result_words(js(prop, "result")));
    fputs("</span></p>\n<ul class=\"reasons\">\n", f);
    json_array_foreach(json_object_get(prop, "reasons"), i, x) {
        fprintf(f, "<li%s>", json_is_true(json_object_get(x, "decisive")) ? " class=\"decisive\"" : "");
        h(f, js(x, "rule"));
        fputs(": ", f);
        h(f, js(x, "text"));
        fputs("</li>\n", f);
    }
    fputs("</ul>\n<table>\n<tbody>\n", f);
    fprintf(f, "<tr><th>Overall score</th><td class=\"num\">%s</td>"
               "<th>Coverage</th><td class=\"num\">%s</td></tr>\n",
            pct(json_object_get(sum, "overall_score"), b1, sizeof b1),
            pct(json_object_get(sum, "overall_coverage"), b2, sizeof b2));
    fprintf(f, "<tr><th>Port facilities assessed</th><td class=\"num\">%lld</td>"
               "<th>Critical failures</th><td class=\"num\">%lld</td></tr>\n",
            (long long)json_integer_value(json_object_get(sum, "facilities_assessed")),
            (long long)json_integer_value(json_object_get(sum, "critical_failures")));
    fprintf(f, "<tr><th>Findings (open)</th><td class=\"num\">%lld (%lld)</td>"
               "<th>Recommendations (overdue)</th><td class=\"num\">%lld (%lld)</td></tr>\n",
            (long long)json_integer_value(json_object_get(sum, "findings")),
            (long long)json_integer_value(json_object_get(sum, "open_findings")),
            (long long)json_integer_value(json_object_get(sum, "recommendations")),
            (long long)json_integer_value(json_object_get(sum, "overdue_recommendations")));
    fputs("<tr><th>Last assessment visit</th><td class=\"num\">", f);
    h(f, js(sum, "last_assessment_visit"));
    fputs("</td><th>Next reassessment due</th><td class=\"num\">", f);
    h(f, js(sum, "next_reassessment_due"));
    fputs("</td></tr>\n</tbody>\n</table>\n</section>\n", f);

    /* 2. Visit */
    fputs("<section>\n<h2>2. Visit</h2>\n<table>\n<tbody>\n", f);
    fprintf(f, "<tr><th>Kind</th><td>%s</td></tr>\n", js(visit, "kind"));
    fputs("<tr><th>Dates</th><td>", f);
    h(f, js(visit, "start_date"));
    fputs(" to ", f);
    h(f, js(visit, "end_date"));
    fputs("</td></tr>\n<tr><th>Team</th><td>", f);
    html_people(f, json_object_get(visit, "team"));
    fputs("</td></tr>\n<tr><th>Officials met</th><td>", f);
    html_people(f, json_object_get(visit, "officials"));
    fputs("</td></tr>\n<tr><th>Sites visited</th><td>", f);
    json_array_foreach(json_object_get(visit, "sites"), i, x) {
        if (i)
            fputs("; ", f);
        h(f, js(x, "port_name"));
        fputs(" (", f);
        h(f, js(x, "port"));
        fputs(")", f);
        if (*js(x, "facility")) {
            fputs(": ", f);
            h(f, js(x, "facility_name"));
            fputs(" ", f);
            h(f, js(x, "facility"));
        }
    }
    fputs("</td></tr>\n", f);
    if (*js(visit, "notes")) {
        fputs("<tr><th>Notes</th><td>", f);
        h(f, js(visit, "notes"));
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</section>\n", f);

    /* 3. Section scores */
    fputs("<section>\n<h2>3. Score by checklist section</h2>\n", f);
    fputs("<p>Weighted YES / (YES + NO) over the latest closed assessments; NA and NO_OBS are"
          " left out of the score and shown as coverage (answered / applicable).</p>\n", f);
    html_chart(f, json_object_get(doc, "sections"));
    fputs("</section>\n", f);

    /* 4. Facilities */
    fputs("<section>\n<h2>4. Port facilities</h2>\n<table>\n<thead><tr><th>Facility</th>"
          "<th>Port</th><th>Assessed</th><th>Score</th><th>Coverage</th>"
          "<th>Critical failures</th><th>Drills and exercises</th></tr></thead>\n<tbody>\n", f);
    json_array_foreach(json_object_get(doc, "facilities"), i, x) {
        json_t *dr = json_object_get(x, "drills");
        fputs("<tr><td>", f);
        h(f, js(x, "name"));
        fputs("<br><span class=\"ref\">", f);
        h(f, js(x, "number"));
        fputs("</span></td><td>", f);
        h(f, js(x, "port"));
        fputs("</td><td>", f);
        h(f, js(x, "assessed_on"));
        fprintf(f, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td>",
                pct(json_object_get(x, "score"), b1, sizeof b1),
                pct(json_object_get(x, "coverage"), b2, sizeof b2));
        if (json_array_size(json_object_get(x, "critical_failures")) == 0)
            fputs("none", f);
        json_array_foreach(json_object_get(x, "critical_failures"), j, y) {
            if (j)
                fputs(", ", f);
            h(f, json_string_value(y));
        }
        fputs("</td><td>", f);
        fputs(json_is_true(json_object_get(dr, "compliant")) ? "meets the rule"
                                                            : "<span class=\"overdue\">does not meet the rule</span>", f);
        fputs("<br><span class=\"ref\">last drill ", f);
        h(f, json_is_string(json_object_get(dr, "last_drill")) ? js(dr, "last_drill") : "none");
        fputs(", last exercise ", f);
        h(f, json_is_string(json_object_get(dr, "last_exercise")) ? js(dr, "last_exercise") : "none");
        fputs("</span>", f);
        if (!json_is_true(json_object_get(dr, "compliant"))) {
            fputs("<ul class=\"ref\">", f);
            json_array_foreach(json_object_get(dr, "reasons"), j, y) {
                fputs("<li>", f);
                h(f, json_string_value(y));
                fputs("</li>", f);
            }
            fputs("</ul>", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</section>\n", f);

    /* 5. Findings */
    fputs("<section>\n<h2>5. Findings by section</h2>\n", f);
    if (json_array_size(json_object_get(doc, "findings")) == 0)
        fputs("<p>No findings.</p>\n", f);
    json_array_foreach(json_object_get(doc, "findings"), i, x) {
        fputs("<h3>", f);
        h(f, js(x, "title"));
        fputs("</h3>\n<table>\n<thead><tr><th>No.</th><th>Item</th><th>Where</th>"
              "<th>Finding</th><th>Status</th></tr></thead>\n<tbody>\n", f);
        json_array_foreach(json_object_get(x, "findings"), j, y) {
            fprintf(f, "<tr><td class=\"num\">F-%lld</td><td>", (long long)json_integer_value(
                                                                  json_object_get(y, "id")));
            h(f, js(y, "item"));
            if (json_is_true(json_object_get(y, "critical")))
                fputs("<br><strong>critical</strong>", f);
            fputs("</td><td>", f);
            h(f, js(y, "where"));
            fputs("</td><td>", f);
            h(f, js(y, "question"));
            fputs(" \u2014 <em>not met</em>", f);
            if (*js(y, "note")) {
                fputs("<br>Observed: ", f);
                h(f, js(y, "note"));
            }
            fputs("<br><span class=\"ref\">", f);
            h(f, js(y, "refs"));
            fputs("</span></td><td>", f);
            h(f, js(y, "status"));
            fputs("</td></tr>\n", f);
        }
        fputs("</tbody>\n</table>\n", f);
    }
    fputs("</section>\n", f);

    /* 6. Recommendations */
    fputs("<section>\n<h2>6. Recommendations</h2>\n", f);
    if (json_array_size(json_object_get(doc, "recommendations")) == 0)
        fputs("<p>No recommendations.</p>\n", f);
    else
        fputs("<table>\n<thead><tr><th>No.</th><th>Recommendation</th><th>Priority</th>"
              "<th>Owner</th><th>Due</th><th>Status</th></tr></thead>\n<tbody>\n", f);
    json_array_foreach(json_object_get(doc, "recommendations"), i, x) {
        fprintf(f, "<tr><td class=\"num\">R-%lld</td><td>",
                (long long)json_integer_value(json_object_get(x, "id")));
        h(f, js(x, "text"));
        fputs("<br><span class=\"ref\">answers ", f);
        json_array_foreach(json_object_get(x, "findings"), j, y)
            fprintf(f, "%sF-%lld", j ? ", " : "", (long long)json_integer_value(y));
        fputs("</span></td><td>", f);
        h(f, js(x, "priority"));
        fputs("</td><td>", f);
        h(f, js(x, "owner"));
        fputs("</td><td class=\"num\">", f);
        h(f, js(x, "due"));
        fputs("</td><td>", f);
        h(f, js(x, "status"));
        if (json_is_true(json_object_get(x, "overdue")))
            fprintf(f, "<br><span class=\"overdue\">overdue %lld days</span>",
                    (long long)json_integer_value(json_object_get(x, "days_overdue")));
        fputs("<br><span class=\"ref\">", f);
        json_array_foreach(json_object_get(x, "history"), j, y) {
            if (j)
                fputs("; ", f);
            h(f, js(y, "date"));
            fputs(" ", f);
            h(f, js(y, "status"));
        }
        fputs("</span></td></tr>\n", f);
    }
    if (json_array_size(json_object_get(doc, "recommendations")) > 0)
        fputs("</tbody>\n</table>\n", f);
    fputs("</section>\n", f);

    /* 7. Change */
    fputs("<section>\n<h2>7. Change since the previous assessment</h2>\n", f);
    x = json_object_get(doc, "change");
    if (!json_is_object(x)) {
        fputs("<p>This is the first assessment on record.</p>\n", f);
    } else {
        fputs("<p>Previous assessments: ", f);
        json_array_foreach(json_object_get(x, "previous_assessments"), i, y) {
            if (i)
                fputs("; ", f);
            h(f, json_is_string(json_object_get(y, "facility")) ? js(y, "facility") : "country level");
            fputs(" on ", f);
            h(f, js(y, "assessed_on"));
        }
        fprintf(f, ". Overall score %s then, %s now.</p>\n",
                pct(json_object_get(x, "overall_previous"), b1, sizeof b1),
                pct(json_object_get(x, "overall_current"), b2, sizeof b2));
        fputs("<table>\n<thead><tr><th>Section</th><th>Previous</th><th>Current</th>"
              "<th>Change</th></tr></thead>\n<tbody>\n", f);
        json_array_foreach(json_object_get(x, "sections"), i, y) {
            fputs("<tr><td>", f);
            h(f, js(y, "title"));
            fprintf(f, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                       "<td class=\"num\">%s</td></tr>\n",
                    pct(json_object_get(y, "previous"), b1, sizeof b1),
                    pct(json_object_get(y, "current"), b2, sizeof b2),
                    signed_pct(json_object_get(y, "delta"), b3, sizeof b3));
        }
        fputs("</tbody>\n</table>\n", f);
    }
    fputs("</section>\n", f);

    /* 8. Best practices */
    fputs("<section>\n<h2>8. Best practices</h2>\n", f);
    if (json_array_size(json_object_get(doc, "best_practices")) == 0)
        fputs("<p>None recorded.</p>\n", f);
    else
        fputs("<ul>\n", f);
    json_array_foreach(json_object_get(doc, "best_practices"), i, x) {
        fputs("<li><strong>", f);
        h(f, js(x, "title"));
        fputs("</strong> (", f);
        h(f, js(x, "section_title"));
        fputs(", ", f);
        h(f, js(x, "kind"));
        fputs("): ", f);
        h(f, js(x, "text"));
        fputs("</li>\n", f);
    }
    if (json_array_size(json_object_get(doc, "best_practices")) > 0)
        fputs("</ul>\n", f);
    fputs("</section>\n", f);

    fputs("<footer>\n<p>Method: each checklist item is answered YES, NO, NA (not applicable) or"
          " NO_OBS (not observed). A section's score is the weight of its YES answers divided by"
          " the weight of its YES and NO answers; coverage is the share of applicable items"
          " answered YES or NO. Every NO is a finding. The proposal follows the rule in"
          " docs/determination.md; the determination itself is made and recorded by a person."
          " References: ISPS Code Part A/B paragraphs, SOLAS chapter XI-2 regulations,"
          " 46 U.S.C. 70108(b) elements. Reassessment at least every three years"
          " (46 U.S.C. 70108(d)).</p>\n", f);
    if (demo)
        fputs("<p><strong>Demonstration data: not a real assessment.</strong></p>\n", f);
    fputs("</footer>\n</body>\n</html>\n", f);
}

/* --------------------------------------------------------------- Markdown */

/* Markdown text: table pipes escaped, line breaks folded. */
static void m(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', f);
        else if (*s == '*' || *s == '_' || *s == '`' || *s == '<')
            fprintf(f, "\\%c", *s);
        else
            fputc(*s, f);
    }
}

static void md_people(FILE *f, json_t *arr)
{
    json_t *p;
    size_t i;

    if (json_array_size(arr) == 0)
        fputs("\u2014", f);
    json_array_foreach(arr, i, p) {
        if (i)
            fputs("; ", f);
        m(f, js(p, "name"));
        if (*js(p, "title") || *js(p, "organization")) {
            fputs(" (", f);
            m(f, js(p, "title"));
            if (*js(p, "title") && *js(p, "organization"))
                fputs(", ", f);
            m(f, js(p, "organization"));
            fputs(")", f);
        }
    }
}

static void md_bar(FILE *f, json_t *v)
{
    int n = json_is_number(v) ? (int)(json_number_value(v) * 20.0 + 0.5) : 0;

    for (int i = 0; i < 20; i++)
        fputs(i < n ? "\u2588" : "\u2591", f);
}

static void render_md(FILE *f, json_t *doc)
{
    json_t *sum = json_object_get(doc, "summary"), *visit = json_object_get(doc, "visit");
    json_t *country = json_object_get(doc, "country"), *x, *y;
    json_t *det = json_object_get(sum, "determination");
    json_t *prop = json_object_get(sum, "proposal");
    bool demo = json_is_true(json_object_get(doc, "demo"));
    char b1[32], b2[32], b3[32];
    size_t i, j;

    fputs("# ", f);
    if (demo)
        fputs("[DEMONSTRATION] ", f);
    fputs("Port security assessment report: ", f);
    m(f, js(country, "name"));
    fputs("\n\n", f);
    if (demo) {
        fputs("> **", f);
        m(f, js(doc, "demo_notice"));
        fputs("**\n\n", f);
    }
    fprintf(f, "Country %s · generated %s · checklist %s %s\n\n", js(country, "alpha2"),
            js(doc, "generated_on"), js(json_object_get(doc, "checklist"), "name"),
            js(json_object_get(doc, "checklist"), "version"));

    fputs("## 1. Summary and determination\n\n", f);
    if (json_is_object(det)) {
        fprintf(f, "Recorded determination (%s): **%s**\n\nRationale: ", js(det, "decided_on"),
                result_words(js(det, "result")));
        m(f, js(det, "rationale"));
        fputs("\n\n", f);
        if (json_is_string(json_object_get(det, "correction_deadline")))
            fprintf(f, "Notified %s; measures must be corrected by **%s** (90 days, 46 U.S.C. "
                       "70110(b)).\n\n", js(det, "notified_on"), js(det, "correction_deadline"));
    } else {
        fputs("No determination has been recorded yet.\n\n", f);
    }
    fprintf(f, "Proposal of the determination rule: **%s**\n\n", result_words(js(prop, "result")));
    json_array_foreach(json_object_get(prop, "reasons"), i, x) {
        bool d = json_is_true(json_object_get(x, "decisive"));
        fprintf(f, "- %s%s: ", d ? "**" : "", js(x, "rule"));
        m(f, js(x, "text"));
        fprintf(f, "%s\n", d ? "**" : "");
    }
    fputs("\n| Figure | Value |\n|---|---:|\n", f);
    fprintf(f, "| Overall score | %s |\n| Coverage | %s |\n",
            pct(json_object_get(sum, "overall_score"), b1, sizeof b1),
            pct(json_object_get(sum, "overall_coverage"), b2, sizeof b2));
    fprintf(f, "| Port facilities assessed | %lld |\n| Critical failures | %lld |\n",
            (long long)json_integer_value(json_object_get(sum, "facilities_assessed")),
            (long long)json_integer_value(json_object_get(sum, "critical_failures")));
    fprintf(f, "| Findings (open) | %lld (%lld) |\n| Recommendations (overdue) | %lld (%lld) |\n",
            (long long)json_integer_value(json_object_get(sum, "findings")),
            (long long)json_integer_value(json_object_get(sum, "open_findings")),
            (long long)json_integer_value(json_object_get(sum, "recommendations")),
            (long long)json_integer_value(json_object_get(sum, "overdue_recommendations")));
    fprintf(f, "| Last assessment visit | %s |\n| Next reassessment due | %s |\n\n",
            js(sum, "last_assessment_visit"), js(sum, "next_reassessment_due"));

    fputs("## 2. Visit\n\n| | |\n|---|---|\n", f);
    fprintf(f, "| Kind | %s |\n| Dates | %s to %s |\n| Team | ", js(visit, "kind"),
            js(visit, "start_date"), js(visit, "end_date"));
    md_people(f, json_object_get(visit, "team"));
    fputs(" |\n| Officials met | ", f);
    md_people(f, json_object_get(visit, "officials"));
    fputs(" |\n| Sites visited | ", f);
    json_array_foreach(json_object_get(visit, "sites"), i, x) {
        if (i)
            fputs("; ", f);
        m(f, js(x, "port_name"));
        fprintf(f, " (%s)", js(x, "port"));
        if (*js(x, "facility")) {
            fputs(": ", f);
            m(f, js(x, "facility_name"));
            fprintf(f, " %s", js(x, "facility"));
        }
    }
    fputs(" |\n", f);
    if (*js(visit, "notes")) {
        fputs("| Notes | ", f);
        m(f, js(visit, "notes"));
        fputs(" |\n", f);
    }

    fputs("\n## 3. Score by checklist section\n\nWeighted YES / (YES + NO) over the latest closed"
          " assessments; NA and NO\\_OBS are left out of the score and shown as coverage"
          " (answered / applicable).\n\n| Section | Score | | Coverage |\n|---|---:|---|---:|\n", f);
    json_array_foreach(json_object_get(doc, "sections"), i, x) {
        fputs("| ", f);
        m(f, js(x, "title"));
        fprintf(f, " | %s | ", pct(json_object_get(x, "score"), b1, sizeof b1));
        md_bar(f, json_object_get(x, "score"));
        fprintf(f, " | %s |\n", pct(json_object_get(x, "coverage"), b2, sizeof b2));
    }

    fputs("\n## 4. Port facilities\n\n| Facility | Port | Assessed | Score | Coverage |"
          " Critical failures | Drills and exercises |\n|---|---|---|---:|---:|---|---|\n", f);
    json_array_foreach(json_object_get(doc, "facilities"), i, x) {
        json_t *dr = json_object_get(x, "drills");
        fputs("| ", f);
        m(f, js(x, "name"));
        fprintf(f, " (%s) | %s | %s | %s | %s | ", js(x, "number"), js(x, "port"),
                js(x, "assessed_on"), pct(json_object_get(x, "score"), b1, sizeof b1),
                pct(json_object_get(x, "coverage"), b2, sizeof b2));
        if (json_array_size(json_object_get(x, "critical_failures")) == 0)
            fputs("none", f);
        json_array_foreach(json_object_get(x, "critical_failures"), j, y)
            fprintf(f, "%s%s", j ? ", " : "", json_string_value(y));
        fprintf(f, " | %s; last drill %s, last exercise %s",
                json_is_true(json_object_get(dr, "compliant")) ? "meets the rule"
                                                              : "**does not meet the rule**",
                json_is_string(json_object_get(dr, "last_drill")) ? js(dr, "last_drill") : "none",
                json_is_string(json_object_get(dr, "last_exercise")) ? js(dr, "last_exercise")
                                                                     : "none");
        if (!json_is_true(json_object_get(dr, "compliant")))
            json_array_foreach(json_object_get(dr, "reasons"), j, y) {
                fputs("; ", f);
                m(f, json_string_value(y));
            }
        fputs(" |\n", f);
    }

    fputs("\n## 5. Findings by section\n\n", f);
    if (json_array_size(json_object_get(doc, "findings")) == 0)
        fputs("No findings.\n\n", f);
    json_array_foreach(json_object_get(doc, "findings"), i, x) {
        fputs("### ", f);
        m(f, js(x, "title"));
        fputs("\n\n| No. | Item | Where | Finding | Status |\n|---|---|---|---|---|\n", f);
        json_array_foreach(json_object_get(x, "findings"), j, y) {
            fprintf(f, "| F-%lld | %s%s | %s | ", (long long)json_integer_value(json_object_get(y, "id")),
                    js(y, "item"), json_is_true(json_object_get(y, "critical")) ? " (critical)" : "",
                    js(y, "where"));
            m(f, js(y, "question"));
            fputs(" (not met)", f);
            if (*js(y, "note")) {
                fputs(" Observed: ", f);
                m(f, js(y, "note"));
            }
            fputs(" Ref.: ", f);
            m(f, js(y, "refs"));
            fprintf(f, " | %s |\n", js(y, "status"));
        }
        fputs("\n", f);
    }

    fputs("## 6. Recommendations\n\n", f);
    if (json_array_size(json_object_get(doc, "recommendations")) == 0)
        fputs("No recommendations.\n", f);
    else
        fputs("| No. | Recommendation | Priority | Owner | Due | Status |\n"
              "|---|---|---|---|---|---|\n", f);
    json_array_foreach(json_object_get(doc, "recommendations"), i, x) {
        fprintf(f, "| R-%lld | ", (long long)json_integer_value(json_object_get(x, "id")));
        m(f, js(x, "text"));
        fputs(" (answers ", f);
        json_array_foreach(json_object_get(x, "findings"), j, y)
            fprintf(f, "%sF-%lld", j ? ", " : "", (long long)json_integer_value(y));
        fprintf(f, ") | %s | ", js(x, "priority"));
        m(f, js(x, "owner"));
        fprintf(f, " | %s | %s", js(x, "due"), js(x, "status"));
        if (json_is_true(json_object_get(x, "overdue")))
            fprintf(f, ", **overdue %lld days**",
                    (long long)json_integer_value(json_object_get(x, "days_overdue")));
        fputs(" (", f);
        json_array_foreach(json_object_get(x, "history"), j, y)
            fprintf(f, "%s%s %s", j ? "; " : "", js(y, "date"), js(y, "status"));
        fputs(") |\n", f);
    }

    fputs("\n## 7. Change since the previous assessment\n\n", f);
    x = json_object_get(doc, "change");
    if (!json_is_object(x)) {
        fputs("This is the first assessment on record.\n", f);
    } else {
        fputs("Previous assessments: ", f);
        json_array_foreach(json_object_get(x, "previous_assessments"), i, y)
            fprintf(f, "%s%s on %s", i ? "; " : "",
                    json_is_string(json_object_get(y, "facility")) ? js(y, "facility")
                                                                   : "country level",
                    js(y, "assessed_on"));
        fprintf(f, ". Overall score %s then, %s now.\n\n| Section | Previous | Current | Change |\n"
                   "|---|---:|---:|---:|\n",
                pct(json_object_get(x, "overall_previous"), b1, sizeof b1),
                pct(json_object_get(x, "overall_current"), b2, sizeof b2));
        json_array_foreach(json_object_get(x, "sections"), i, y) {
            fputs("| ", f);
            m(f, js(y, "title"));
            fprintf(f, " | %s | %s | %s |\n", pct(json_object_get(y, "previous"), b1, sizeof b1),
                    pct(json_object_get(y, "current"), b2, sizeof b2),
                    signed_pct(json_object_get(y, "delta"), b3, sizeof b3));
        }
    }

    fputs("\n## 8. Best practices\n\n", f);
    if (json_array_size(json_object_get(doc, "best_practices")) == 0)
        fputs("None recorded.\n", f);
    json_array_foreach(json_object_get(doc, "best_practices"), i, x) {
        fputs("- **", f);
        m(f, js(x, "title"));
        fputs("** (", f);
        m(f, js(x, "section_title"));
        fprintf(f, ", %s): ", js(x, "kind"));
        m(f, js(x, "text"));
        fputs("\n", f);
    }
    fputs("\n---\n\nMethod: each checklist item is answered YES, NO, NA (not applicable) or"
          " NO\\_OBS (not observed). A section's score is the weight of its YES answers divided"
          " by the weight of its YES and NO answers; coverage is the share of applicable items"
          " answered YES or NO. Every NO is a finding. The proposal follows the rule in"
          " docs/determination.md; the determination itself is made and recorded by a person."
          " References: ISPS Code Part A/B paragraphs, SOLAS chapter XI-2 regulations,"
          " 46 U.S.C. 70108(b) elements. Reassessment at least every three years"
          " (46 U.S.C. 70108(d)).\n", f);
    if (demo)
        fputs("\n**Demonstration data: not a real assessment.**\n", f);
}

char *psec_report_render(json_t *doc, const char *fmt, struct psec_err *e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    if (!json_is_object(doc)) {
        psec_err_set(e, PSEC_E_INVALID, "report: the document must be an object");
        return NULL;
    }
    if (fmt == NULL || (strcmp(fmt, "html") != 0 && strcmp(fmt, "md") != 0 &&
                        strcmp(fmt, "json") != 0)) {
        psec_err_set(e, PSEC_E_USAGE, "report format \"%s\" is not html, md or json",
                     fmt ? fmt : "");
        return NULL;
    }
    if (strcmp(fmt, "json") == 0) {
        char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        size_t n;
        if (s == NULL) {
            psec_err_set(e, PSEC_E_NOMEM, "out of memory");
            return NULL;
        }
        n = strlen(s);
        buf = realloc(s, n + 2);
        if (buf == NULL) {
            free(s);
            psec_err_set(e, PSEC_E_NOMEM, "out of memory");
            return NULL;
        }
        buf[n] = '\n';
        buf[n + 1] = '\0';
        return buf;
    }
    f = open_memstream(&buf, &len);
    if (f == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    if (strcmp(fmt, "html") == 0)
        render_html(f, doc);
    else
        render_md(f, doc);
    if (fclose(f) != 0 || buf == NULL) {
        free(buf);
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    return buf;
}
