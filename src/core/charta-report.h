/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-report.h: the progress report a city sends to the hub.
 *
 * A report is built from a project for one reporting period. It carries only what may
 * leave the consultant's machine: levels reached, actions by status with their titles,
 * measures, a narrative. Action notes, private assessment evidence and people's contact
 * details never go into it.
 *
 * Its "id" is a name-based UUID (version 5) of the project id and the period, so the
 * same project and period always make the same report id. Its "revision" is the
 * SHA-256 of the canonical report without "made" and "revision", so an unchanged
 * project yields the same revision whenever the report is made. The hub checks both,
 * with charta_report_parse(), the same code the client uses. See docs/hub-api.md. */
#pragma once

#include <gio/gio.h>

#include "charta-catalogue.h"
#include "charta-json.h"
#include "charta-project.h"

G_BEGIN_DECLS

#define CHARTA_REPORT_FORMAT "charta-report"
#define CHARTA_REPORT_VERSION 1
/* The namespace of report ids (UUID version 5). Never change it: report ids derive from it. */
#define CHARTA_REPORT_NAMESPACE "3f0c2a8e-6b1d-4c37-9e55-1a7f2d9b0c64"
#define CHARTA_REPORT_MAX_NARRATIVE (64 * 1024)

#define CHARTA_REPORT_ERROR (charta_report_error_quark ())

typedef enum {
  CHARTA_REPORT_ERROR_INVALID,      /* not a valid report: see the message */
  CHARTA_REPORT_ERROR_PERIOD,       /* a reporting period that cannot be understood */
  CHARTA_REPORT_ERROR_VERSION,      /* a newer report version than this Charta knows */
} ChartaReportError;

GQuark charta_report_error_quark (void);

typedef struct {
  char *id;           /* UUID v5 of project id and period */
  char *revision;     /* 64 lower-case hex digits */
  char *project;
  char *city_id;
  char *city_name;
  char *period;       /* "2024", "2024-H1", "2024-Q3" or "2024-05" */
  char *made;         /* ISO 8601, UTC */
  ChartaNode *root;   /* the whole report, in canonical key order */
} ChartaReport;

/* Builds the report of @project for @period (NULL: the period of the project's open round,
 * charta_project_get_report_period()). @made
 * is when the report was made (NULL: now); it does not change the revision. The report
 * names the round it is on ("round": the open round, numbered and with the last closed
 * round's label, or the closed round that reported on @period; docs/hub-api.md);
 * charta_report_parse() checks it and takes reports without it. */
ChartaReport *charta_report_new (const ChartaProject *project,
                                 const char          *period,
                                 GDateTime           *made,
                                 GError             **error);
void          charta_report_free (ChartaReport *report);

/* The exact bytes a push sends: the canonical JSON text and one newline. */
GBytes       *charta_report_to_bytes (const ChartaReport *report);

/* Parses and checks a report from untrusted bytes, as the hub does: the schema, the
 * id against project and period, the revision against the content. On failure the
 * message says "LINE:COLUMN: field: message". */
ChartaReport *charta_report_parse (const char *data,
                                   gsize       len,
                                   GError    **error);

/* One entry of a report's "levels". */
typedef struct {
  const char *item;
  int level;
  int scale;
} ChartaReportLevel;

/* The levels of a report that was made or parsed (so checked), in its order: an array of
 * ChartaReportLevel whose strings belong to @report. */
GArray       *charta_report_get_levels (const ChartaReport *report);

/* Checks @report against @catalogue: every item it names (levels, actions, measures)
 * exists, each level's scale is its framework's number of levels, each level is on that
 * scale, and each framework listed exists. The hub runs it on every report, so figures
 * from items or scales it does not know never reach the network summary. On failure the
 * message says "LINE:COLUMN: field: message" for each problem. */
gboolean      charta_report_check_catalogue (const ChartaReport *report,
                                             ChartaCatalogue    *catalogue,
                                             GError            **error);

/* What a hub's list of reports shows of @report, as JSON text: its id, city, period,
 * revision, when it was made and @received, how many levels, actions per status and
 * measures it has, and its narrative; enough to compare cities, not the whole body. */
char         *charta_report_make_summary (const ChartaReport *report,
                                          const char         *received);

/* Checks @period and gives its first and last day (YYYY-MM-DD), each optional. */
gboolean      charta_report_period_range (const char *period,
                                          char      **start,
                                          char      **end,
                                          GError    **error);

/* SHA-256 (hex) of the canonical form of @root without "made" and "revision". */
char         *charta_report_compute_revision (const ChartaNode *root);

/* A name-based UUID, version 5 (RFC 4122 §4.3): SHA-1 of the namespace's 16 bytes and
 * @name. Returns NULL when @namespace_uuid is not a UUID. */
char         *charta_uuid_v5 (const char *namespace_uuid,
                              const char *name);
char         *charta_report_make_id (const char *project_id,
                                     const char *period);

/* SHA-256 of @data as 64 lower-case hex digits. */
char         *charta_sha256_hex (const void *data,
                                 gsize       len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaReport, charta_report_free)

G_END_DECLS
