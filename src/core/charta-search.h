/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-search.h: find text in a project — framework titles, evidence, answers, actions,
 * notes, measures, meetings — case- and accent-insensitively. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

typedef enum {
  CHARTA_HIT_ITEM,          /* a framework item, or its assessment */
  CHARTA_HIT_ACTION,
  CHARTA_HIT_MEASURE,
  CHARTA_HIT_CONSULTATION,
} ChartaHitKind;

typedef struct {
  ChartaHitKind kind;
  char *id;        /* catalogue id, or the id of the action, measure or meeting */
  char *title;     /* what to show */
  char *field;     /* where the text was found: "title", "evidence", "notes", … */
  char *snippet;   /* the text around the match */
} ChartaHit;

/* At most @max hits, in project order: items, then actions, measures, meetings, then
 * comments (a hit on what they are on, field "comment"). */
GPtrArray *charta_search (const ChartaProject *project,
                          const char          *query,
                          guint                max);
void       charta_hit_free (ChartaHit *hit);

G_END_DECLS
