/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The people, the partners or the programmes of a project (CHARTA_COLLECTION_PEOPLE,
 * _PARTNERS or _PROGRAMMES) as a list: add and edit in a ChartaEntryDialog, remove with
 * undo. Removing one that actions refer to names the actions and asks who (or which
 * programme) takes them over, or nobody; the removal and the actions' change are one undo
 * step (charta_document_remove_referenced()). "roster.add", "roster.edit" (s: an id) and
 * "roster.remove" (s: an id) are its actions. */
#define CHARTA_TYPE_ROSTER (charta_roster_get_type ())
G_DECLARE_FINAL_TYPE (ChartaRoster, charta_roster, CHARTA, ROSTER, GtkWidget)

GtkWidget      *charta_roster_new          (ChartaCollection collection);
void            charta_roster_set_collection (ChartaRoster     *self,
                                              ChartaCollection  collection);
ChartaDocument *charta_roster_get_document (ChartaRoster   *self);
void            charta_roster_set_document (ChartaRoster   *self,
                                            ChartaDocument *document);

/* The People page or the Partners page: a ChartaRoster that scrolls. */
#define CHARTA_TYPE_ROSTER_PAGE (charta_roster_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaRosterPage, charta_roster_page, CHARTA, ROSTER_PAGE, GtkWidget)

GtkWidget      *charta_roster_page_new          (ChartaCollection  collection);
ChartaRoster   *charta_roster_page_get_roster   (ChartaRosterPage *self);

G_END_DECLS
