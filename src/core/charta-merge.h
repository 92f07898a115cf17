/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-merge.h: three-way merge of project files, by identity, on the JSON tree.
 *
 * The rules are in docs/sharing.md. A merge never writes text conflict markers: what
 * it cannot decide is recorded in a top-level "conflicts" array of the result, each
 * {"path", "base", "ours", "theirs"} (a value that is absent on a side is left out),
 * and the conflicted field keeps "ours". */
#pragma once

#include <glib.h>

#include "charta-json.h"
#include "charta-project.h"

G_BEGIN_DECLS

#define CHARTA_MERGE_CONFLICTS_KEY "conflicts"

#define CHARTA_MERGE_ERROR (charta_merge_error_quark ())

typedef enum {
  CHARTA_MERGE_ERROR_INVALID,            /* one of the three files does not load */
  CHARTA_MERGE_ERROR_DIFFERENT_PROJECTS, /* the files are not versions of one project */
  CHARTA_MERGE_ERROR_CONFLICT_MARKERS,   /* a file holds git's text conflict markers */
} ChartaMergeError;

GQuark charta_merge_error_quark (void);

typedef struct {
  const char *data;   /* or NULL: @file is read when its text is needed */
  gsize len;
  const char *name;   /* names the file in messages */
  GFile *file;        /* read at most CHARTA_PROJECT_MAX_SIZE bytes at a time, when
                       * @data is NULL; its text is not kept in memory while merging */
} ChartaMergeInput;

/* @base may be NULL: a two-way merge, for two versions with no known common one. What
 * only one side has is kept and every value that differs is a conflict.
 *
 * Parses the three versions (all of one project, each valid: a file in canonical
 * form is checked by the project loader only when the merged result does not load,
 * any other is loaded first and its canonical form merged), merges them and returns
 * the canonical text of the result, loaded and written again by the project loader
 * and writer. *@paths (optional) receives the paths of the conflicts recorded in it,
 * those carried over from @ours and @theirs included (an empty vector for a clean
 * merge). On failure returns NULL with a message naming the file at fault. A bad value
 * that does not reach the result (one both sides replaced) does not fail the merge:
 * see charta_merge_data() in the source and docs/sharing.md. */
char     *charta_merge_data (const ChartaMergeInput *base,
                             const ChartaMergeInput *ours,
                             const ChartaMergeInput *theirs,
                             gsize                  *out_len,
                             char                 ***paths,
                             GError                **error);

/* The merge itself, on canonical trees; appends one object per new conflict to
 * @conflicts (a CHARTA_NODE_ARRAY). The result holds no "conflicts" member: see
 * charta_merge_data(). @forced (may be NULL) is a set of paths where "ours" is taken
 * whole, with a conflict when "theirs" differs. Takes @ours and @theirs: values are
 * moved from them into the result (a large project is not copied), the rest freed. */
ChartaNode *charta_merge_nodes (const ChartaNode *base,
                                ChartaNode       *ours,
                                ChartaNode       *theirs,
                                GHashTable       *forced,
                                ChartaNode       *conflicts);

/* The number of conflicts recorded in a loaded project ("conflicts" member). */
guint     charta_merge_count_conflicts (const ChartaProject *project);

/* Whether @data holds git's text conflict markers ("<<<<<<< ", "=======",
 * ">>>>>>> " or "||||||| " at the start of a line); *@line gets the first one's line. */
gboolean  charta_merge_find_conflict_markers (const char *data,
                                              gsize       len,
                                              guint      *line);

/* When @data holds conflict markers, replaces *@error (which may be NULL or already
 * set by a failed load) with a message that says so and how to merge with Charta,
 * and returns TRUE. The loader calls it when a file does not parse. */
gboolean  charta_merge_explain_conflict_markers (const char  *data,
                                                 gsize        len,
                                                 const char  *display_name,
                                                 GError     **error);

/* How a recorded conflict is resolved: which side's value is written at its path. */
typedef enum {
  CHARTA_MERGE_TAKE_OURS,
  CHARTA_MERGE_TAKE_THEIRS,
  CHARTA_MERGE_TAKE_BASE,
  CHARTA_MERGE_TAKE_VALUE,   /* a value of the user's own (edited) */
} ChartaMergeChoice;

/* Resolves the conflict at @index of @project's "conflicts": writes the chosen value
 * (@value for CHARTA_MERGE_TAKE_VALUE; NULL there means "absent") at the conflict's
 * path, removes the record and returns the resulting project, checked by the loader.
 * NULL with an error when the index is out of range, the path no longer leads to a
 * place in the project or the result would not be valid (e.g. an edited date that is
 * no date); @project is left as it was. */
ChartaProject *charta_merge_resolve (const ChartaProject *project,
                                     guint                index,
                                     ChartaMergeChoice    choice,
                                     const ChartaNode    *value,
                                     GError             **error);

/* A conflict's @path for people: the list, the entry's title (or name) and the fields,
 * e.g. "Action “Welcome desk” › status". */
char          *charta_merge_describe_path (const ChartaProject *project,
                                           const char          *path);

/* Whether the file name @candidate is a sync client's conflict copy of @name (both
 * base names, e.g. "plan.charta"): Nextcloud and ownCloud "plan (conflicted copy
 * 2026-11-30 101500).charta" and "plan_conflict-20261130-101500.charta", Syncthing
 * "plan.sync-conflict-20261130-101500-ABCDEFG.charta", Dropbox "plan (Anna's
 * conflicted copy 2026-11-30).charta" (with an optional " (1)" counter). */
gboolean       charta_merge_is_conflict_copy (const char *name,
                                              const char *candidate);

G_END_DECLS
