/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-comments.h: the rules of comments on an item, an action or a measure — what a
 * comment may point at, how they are counted and threaded. Comments are the mentor's
 * and mentee's conversation: never part of a progress report or a public export. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

/* The number of comments on @target (an item, action or measure id); only those not
 * resolved (replies to a resolved comment count as resolved) when @open_only. */
guint     charta_comments_count (const ChartaProject *project,
                                 const char          *target,
                                 gboolean             open_only);

/* The comments on @target in thread order: each top-level comment (oldest first)
 * followed by its replies (oldest first). A new array of pointers into @project. */
GPtrArray *charta_comments_thread (const ChartaProject *project,
                                   const char          *target);

/* The comment with @id, or NULL. */
const ChartaComment *charta_comments_find (const ChartaProject *project,
                                           const char          *id);

/* Whether @comment can be added to @project: an author and a text that are not empty,
 * a target that is an action, a measure or a catalogue item, a reply to a comment on the
 * same target. */
gboolean  charta_comment_check (const ChartaProject  *project,
                                const ChartaComment  *comment,
                                GError              **error);

G_END_DECLS
