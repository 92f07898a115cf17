/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-project.h: a city's assessment and action plan, as plain data.
 *
 * The structs mirror the project file (docs/project-format.md). Every struct keeps the
 * members it does not know in `extra`, so files written by a newer Charta or edited by
 * hand lose nothing on a round trip. Optional numbers use CHARTA_UNSET (ints) or NAN
 * (doubles); optional strings are NULL. */
#pragma once

#include <gio/gio.h>

#include "charta-catalogue.h"
#include "charta-json.h"

G_BEGIN_DECLS

#define CHARTA_PROJECT_FORMAT "charta-project"
#define CHARTA_PROJECT_VERSION 1
#define CHARTA_PROJECT_MAX_SIZE (64 * 1024 * 1024)
#define CHARTA_TITLE_MAX_CHARS 1000
#define CHARTA_UNSET G_MININT

#define CHARTA_PROJECT_ERROR (charta_project_error_quark ())

typedef enum {
  CHARTA_PROJECT_ERROR_INVALID,      /* the file is not a valid project: see the message */
  CHARTA_PROJECT_ERROR_TOO_LARGE,
  CHARTA_PROJECT_ERROR_NEWER_VERSION,
} ChartaProjectError;

GQuark charta_project_error_quark (void);

typedef struct {
  char *id;
  char *name;
  char *country;
  ChartaNode *extra;
} ChartaCity;

typedef struct {
  char *start;
  char *end;
  char *label;
  ChartaNode *extra;
} ChartaPeriod;

typedef struct {
  char *id;
  char *name;
  char *role;
  char *organisation;
  char *email;
  char *phone;
  ChartaNode *extra;
} ChartaPerson;

typedef struct {
  char *id;
  char *name;
  char *kind;
  char *description;
  ChartaNode *extra;
} ChartaPartner;

typedef struct {
  char *item;             /* catalogue id; the key in "assessments" */
  int level;              /* on the framework's scale, or CHARTA_UNSET */
  char *evidence;
  gboolean evidence_private;
  GPtrArray *sources;     /* of char* */
  GPtrArray *key_problems;     /* catalogue ids that apply */
  GPtrArray *recommendations;  /* catalogue ids adopted */
  char *answer;           /* to a guiding question */
  char *changed;          /* ISO 8601 timestamp */
  ChartaNode *extra;
} ChartaAssessment;

typedef enum {
  CHARTA_STATUS_PLANNED,
  CHARTA_STATUS_IN_PROGRESS,
  CHARTA_STATUS_DONE,
  CHARTA_STATUS_POSTPONED,
  CHARTA_STATUS_CANCELLED,
  CHARTA_N_STATUSES
} ChartaStatus;

typedef struct {
  char *id;
  char *title;
  char *description;
  GPtrArray *items;       /* catalogue ids the action serves */
  char *workform;         /* aii.workform.* or NULL */
  char *owner;            /* a person id */
  GPtrArray *partners;    /* partner ids */
  char *start;
  char *due;
  int status;             /* ChartaStatus */
  int progress;           /* 0..100 or CHARTA_UNSET */
  char *notes;
  char *changed;
  ChartaNode *extra;
} ChartaAction;

typedef struct {
  char *date;
  double value;
  char *note;
  ChartaNode *extra;
} ChartaDatedValue;

typedef enum {
  CHARTA_DIRECTION_INCREASE,
  CHARTA_DIRECTION_DECREASE,
  CHARTA_DIRECTION_MAINTAIN,
} ChartaDirection;

typedef struct {
  char *id;
  char *title;
  char *description;
  GPtrArray *items;
  char *unit;
  int direction;          /* ChartaDirection */
  ChartaDatedValue *baseline;
  ChartaDatedValue *target;
  GPtrArray *actuals;     /* of ChartaDatedValue, in the order given */
  ChartaNode *extra;
} ChartaMeasure;

typedef enum {
  CHARTA_MEETING_CONSULTATION,
  CHARTA_MEETING_EVALUATION,
  CHARTA_MEETING_PEER_REVIEW,
  CHARTA_MEETING_STEERING,
  CHARTA_MEETING_OTHER,
} ChartaMeetingKind;

typedef struct {
  char *id;
  char *date;
  int kind;               /* ChartaMeetingKind */
  char *title;
  GPtrArray *participants; /* free text names or organisations */
  char *conclusions;
  char *notes;
  ChartaNode *extra;
} ChartaConsultation;

typedef struct {
  int version;
  char *id;
  char *title;
  ChartaCity *city;
  ChartaPeriod *period;
  GPtrArray *frameworks;      /* of char* framework ids */
  GPtrArray *people;          /* of ChartaPerson */
  GPtrArray *partners;        /* of ChartaPartner */
  GPtrArray *assessments;     /* of ChartaAssessment, in catalogue order when saved */
  GPtrArray *actions;         /* of ChartaAction */
  GPtrArray *measures;        /* of ChartaMeasure */
  GPtrArray *consultations;   /* of ChartaConsultation */
  ChartaNode *extra;
} ChartaProject;

ChartaProject *charta_project_new (const char *city_name);

/* Parses and validates @len bytes. @display_name names the file in messages. On
 * failure returns NULL with every problem in the error message, one per line, each
 * "FILE:LINE:COLUMN: field: message". */
ChartaProject *charta_project_load_from_data (const char *data,
                                              gsize       len,
                                              const char *display_name,
                                              GError    **error);
/* The same, taking @data (g_free()d), which is freed as soon as it is parsed: a large
 * file's text then does not stay in memory beside the model. */
ChartaProject *charta_project_load_from_owned_data (char       *data,
                                                    gsize       len,
                                                    const char *display_name,
                                                    GError    **error);
/* Reads at most CHARTA_PROJECT_MAX_SIZE bytes of @file and loads them; *@etag receives
 * the etag of what was read (for a later save). */
ChartaProject *charta_project_load_file (GFile        *file,
                                         char        **etag,
                                         GCancellable *cancellable,
                                         GError      **error);

/* The canonical text: fixed key order, 2-space indent, trailing newline. */
char          *charta_project_to_data (const ChartaProject *project,
                                       gsize               *len);
/* Atomic replace of @file (see charta_file_replace()). */
gboolean       charta_project_save_file (const ChartaProject *project,
                                         GFile               *file,
                                         const char          *etag,
                                         char               **new_etag,
                                         GCancellable        *cancellable,
                                         GError             **error);

ChartaAssessment *charta_project_get_assessment (const ChartaProject *project,
                                                 const char          *item_id);
ChartaAssessment *charta_project_ensure_assessment (ChartaProject *project,
                                                    const char    *item_id);
const ChartaPerson *charta_project_find_person (const ChartaProject *project,
                                                const char          *id);
const ChartaPartner *charta_project_find_partner (const ChartaProject *project,
                                                  const char          *id);
gboolean       charta_project_uses_framework (const ChartaProject *project,
                                              const char          *framework_id);

const char    *charta_status_to_string (ChartaStatus status);
const char    *charta_status_get_label (ChartaStatus status);
gboolean       charta_action_is_open (const ChartaAction *action);
/* Open and due before @today ("YYYY-MM-DD"). */
gboolean       charta_action_is_overdue (const ChartaAction *action,
                                         const char         *today);

/* Deep copies, for editors that change a copy and commit only real changes; _equal
 * compares every field, unknown members included. */
#define CHARTA_DECLARE_COPY_FREE_EQUAL(Type, prefix)       \
  Type     *prefix##_copy (const Type *object);            \
  void      prefix##_free (Type *object);                  \
  gboolean  prefix##_equal (const Type *a, const Type *b);

CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaAction, charta_action)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaAssessment, charta_assessment)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaMeasure, charta_measure)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaConsultation, charta_consultation)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaPerson, charta_person)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaPartner, charta_partner)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaDatedValue, charta_dated_value)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaProject, charta_project)

ChartaAction       *charta_action_new (const char *title);
ChartaAssessment   *charta_assessment_new (const char *item_id);
ChartaMeasure      *charta_measure_new (const char *title,
                                        const char *unit);
ChartaConsultation *charta_consultation_new (const char *title,
                                             const char *date);
ChartaDatedValue   *charta_dated_value_new (const char *date,
                                            double      value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaProject, charta_project_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaAction, charta_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaAssessment, charta_assessment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaMeasure, charta_measure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaConsultation, charta_consultation_free)

G_END_DECLS
