/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's struct, shared by charta-window.c (the document, opening, closing),
 * charta-window-actions.c (the actions, the hub) and charta-window-drafts.c (drafts, changes
 * on disk). App-internal: names start with "_". */
#pragma once

#include "charta-actions-page.h"
#include "charta-info-bar.h"
#include "charta-item-page.h"
#include "charta-overview-page.h"
#include "charta-recent-list.h"
#include "charta-search-panel.h"
#include "charta-sidebar.h"
#include "charta-window.h"

G_BEGIN_DECLS

struct _ChartaWindow {
  AdwApplicationWindow parent_instance;

  /* Template children. */
  AdwToastOverlay *toast_overlay;
  ChartaInfoBar *info_bar;
  AdwLeaflet *leaflet;
  GtkMenuButton *sidebar_menu_button;
  GtkMenuButton *content_menu_button;
  GMenuModel *main_menu;
  ChartaSidebar *sidebar;
  ChartaSearchPanel *search_panel;
  AdwWindowTitle *sidebar_title;
  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwStatusPage *error_page;
  ChartaOverviewPage *overview_page;
  AdwHeaderBar *content_header;
  GtkBox *end_wide_box;
  ChartaRecentList *recent_list;
  GtkSpinner *loading_spinner;

  /* Pages made when first shown, or after the first frame: a window shows the overview
   * first. NULL until then. */
  ChartaItemPage *item_page;
  ChartaActionsPage *actions_page;
  GtkWidget *measures_page;
  GtkWidget *consultations_page;
  GtkWidget *compare_page;
  GtkWidget *project_page;
  GtkWidget *people_page;
  GtkWidget *partners_page;
  GtkWidget *review_page;      /* made when a review's row is first chosen */
  GtkWidget *sync_button;
  guint pages_id;

  /* The load under way, if any. */
  GCancellable *loading;
  GFile *loading_file;
  guint spinner_id;

  ChartaDocument *document;
  GSignalGroup *document_signals;
  guint draft_id;
  gboolean close_after_save;
  gboolean settings_applied;

  /* The network hub: its address (the "hub-endpoint" setting when there are settings),
   * the period reports are made for, and the state of what was sent. */
  char *hub_endpoint;
  char *report_period;
  ChartaSyncState *sync_state;
  gboolean network_watched;
  GtkWidget *preferences;      /* weak */
  GtkWidget *report_dialog;    /* weak */

  /* Merges: the conflicts dialog while it is open, the sync client's conflict copy the
   * info bar offers to merge, and the copies already merged or ignored. */
  GtkWidget *conflicts_dialog; /* weak */
  GFile *conflict_copy;
  GHashTable *seen_copies;     /* of URIs */
  /* The merge with the file changed on disk, while it runs in a worker thread. */
  GCancellable *merging;
};

/* charta-window.c */
GSettings  *_charta_window_get_settings (ChartaWindow *self);
void        _charta_window_set_document (ChartaWindow   *self,
                                         ChartaDocument *document);
void        _charta_window_flush_edits (ChartaWindow *self);
/* charta-window-drafts.c: stops a merge with the file on disk that is under way. */
void        _charta_window_stop_merging (ChartaWindow *self);
void        _charta_window_toast (ChartaWindow *self,
                                  const char   *text);
void        _charta_window_show_page (ChartaWindow *self,
                                      const char   *name);
/* The window a new project or an opened file goes to: this one while it is empty. */
ChartaWindow *_charta_window_get_empty_or_new (ChartaWindow *self);

/* charta-window-drafts.c */
void        _charta_window_queue_draft (ChartaWindow *self);
void        _charta_window_offer_draft (ChartaWindow *self);
void        _charta_window_on_changed_on_disk (ChartaWindow *self);
/* After a project is opened: its recorded conflicts to resolve, a conflict copy beside
 * its file to merge. */
void        _charta_window_check_conflicts (ChartaWindow *self);
void        _charta_window_resolve_conflicts (ChartaWindow *self);
/* The info bar's "unresolved conflicts" follows the project (after undo, redo, reload). */
void        _charta_window_update_conflicts (ChartaWindow *self);
void        _charta_window_on_info_response (ChartaWindow *self,
                                             int           response);

/* charta-window-reminders.c: the notification of actions falling due, once a day per
 * project, after a project is opened. */
void        _charta_window_remind_due (ChartaWindow *self);

/* charta-window-actions.c */
void        _charta_window_class_init_actions (GtkWidgetClass *widget_class);
void        _charta_window_init_shortcuts (ChartaWindow *self);
void        _charta_window_init_hub (ChartaWindow *self);
void        _charta_window_watch_network (ChartaWindow *self);
void        _charta_window_dispose_hub (ChartaWindow *self);
void        _charta_window_update_actions (ChartaWindow *self);
void        _charta_window_save (ChartaWindow *self);
void        _charta_window_save_as (ChartaWindow *self);
void        _charta_window_edit_action (ChartaWindow *self,
                                        const char   *action_id,
                                        const char   *item_id);
void        _charta_window_set_report_period (ChartaWindow *self,
                                              const char   *period);

G_END_DECLS
