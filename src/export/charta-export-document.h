/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-document.h: the content of a report, built once from a project and the
 * catalogue, in the user's language, then handed to every renderer (PDF, web page,
 * spreadsheet, calendar).
 *
 * The privacy rule lives here and nowhere else: a public document simply does not hold
 * internal evidence, people's names, notes or the conclusions and participants of
 * consultations, so no renderer can leak them. A report is a list of sections; a new kind
 * of section (reporting rounds, "what changed") is a new ChartaExportSectionKind and the
 * data it needs, and each renderer learns to draw it. */
#pragma once

#include "charta-catalogue.h"
#include "charta-project.h"
#include "charta-review.h"
#include "charta-rounds.h"

G_BEGIN_DECLS

typedef enum {
  CHARTA_EXPORT_SECTION_SUMMARY,
  CHARTA_EXPORT_SECTION_ASSESSMENT,
  CHARTA_EXPORT_SECTION_ACTIONS,
  CHARTA_EXPORT_SECTION_MEASURES,
  CHARTA_EXPORT_SECTION_CONSULTATIONS,
  CHARTA_EXPORT_SECTION_CHANGES,
  CHARTA_EXPORT_SECTION_REVIEW,     /* a peer review: its team, stage and visit */
  CHARTA_EXPORT_SECTION_FEEDBACK,   /* a peer review: per area, the feedback */
} ChartaExportSectionKind;

typedef struct {
  ChartaExportSectionKind kind;
  char *anchor;             /* stable, ASCII: a link target in PDF and HTML */
  char *title;
} ChartaExportSection;

/* One bar of a summary chart: a Charter role or a DIVE area. */
typedef struct {
  char *id;
  char *title;
  double mean;              /* level reached, 0..1, or negative when nothing is assessed */
  guint n_assessed;
  guint n_assessable;
  guint n_open;
  guint n_done;
  guint n_overdue;
} ChartaExportBar;

typedef struct {
  char *item;               /* catalogue id */
  char *title;
  char *group;              /* the role or area above it, or NULL */
  int level;                /* CHARTA_UNSET when not assessed */
  guint n_levels;
  char *level_title;        /* the level's name and meaning on the framework's scale */
  char *level_description;
  char *evidence;           /* NULL when none, or internal in a public document */
  gboolean evidence_internal;
  GPtrArray *sources;       /* of char*, the titles of documents */
  char *answer;
  GPtrArray *key_problems;  /* of char*, titles */
  GPtrArray *recommendations; /* of char*, titles of those adopted */
  char *changed;
} ChartaExportAssessment;

typedef struct {
  char *id;
  char *title;
  GPtrArray *assessments;   /* of ChartaExportAssessment, in catalogue order */
} ChartaExportFramework;

typedef struct {
  char *id;
  char *title;
  char *description;
  GPtrArray *items;         /* of char*, catalogue ids the action serves */
  GPtrArray *workforms;     /* of char*, titles */
  char *owner;              /* internal: the person's name; public: the organisation */
  GPtrArray *partners;      /* of char*, organisations */
  char *start;
  char *due;
  ChartaStatus status;
  int progress;             /* 0..100 or CHARTA_UNSET */
  gboolean overdue;
  char *notes;              /* internal only */
} ChartaExportAction;

typedef struct {
  char *date;               /* YYYY-MM-DD */
  double value;
  char *note;
} ChartaExportValue;

typedef struct {
  char *id;
  char *title;
  char *description;
  char *unit;
  ChartaDirection direction;
  ChartaExportValue *baseline; /* or NULL */
  ChartaExportValue *target;   /* or NULL */
  GPtrArray *actuals;          /* of ChartaExportValue, by date */
} ChartaExportMeasure;

typedef struct {
  char *id;
  char *date;
  ChartaMeetingKind kind;
  char *title;
  guint n_participants;
  GPtrArray *participants;  /* internal only, else NULL */
  char *conclusions;        /* internal only */
  char *notes;              /* internal only */
} ChartaExportConsultation;

/* One difference since the round compared with (charta_changes_new()), as a report
 * shows it: nothing in it is internal (levels, statuses, due dates, measured values). */
typedef struct {
  ChartaChangeKind kind;
  const char *kind_label;   /* "Levels up", "Actions completed"…, translated (static) */
  char *id;                 /* the item's, action's or measure's id */
  char *title;
  char *description;        /* charta_change_describe(): "level 2 → 3" */
  char *groups;             /* the titles of the roles and areas it counts toward, "; " */
  int old_level, new_level; /* levels, else CHARTA_UNSET */
  int old_status, new_status; /* actions (ChartaStatus), else CHARTA_UNSET */
  char *due;                /* actions */
  double old_value, new_value, target; /* measures, else NAN */
} ChartaExportChange;

/* The changes of one Charter role, DIVE area or "Other", in the core's grouping. */
typedef struct {
  char *id;                 /* the role's or area's catalogue id, NULL for "Other" */
  char *title;
  GPtrArray *changes;       /* of ChartaExportChange, borrowed from the document's */
} ChartaExportChangeGroup;

/* A member of a review team: a public document names the role and the city only. */
typedef struct {
  char *name;               /* internal only, else NULL */
  char *role;               /* translated */
  char *city;
} ChartaExportReviewer;

/* The feedback report's section on one area (or key factor) under review. */
typedef struct {
  char *area;               /* catalogue id */
  char *title;
  int city_level;           /* the city's own, or CHARTA_UNSET */
  int team_level;           /* the team's agreed, or CHARTA_UNSET */
  guint n_levels;
  char *situation;          /* texts, each NULL when empty */
  char *findings;
  char *key_problems;
  char *recommendations;
  char *good_practices;
} ChartaExportFeedback;

/* A DIVE peer review (or an IncluCities mentoring) for its feedback report. */
typedef struct {
  char *title;
  char *kind;               /* translated: "DIVE peer review" */
  char *stage;              /* the stage's title, or NULL */
  guint stage_number;       /* its place among the stages, from 1; 0 when not set */
  guint n_stages;
  char *start, *end;        /* YYYY-MM-DD or NULL */
  GPtrArray *team;          /* of ChartaExportReviewer */
  GPtrArray *items;         /* of char*, the titles of the items under review */
  GPtrArray *gaps;          /* of char*, those no session of the visit covers */
  guint n_sessions;
  GPtrArray *feedback;      /* of ChartaExportFeedback */
} ChartaExportReview;

typedef struct {
  gboolean internal;
  char *language;           /* BCP 47, e.g. "nl" or "en" */
  char *kind_title;         /* "Assessment and action plan", "Peer review feedback report" */
  ChartaExportReview *review; /* a review's feedback report, else NULL */
  char *today;              /* YYYY-MM-DD, the date the report is made */

  char *title;              /* the project's title */
  char *city;
  char *country;
  char *period_start;
  char *period_end;
  char *period_label;
  GPtrArray *frameworks;    /* of char*, framework titles */

  GPtrArray *sections;      /* of ChartaExportSection, in reading order */
  GPtrArray *roles;         /* of ChartaExportBar */
  GPtrArray *areas;         /* of ChartaExportBar */
  GPtrArray *assessed;      /* of ChartaExportFramework */
  GPtrArray *actions;       /* of ChartaExportAction, in the project's order */
  GPtrArray *measures;      /* of ChartaExportMeasure */
  GPtrArray *consultations; /* of ChartaExportConsultation, by date */

  /* What changed since a reporting round. With no round to compare with, since_label is
   * NULL, changes and change_groups are empty, there is no "What changed" section and
   * no_changes_reason says why (the cover shows it). */
  char *since_id;
  char *since_label;
  char *since_closed;       /* YYYY-MM-DD */
  guint since_number;       /* 1 for the first round */
  char *no_changes_reason;  /* translated, or NULL when there is a round */
  GPtrArray *changes;       /* of ChartaExportChange: levels, then actions, then measures */
  GPtrArray *change_groups; /* of ChartaExportChangeGroup: roles, areas, then the rest */
} ChartaExportDocument;

/* Called now and then by a long export with the share done, 0 to 1 (from the thread that
 * exports). */
typedef void (*ChartaExportProgressFunc) (double   fraction,
                                          gpointer user_data);

typedef struct {
  gboolean internal;        /* include what is internal; the report says so on every page */
  const char *today;        /* YYYY-MM-DD, or NULL for today */
  const char *language;     /* BCP 47 for the document, or NULL for the user's language */
  const ChartaRound *round; /* what changed since this round of the project, or NULL for
                             * the last one closed */
} ChartaExportOptions;

ChartaExportDocument *charta_export_document_new  (const ChartaProject      *project,
                                                   ChartaCatalogue          *catalogue,
                                                   const ChartaExportOptions *options);
/* The feedback report of @review (one of @project's): the review's team, stage, visit
 * coverage and, per area under review, the city's situation, the team's findings, key
 * problems, recommendations and good practices. Sections the team has not written yet
 * are drafted (charta_review_draft_feedback(), on a copy: the project is not changed). */
ChartaExportDocument *charta_export_document_new_review (const ChartaProject      *project,
                                                         ChartaCatalogue          *catalogue,
                                                         const ChartaReview       *review,
                                                         const ChartaExportOptions *options);
void                  charta_export_document_free (ChartaExportDocument *document);

/* Translated labels the renderers share. */
const char *charta_export_meeting_kind_label (ChartaMeetingKind kind);
const char *charta_export_direction_label    (ChartaDirection direction);
/* "Level 2 of 4: Partly" or "Not assessed"; free with g_free(). */
char       *charta_export_describe_level     (const ChartaExportAssessment *assessment);
/* The period as "2018-01-01 to 2018-12-31" in the user's date format. */
char       *charta_export_describe_period    (const ChartaExportDocument *document);
/* The round compared with, e.g. "Changes since round 2 “2024”, closed on 31/12/2024",
 * or why there is no such section; NULL for a review's feedback report. */
char       *charta_export_describe_round     (const ChartaExportDocument *document);
/* "Internal" or "Public". */
const char *charta_export_describe_audience  (const ChartaExportDocument *document);
/* The language tag the user's messages are in ("nl-BE", "en" for the C locale). */
char       *charta_export_current_language   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaExportDocument, charta_export_document_free)

G_END_DECLS
