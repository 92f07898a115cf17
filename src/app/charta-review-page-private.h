/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review page's struct, shared by its views: charta-review-page.c (the review, its
 * stage and team; the side-by-side view), charta-review-visit.c (the visit's sessions and
 * the documents requested) and charta-review-feedback.c (the feedback report, the
 * presentation, recommendations taken up). App-internal: names start with "_". */
#pragma once

#include "charta-review-page.h"
#include "charta-review.h"
#include "charta-ui-utils.h"

G_BEGIN_DECLS

#define N_VIEWS 4

struct _ChartaReviewPage {
  GtkWidget parent_instance;

  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *view_stack;
  GtkWidget *review_box;
  GtkWidget *compare_box;
  GtkWidget *visit_box;
  GtkWidget *feedback_box;

  ChartaDocument *document;
  GSignalGroup *document_signals;
  char *review_id;
  guint rebuild_id;
  GPtrArray *pending;    /* "ITEM ASSESSOR": reviewer columns added, not saved yet */
  char *expanded;        /* the id of the session just added, shown open */
  guint stale;           /* views (bits in view order) to build when next shown */
  guint restore_id;      /* a tick callback putting the scroll back after a rebuild */
  double restore_scroll;
  guint restore_frames;
};

/* What an edit field changes: the page, the id of a team member, session, document or
 * feedback section (or NULL for the review), and which of its fields. Given to a signal
 * handler with g_signal_connect_data(), freed with the handler. */
typedef struct {
  ChartaReviewPage *page;
  char *id;
  guint field;
} ChartaReviewTarget;

/* The review shown, or NULL. Borrowed: an edit replaces it. */
const ChartaReview *_charta_review_page_get_review (ChartaReviewPage *self);
/* A copy of the review shown, for an edit; NULL when there is none. */
ChartaReview       *_charta_review_page_dup_review (ChartaReviewPage *self);
/* Hands @copy (taken) to the document as one undo step. */
void                _charta_review_page_commit (ChartaReviewPage *self,
                                                ChartaReview     *copy);
/* The object with @id in @list, whose objects (team members, sessions, documents,
 * feedback sections) all start with their id; NULL when there is none. */
gpointer            _charta_review_find_by_id (GPtrArray  *list,
                                               const char *id);
/* Removes the object with @id from the list at @list_offset (offsetof (ChartaReview, …))
 * in a copy of the review, freed with @free_func, as one undo step. */
void                _charta_review_page_remove (ChartaReviewPage *self,
                                                gsize             list_offset,
                                                const char       *id,
                                                GDestroyNotify    free_func);
/* Says @message in a toast. */
void                _charta_review_page_toast (ChartaReviewPage *self,
                                               const char       *message);
/* Connects @signal of @widget to @callback with a new target. */
void                _charta_review_page_connect (ChartaReviewPage *self,
                                                 gpointer          widget,
                                                 const char       *signal,
                                                 GCallback         callback,
                                                 const char       *id,
                                                 guint             field);
/* The name of the person with @person_id, or @person_id; "The team" for "team". */
const char         *_charta_review_page_person_name (ChartaReviewPage *self,
                                                     const char       *person_id);
/* A catalogue item's title, or @id. */
const char         *_charta_review_item_title (const char *id);
/* A new group with @title (plain text), added to @box. */
GtkWidget          *_charta_review_group_new (GtkWidget  *box,
                                              const char *title,
                                              const char *description);
/* A new entry row for @text with an apply button, connected to @callback. */
GtkWidget          *_charta_review_entry_row (ChartaReviewPage *self,
                                              const char       *title,
                                              const char       *text,
                                              GCallback         callback,
                                              const char       *id,
                                              guint             field);
/* A flat button with an icon, an accessible name and an action with a string target. */
GtkWidget          *_charta_review_icon_button (const char *icon_name,
                                                const char *name,
                                                const char *action,
                                                const char *target);
/* A date typed in a form: empty is none (*@out NULL); FALSE, with a toast, when invalid. */
gboolean            _charta_review_page_check_date (ChartaReviewPage *self,
                                                    const char       *text,
                                                    char            **out);

/* Empties one of the views' boxes, moving the focus out of it first. */
void                _charta_review_page_clear (ChartaReviewPage *self,
                                               GtkWidget        *box);
void                _charta_review_page_build_compare (ChartaReviewPage *self);
void                _charta_review_page_build_visit (ChartaReviewPage *self);
void                _charta_review_page_build_feedback (ChartaReviewPage *self);
void                _charta_review_page_install_visit_actions (GtkWidgetClass *widget_class);
void                _charta_review_page_install_feedback_actions (GtkWidgetClass *widget_class);

G_END_DECLS
