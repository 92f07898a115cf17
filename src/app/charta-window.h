/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-application.h"
#include "charta-document.h"
#include "charta-sync-state.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_WINDOW (charta_window_get_type ())
G_DECLARE_FINAL_TYPE (ChartaWindow, charta_window, CHARTA, WINDOW, AdwApplicationWindow)

ChartaWindow        *charta_window_new (ChartaApplication *app);
/* Loads @file in a thread, showing the window meanwhile; a file that fails to load is
 * shown as an error and never written. */
void                 charta_window_open_async (ChartaWindow *self,
                                               GFile        *file);
/* Loads @file now, on the calling thread (tests, benchmarks); the app opens every file
 * with charta_window_open_async(). A file that fails to load is shown as an error and
 * never written. */
gboolean             charta_window_open (ChartaWindow *self,
                                         GFile        *file);
/* Opens what the recovery draft @key holds: its file with the offer to restore, or the
 * never-saved project itself. FALSE when the draft cannot be read (it is then left). */
gboolean             charta_window_open_draft (ChartaWindow *self,
                                               const char   *key);
/* Writes the recovery draft of unsaved changes now (edits being typed included); TRUE when
 * the window has unsaved changes. */
gboolean             charta_window_write_draft (ChartaWindow *self);
const ChartaProject *charta_window_get_project (ChartaWindow *self);
/* Shows the page of a framework item, selecting its sidebar row when it has one. */
gboolean             charta_window_select_item (ChartaWindow *self,
                                                const char   *item_id);
ChartaDocument      *charta_window_get_document (ChartaWindow *self);
/* Shows the page of the project's review with @review_id (as its sidebar row does) and
 * returns it, or NULL when there is no such review. */
GtkWidget           *charta_window_show_review (ChartaWindow *self,
                                                const char   *review_id);
/* The file shown, or being loaded; NULL for none or a project never saved. */
GFile               *charta_window_get_file (ChartaWindow *self);
/* TRUE while a file loads. */
gboolean             charta_window_get_busy (ChartaWindow *self);
/* The network hub's address; with settings, it follows the "hub-endpoint" setting. */
void                 charta_window_set_hub_endpoint (ChartaWindow *self,
                                                     const char   *endpoint);
const char          *charta_window_get_hub_endpoint (ChartaWindow *self);
/* What was sent to the hub from this window, and what waits. */
ChartaSyncState     *charta_window_get_sync_state (ChartaWindow *self);

G_END_DECLS
