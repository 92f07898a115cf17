/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* One source document of an assessment's evidence (format version 2: a record with a
 * title, a date, a link or reference and a page). Folded, it shows the title and what
 * finds the document; unfolded, its fields. A link opens in the browser, a local file in
 * its application; "Choose File…" puts a file's address in the link. A field changed
 * (applied, or a date completed) emits "changed"; the remove button emits "remove". */
#define CHARTA_TYPE_SOURCE_ROW (charta_source_row_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSourceRow, charta_source_row, CHARTA, SOURCE_ROW, AdwExpanderRow)

typedef enum {
  CHARTA_SOURCE_FIELD_TITLE,
  CHARTA_SOURCE_FIELD_DATE,
  CHARTA_SOURCE_FIELD_LINK,
  CHARTA_SOURCE_FIELD_REFERENCE,
  CHARTA_SOURCE_FIELD_PAGE,
} ChartaSourceField;

GtkWidget    *charta_source_row_new        (const ChartaSource *source);
/* The source as the fields hold it (unknown members kept), or NULL when the title is
 * empty or the date is wrong. */
ChartaSource *charta_source_row_dup_source (ChartaSourceRow *self);
/* The entry row of @field (for keyboard tests). */
GtkWidget    *charta_source_row_get_field  (ChartaSourceRow   *self,
                                            ChartaSourceField  field);
/* The address "Open" launches: the link, a file path made a file:// URI; NULL when none. */
char         *charta_source_row_dup_uri    (ChartaSourceRow *self);

G_END_DECLS
