/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-document.h: an open project — its file, the etag read at load, the edits made
 * since, with undo and redo. Every change to the project goes through here, as one undo
 * step; nothing here knows about widgets. */
#pragma once

#include <gio/gio.h>

#include "charta-comments.h"
#include "charta-merge.h"
#include "charta-project.h"

G_BEGIN_DECLS

typedef enum {
  CHARTA_COLLECTION_ACTIONS,
  CHARTA_COLLECTION_MEASURES,
  CHARTA_COLLECTION_CONSULTATIONS,
  CHARTA_COLLECTION_PEOPLE,
  CHARTA_COLLECTION_PARTNERS,
  CHARTA_COLLECTION_PROGRAMMES,
  CHARTA_N_COLLECTIONS
} ChartaCollection;

#define CHARTA_TYPE_DOCUMENT (charta_document_get_type ())
G_DECLARE_FINAL_TYPE (ChartaDocument, charta_document, CHARTA, DOCUMENT, GObject)

/* Takes ownership of @project. @file may be NULL for a project not saved yet. */
ChartaDocument      *charta_document_new (ChartaProject *project,
                                          GFile         *file,
                                          const char    *etag);

void                 charta_document_load_async (GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
ChartaDocument      *charta_document_load_finish (GAsyncResult  *result,
                                                  GError       **error);

/* Saves to @file, or to the document's own file when @file is NULL, by atomic replace.
 * Saving to the document's own file passes the etag read at load: a change on disk
 * since then fails with G_IO_ERROR_WRONG_ETAG, unless @force. */
void                 charta_document_save_async (ChartaDocument      *self,
                                                 GFile               *file,
                                                 gboolean             force,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean             charta_document_save_finish (ChartaDocument  *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);
gboolean             charta_document_save (ChartaDocument  *self,
                                           GFile           *file,
                                           gboolean         force,
                                           GError         **error);

const ChartaProject *charta_document_get_project (ChartaDocument *self);
GFile               *charta_document_get_file (ChartaDocument *self);
const char          *charta_document_get_etag (ChartaDocument *self);
/* The file's display name, or "Unsaved Project". */
char                *charta_document_dup_title (ChartaDocument *self);
gboolean             charta_document_get_modified (ChartaDocument *self);
gboolean             charta_document_get_busy (ChartaDocument *self);
gboolean             charta_document_can_undo (ChartaDocument *self);
gboolean             charta_document_can_redo (ChartaDocument *self);
gboolean             charta_document_undo (ChartaDocument *self);
gboolean             charta_document_redo (ChartaDocument *self);

/* The canonical text of the project as it is now (for drafts and tests). */
char                *charta_document_to_data (ChartaDocument *self,
                                              gsize          *len);

/* Edits. Each takes ownership of the object it is given, is one undo step, and is a no-op
 * (no undo step, no signal) when nothing really changes. */
void                 charta_document_set_assessment (ChartaDocument   *self,
                                                     const char       *item_id,
                                                     ChartaAssessment *assessment);
guint                charta_document_get_n (ChartaDocument   *self,
                                            ChartaCollection  collection);
gconstpointer        charta_document_get (ChartaDocument   *self,
                                          ChartaCollection  collection,
                                          guint             position);
/* The position of the object with @id in @collection, or -1. */
int                  charta_document_find (ChartaDocument   *self,
                                           ChartaCollection  collection,
                                           const char       *id);
void                 charta_document_insert (ChartaDocument   *self,
                                             ChartaCollection  collection,
                                             guint             position,
                                             gpointer          object);
void                 charta_document_replace (ChartaDocument   *self,
                                              ChartaCollection  collection,
                                              guint             position,
                                              gpointer          object);
void                 charta_document_remove (ChartaDocument   *self,
                                             ChartaCollection  collection,
                                             guint             position);
/* Replaces the project's header: city, period, title, frameworks, publish-review-levels
 * (the lists are ignored). Callers check it first with charta_project_check_header(). */
void                 charta_document_set_header (ChartaDocument *self,
                                                 ChartaProject  *header);
/* A copy of the project's header, without its lists, for charta_document_set_header(). */
ChartaProject       *charta_document_dup_header (ChartaDocument *self);
/* Removes the person, partner or programme (@collection PEOPLE, PARTNERS or PROGRAMMES)
 * with @id, giving what the actions had of it to @replacement (an id of the same
 * collection) or to nobody (NULL), as one undo step. FALSE with the reason, and nothing
 * changed, when charta_project_check_removal() refuses. */
gboolean             charta_document_remove_referenced (ChartaDocument    *self,
                                                        ChartaCollection   collection,
                                                        const char        *id,
                                                        const char        *replacement,
                                                        GError           **error);

/* Closes a reporting round (charta_project_close_round()) as one undo step; the new
 * round is owned by the project. Emits ::rounds-changed. NULL with an error when the
 * label or date cannot be used. */
const ChartaRound   *charta_document_close_round (ChartaDocument  *self,
                                                  const char      *label,
                                                  const char      *closed,
                                                  GError         **error);
/* Renames a round as one undo step (nothing when the label is the same); a closed
 * round's date, period and snapshot cannot be changed. */
gboolean             charta_document_rename_round (ChartaDocument  *self,
                                                   const char      *round_id,
                                                   const char      *label,
                                                   GError         **error);
/* Whether the file on disk differs from what was loaded or last saved (its etag changed):
 * someone else saved it, a sync client replaced it. Watched with a GFileMonitor. */
gboolean             charta_document_get_changed_on_disk (ChartaDocument *self);
/* Looks at the file now rather than waiting for the monitor (for tests). */
void                 charta_document_check_disk (ChartaDocument *self);

/* Recovery drafts (see charta-drafts.h): written only while there are unsaved changes
 * that the last draft does not hold; removed after a successful save. */
const char          *charta_document_get_draft_key (ChartaDocument *self);
gboolean             charta_document_write_draft (ChartaDocument  *self,
                                                  GError         **error);
void                 charta_document_discard_draft (ChartaDocument *self);
/* Marks the document as differing from its file (after restoring a draft). */
void                 charta_document_mark_unsaved (ChartaDocument *self);

/* Merges the version on disk (another program saved it) into the project, with what was
 * loaded or last saved as the base (charta_merge_data()), as one undo step; conflicts
 * are recorded in the project (*@n_conflicts, optional, gets their number) for
 * charta_document_resolve_conflict(). The disk's version becomes the base and its etag
 * the one a save checks: saving then replaces it. FALSE with an error, and nothing
 * changed, when the file cannot be read or merged. */
gboolean             charta_document_merge_from_disk (ChartaDocument  *self,
                                                      guint           *n_conflicts,
                                                      GError         **error);
/* The same in a worker thread, so the window stays responsive (a 20,000-action merge
 * takes seconds). The inputs are taken now; the result is applied on the calling
 * thread only if neither the project (an edit, undo, a save) nor the file changed in the
 * meantime: otherwise the merge runs again on the newest state of both, as often as
 * needed. ::merging is TRUE until it is done. */
void                 charta_document_merge_from_disk_async (ChartaDocument      *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean             charta_document_merge_from_disk_finish (ChartaDocument  *self,
                                                             GAsyncResult    *result,
                                                             guint           *n_conflicts,
                                                             GError         **error);
/* Whether charta_document_merge_from_disk_async() is running. */
gboolean             charta_document_get_merging (ChartaDocument *self);
/* Merges another version (@theirs, named @theirs_name in messages, e.g. a sync client's
 * conflict copy) into the project as one undo step; @base may be NULL for a two-way
 * merge. Nothing happens when the result is the project as it is. */
gboolean             charta_document_merge_data (ChartaDocument  *self,
                                                 const char      *base,
                                                 gsize            base_len,
                                                 const char      *theirs,
                                                 gsize            theirs_len,
                                                 const char      *theirs_name,
                                                 guint           *n_conflicts,
                                                 GError         **error);
/* Resolves the project's conflict at @index (charta_merge_resolve()) as one undo step. */
gboolean             charta_document_resolve_conflict (ChartaDocument    *self,
                                                       guint              index,
                                                       ChartaMergeChoice  choice,
                                                       const ChartaNode  *value,
                                                       GError           **error);

/* Comments (charta-comments.h): adds @comment (taken) after checking it
 * (charta_comment_check()), as one undo step; emits ::comments-changed. */
gboolean             charta_document_add_comment (ChartaDocument  *self,
                                                  ChartaComment   *comment,
                                                  GError         **error);
/* Marks the comment with @comment_id resolved or open again, as one undo step. FALSE
 * when there is no such comment. */
gboolean             charta_document_set_comment_resolved (ChartaDocument *self,
                                                           const char     *comment_id,
                                                           gboolean        resolved);

/* Sets the status and progress (0..100 or CHARTA_UNSET) of the action with @action_id as
 * one undo step, as the action plan's rows do, with the one rule between the two
 * (charta_action_status_progress_conflict()): choosing Done moves the progress to 100;
 * a progress below 100 on a done action is refused with that rule's message. Stamps the
 * action's "changed". Nothing happens when both are as they were. FALSE with an error
 * when there is no such action or the rule is broken. */
gboolean             charta_document_set_action_status (ChartaDocument  *self,
                                                        const char      *action_id,
                                                        int              status,
                                                        int              progress,
                                                        GError         **error);

/* Adds a planned action titled @title (stripped) after the others, as one undo step, as the
 * action plan's quick-add does; stamps its "changed". Returns its id (owned by the
 * project), or NULL with an error for an empty title or one longer than
 * CHARTA_TITLE_MAX_CHARS. */
const char          *charta_document_add_action (ChartaDocument  *self,
                                                 const char      *title,
                                                 GError         **error);

/* Peer reviews (charta-review.h). The position of the review with @review_id, or -1. */
int                  charta_document_find_review (ChartaDocument *self,
                                                  const char     *review_id);
/* Puts @review (taken) in place of the review at @position, as one undo step (nothing
 * when it is the same); emits ::reviews-changed. Editors change a copy of the review with
 * the core's rules and hand it here. */
void                 charta_document_replace_review (ChartaDocument *self,
                                                     guint           position,
                                                     ChartaReview   *review);
/* Adds @review (taken) after the project's reviews, as one undo step; emits
 * ::reviews-changed. Returns its position. */
guint                charta_document_add_review (ChartaDocument *self,
                                                 ChartaReview   *review);
/* Removes the review at @position, as one undo step; emits ::reviews-changed. */
void                 charta_document_remove_review (ChartaDocument *self,
                                                    guint           position);
/* Takes up a recommendation of the review as a new action linked back to it
 * (charta_review_adopt_recommendation()), as one undo step; the action is the project's.
 * NULL with an error when the review has not been presented yet, the recommendation is
 * already an action, or the id is not a recommendation (charta_review_check_adopt()). */
const ChartaAction  *charta_document_adopt_recommendation (ChartaDocument  *self,
                                                           const char      *review_id,
                                                           const char      *recommendation_id,
                                                           GError         **error);
/* Whether the city sends the teams' agreed levels with its report to the hub; one undo
 * step (a header change). */
void                 charta_document_set_publish_review_levels (ChartaDocument *self,
                                                                gboolean        publish);

/* Replaces the whole project, e.g. on reload from disk; clears the undo history. */
void                 charta_document_reload (ChartaDocument *self,
                                             ChartaProject  *project,
                                             const char     *etag);

G_END_DECLS
