/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The Measures page and the Consultations page: a list of records of one collection, each
 * editable in a dialog, added and deleted with undo. */
#define CHARTA_TYPE_RECORDS_PAGE (charta_records_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaRecordsPage, charta_records_page, CHARTA, RECORDS_PAGE, GtkWidget)

GtkWidget *charta_records_page_new (ChartaCollection collection);
ChartaCollection charta_records_page_get_collection (ChartaRecordsPage *self);
ChartaDocument *charta_records_page_get_document (ChartaRecordsPage *self);
void       charta_records_page_set_document (ChartaRecordsPage *self,
                                             ChartaDocument    *document);
/* Opens the editor of the record with @id, or of a new record when @id is NULL. */
void       charta_records_page_edit (ChartaRecordsPage *self,
                                     const char        *id);

G_END_DECLS
