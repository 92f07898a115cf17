/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the bar above the window's content says. */
typedef enum {
  CHARTA_INFO_NONE,             /* hidden */
  CHARTA_INFO_CHANGED_ON_DISK,  /* the file changed on disk; ours has no changes */
  CHARTA_INFO_CONFLICT,         /* the file changed on disk, and ours has changes */
  CHARTA_INFO_SAVE_REFUSED,     /* a save found the file changed since it was opened */
  CHARTA_INFO_DRAFT_FOUND,      /* unsaved changes from a session that did not end well */
  CHARTA_INFO_ERROR,            /* the "message" property says what went wrong */
  CHARTA_INFO_UNRESOLVED,       /* the project holds conflicts a merge recorded */
  CHARTA_INFO_CONFLICT_COPY,    /* a sync client's conflict copy beside the file; "message" says which */
  CHARTA_INFO_MERGING,          /* the file changed on disk, and ours has changes: merging them */
} ChartaInfoKind;

/* The answers, as the "response" signal gives them. */
typedef enum {
  CHARTA_INFO_RESPONSE_RELOAD = 1,
  CHARTA_INFO_RESPONSE_KEEP_MINE,
  CHARTA_INFO_RESPONSE_RESTORE,
  CHARTA_INFO_RESPONSE_DISCARD_DRAFT,
  CHARTA_INFO_RESPONSE_SAVE_AS,
  CHARTA_INFO_RESPONSE_RESOLVE,
  CHARTA_INFO_RESPONSE_MERGE_COPY,
} ChartaInfoResponse;

#define CHARTA_TYPE_INFO_KIND (charta_info_kind_get_type ())
GType charta_info_kind_get_type (void) G_GNUC_CONST;

/* The info bar of the window: files changed on disk, recovery drafts to restore. Its
 * "kind" says which text and which buttons it shows; a button emits "response" with a
 * ChartaInfoResponse. */
#define CHARTA_TYPE_INFO_BAR (charta_info_bar_get_type ())
G_DECLARE_FINAL_TYPE (ChartaInfoBar, charta_info_bar, CHARTA, INFO_BAR, GtkWidget)

GtkWidget      *charta_info_bar_new (void);
ChartaInfoKind  charta_info_bar_get_kind (ChartaInfoBar *self);
void            charta_info_bar_set_kind (ChartaInfoBar  *self,
                                          ChartaInfoKind  kind);
/* The text of CHARTA_INFO_ERROR. */
const char     *charta_info_bar_get_message (ChartaInfoBar *self);
void            charta_info_bar_set_message (ChartaInfoBar *self,
                                             const char    *message);
/* Shows @message as an error (kind CHARTA_INFO_ERROR). */
void            charta_info_bar_show_error (ChartaInfoBar *self,
                                            const char    *message);

G_END_DECLS
