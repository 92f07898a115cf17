/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-rounds.h: reporting rounds — closing one, renaming one, finding one, the open
 * round's reporting period — and "what changed" since a round.
 *
 * A closed round's snapshot is frozen: these functions are the only way the core changes
 * a round, and they change nothing but its label. What changed is a plain result, free of
 * GTK, that the window, the export library and charta-cli all show. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

#define CHARTA_ROUNDS_ERROR (charta_rounds_error_quark ())

typedef enum {
  CHARTA_ROUNDS_ERROR_INVALID,    /* a label or date that cannot be used */
  CHARTA_ROUNDS_ERROR_NOT_FOUND,  /* no round of that id, label or number */
  CHARTA_ROUNDS_ERROR_FROZEN,     /* an edit of a closed round other than its label */
} ChartaRoundsError;

GQuark             charta_rounds_error_quark (void);

/* Closes a round on @closed (YYYY-MM-DD, not before the last round's): appends a round
 * with a snapshot of @project as it is now and the project's period. Returns the new
 * round (owned by @project), or NULL with an error naming the field. */
const ChartaRound *charta_project_close_round (ChartaProject *project,
                                               const char    *label,
                                               const char    *closed,
                                               GError       **error);
/* Gives the round with id @round_id a new @label (a title: one line, not empty). */
gboolean           charta_project_rename_round (ChartaProject *project,
                                                const char    *round_id,
                                                const char    *label,
                                                GError       **error);
/* Puts @round in place of the round with the same id, which is only allowed when nothing
 * but the label differs: a closed round's date, period and snapshot are frozen
 * (CHARTA_ROUNDS_ERROR_FROZEN). For editors that change a copy. */
gboolean           charta_project_update_round (ChartaProject     *project,
                                                const ChartaRound *round,
                                                GError           **error);
/* The round closed last (the latest date; of two on the same date, the later in the
 * list), or NULL when none is closed. */
const ChartaRound *charta_project_get_last_round (const ChartaProject *project);
/* The round @name refers to: its id, its label, or its number in the list (1 is the
 * first). NULL with an error that lists the rounds when none or several match. */
const ChartaRound *charta_project_find_round (const ChartaProject *project,
                                              const char          *name,
                                              GError             **error);
/* The reporting period ("2018", "2024-H1", "2024-Q3", "2024-05") of the open round, the
 * one not closed yet, which reports on the project's period: the smallest of these that
 * holds the whole period when it lies in one calendar year; for a period of several years
 * the year of @made within it. Without a project period, the year of @made. */
char              *charta_project_get_report_period (const ChartaProject *project,
                                                     GDateTime           *made);

/* ---- what changed ---- */

typedef enum {
  CHARTA_CHANGE_LEVEL_UP,            /* an item's level rose */
  CHARTA_CHANGE_LEVEL_DOWN,          /* an item's level fell */
  CHARTA_CHANGE_ACTION_ADDED,        /* an action not in the round's snapshot */
  CHARTA_CHANGE_ACTION_COMPLETED,    /* done now, not done then */
  CHARTA_CHANGE_ACTION_POSTPONED,    /* postponed now, not postponed then */
  CHARTA_CHANGE_ACTION_OVERDUE,      /* overdue today, not overdue when the round closed */
  CHARTA_CHANGE_MEASURE_TOWARD,      /* the latest value moved toward the target */
  CHARTA_CHANGE_MEASURE_AWAY,        /* the latest value moved away from the target */
  CHARTA_N_CHANGE_KINDS
} ChartaChangeKind;

typedef struct {
  ChartaChangeKind kind;
  char *id;               /* the catalogue item's, action's or measure's id */
  char *title;            /* its title (an item's in the user's language) */
  char **items;           /* the catalogue items it serves (for grouping), never NULL */
  int old_level;          /* levels: before and now */
  int new_level;
  int old_status;         /* actions: ChartaStatus then (CHARTA_UNSET if added) and now */
  int new_status;
  char *due;              /* actions: the due date, or NULL */
  ChartaDatedValue *old_value;   /* measures: the round's latest value and today's */
  ChartaDatedValue *new_value;
  ChartaDatedValue *target;      /* measures: the target, or NULL */
  char *unit;
  int direction;          /* measures: ChartaDirection */
} ChartaChange;

typedef struct {
  const ChartaItem *item;  /* a Charter role or a DIVE area; NULL: serves neither */
  GPtrArray *changes;      /* of ChartaChange, borrowed from ChartaChanges.changes */
} ChartaChangeGroup;

typedef struct {
  ChartaRound *since;      /* a copy of the round compared with */
  char *today;
  GPtrArray *changes;      /* of ChartaChange: levels, then actions, then measures */
  GPtrArray *groups;       /* of ChartaChangeGroup: the Charter roles, the DIVE areas
                            * (when the project uses DIVE), then the rest; empty ones left
                            * out. A change is in every group it serves. */
} ChartaChanges;

/* What changed in @project since @since (a round of it, or NULL for the last round) as
 * of @today (YYYY-MM-DD, or NULL for today). NULL with CHARTA_ROUNDS_ERROR_NOT_FOUND when
 * the project has no round, or the round no snapshot. */
ChartaChanges *charta_changes_new (const ChartaProject *project,
                                   const ChartaRound   *since,
                                   const char          *today,
                                   GError             **error);
void           charta_changes_free (ChartaChanges *changes);
guint          charta_changes_count (const ChartaChanges *changes,
                                     ChartaChangeKind     kind);
/* The key in JSON: "level-up", "action-completed", "measure-toward-target"… */
const char    *charta_change_kind_to_string (ChartaChangeKind kind);
/* A heading for the kind, translated: "Levels up", "Actions completed"… */
const char    *charta_change_kind_get_label (ChartaChangeKind kind);
/* One line on the change, translated, e.g. "level 2 → 3", "due 2026-06-30",
 * "12.1 % (2026-11-30) → 14 % (2027-03-31), target 20 %". */
char          *charta_change_describe (const ChartaChange *change);
/* The result as JSON (docs/user-guide.md, "Reporting rounds"). */
ChartaNode    *charta_changes_to_node (const ChartaChanges *changes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaChanges, charta_changes_free)

G_END_DECLS
