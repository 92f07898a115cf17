/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-table.h: the tables of a report as typed rows, for the spreadsheet
 * renderers (CSV, XLSX): actions, measures (one row per actual) and assessments. */
#pragma once

#include "charta-export-document.h"

G_BEGIN_DECLS

typedef enum {
  CHARTA_EXPORT_TEXT,
  CHARTA_EXPORT_INTEGER,
  CHARTA_EXPORT_NUMBER,
  CHARTA_EXPORT_DATE,       /* YYYY-MM-DD */
  CHARTA_EXPORT_BOOLEAN,
} ChartaExportType;

typedef struct {
  const char *text;         /* TEXT, DATE; NULL for an empty cell */
  double number;            /* INTEGER, NUMBER, BOOLEAN (0 or 1); NAN for an empty cell */
} ChartaExportCell;

typedef struct {
  char *name;               /* "actions", "measures", "assessments": file and sheet names */
  char *title;              /* translated, for a sheet's tab */
  guint n_columns;
  char **headers;           /* translated */
  ChartaExportType *types;
  GArray *cells;            /* of ChartaExportCell, row after row */
  GStringChunk *strings;    /* the texts made for the table; the others are the document's */
} ChartaExportTable;

/* The names charta_export_table_new() knows, NULL-terminated: "actions", "measures",
 * "assessments" and "changes" (what changed since the round compared with; a header
 * only when the document has no round, and left out of a folder of CSV files and of a
 * workbook then: see charta_export_table_is_wanted()). */
const char * const *charta_export_table_names (void);
/* NULL for an unknown @name. The table borrows texts from @document: free it first. */
ChartaExportTable  *charta_export_table_new   (const ChartaExportDocument *document,
                                               const char                 *name);
void                charta_export_table_free  (ChartaExportTable *table);
/* Whether a folder of CSV files or a workbook of @document holds the table @name. */
gboolean            charta_export_table_is_wanted (const ChartaExportDocument *document,
                                                   const char                 *name);
guint               charta_export_table_get_n_rows (const ChartaExportTable *table);
const ChartaExportCell *charta_export_table_get_cell (const ChartaExportTable *table,
                                                      guint                    row,
                                                      guint                    column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaExportTable, charta_export_table_free)

G_END_DECLS
