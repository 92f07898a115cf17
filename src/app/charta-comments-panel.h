/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The comments on one item, action or measure: threads oldest first, each with its
 * replies, a Reply and a Resolve (or Reopen) button, and a field to write a new comment
 * or a reply. The author's name is asked for the first time and kept in the
 * "comment-author" setting. Every change is one undo step of the document. */
#define CHARTA_TYPE_COMMENTS_PANEL (charta_comments_panel_get_type ())
G_DECLARE_FINAL_TYPE (ChartaCommentsPanel, charta_comments_panel, CHARTA, COMMENTS_PANEL, AdwBin)

GtkWidget *charta_comments_panel_new (ChartaDocument *document,
                                      const char     *target);

G_END_DECLS
