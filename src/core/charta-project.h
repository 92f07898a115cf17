/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-project.h: a city's assessment and action plan, as plain data.
 *
 * The structs mirror the project file (docs/project-format.md). Every struct keeps the
 * members it does not know in `extra`, so files written by a newer Charta or edited by
 * hand lose nothing on a round trip. Optional numbers and enumerations use CHARTA_UNSET
 * (ints) or NAN (doubles); optional strings, objects and lists are NULL (a list may also
 * be empty). Version 1 files are read and migrated (docs/project-format.md, "Versions"). */
#pragma once

#include <gio/gio.h>

#include "charta-catalogue.h"
#include "charta-json.h"

G_BEGIN_DECLS

#define CHARTA_PROJECT_FORMAT "charta-project"
#define CHARTA_PROJECT_VERSION 2
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

/* When and by whom the city signed the Integrating Cities Charter. */
typedef struct {
  char *date;             /* YYYY-MM-DD or NULL */
  char *signatory;
  char *occasion;
  ChartaNode *extra;
} ChartaSignature;

typedef struct {
  char *id;
  char *name;
  char *country;
  ChartaSignature *charter_signature;   /* or NULL: not signed, or not known */
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

/* A document the evidence comes from (version 1: a bare title). */
typedef struct {
  char *title;            /* required */
  char *date;             /* YYYY-MM-DD */
  char *link;             /* a web address */
  char *reference;        /* e.g. a decision number, "item 24" */
  char *page;             /* e.g. "3", "12-14", "annex, B" */
  ChartaNode *extra;
} ChartaSource;

/* What the city can do about an item: the Charter's footnote; DIVE's point that powers
 * differ between cities. */
typedef enum {
  CHARTA_COMPETENCE_PROVIDES_SERVICE,  /* provides the service itself */
  CHARTA_COMPETENCE_ADVOCATES_ONLY,    /* not its service: advocates with who provides it */
  CHARTA_COMPETENCE_NOT_COMPETENT,
  CHARTA_N_COMPETENCES
} ChartaCompetence;

typedef struct {
  char *item;             /* catalogue id; the key in "assessments" */
  int level;              /* on the framework's scale, or CHARTA_UNSET */
  char *evidence;
  gboolean evidence_private;
  GPtrArray *sources;     /* of ChartaSource */
  int competence;         /* ChartaCompetence or CHARTA_UNSET */
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

/* A group of actions, as an agreement's annex is organised (Mechelen 2018: "Programma:
 * Toegankelijkheid"). */
typedef struct {
  char *id;
  char *title;
  char *description;
  GPtrArray *items;       /* catalogue ids the programme serves */
  ChartaNode *extra;
} ChartaProgramme;

typedef enum {
  CHARTA_FUNDING_APPLIED,
  CHARTA_FUNDING_GRANTED,
  CHARTA_FUNDING_REFUSED,
  CHARTA_N_FUNDING_STATUSES
} ChartaFundingStatus;

/* Money for an action: the city's own budget, or a grant applied for. */
typedef struct {
  double amount;          /* required, not negative */
  char *currency;         /* ISO 4217 code, e.g. "EUR"; required */
  char *source;           /* who pays: "City budget", "AMIF" */
  int status;             /* ChartaFundingStatus or CHARTA_UNSET */
  char *note;
  ChartaNode *extra;
} ChartaFunding;

typedef struct {
  char *id;
  char *title;
  char *description;
  GPtrArray *items;       /* catalogue ids the action serves */
  char *programme;        /* a programme id or NULL */
  char *review;           /* the review whose recommendation this action takes up, or NULL */
  char *recommendation;   /* that recommendation's catalogue id, or NULL */
  GPtrArray *workforms;   /* aii.workform.* ids (version 1: one "workform"), or NULL */
  char *owner;            /* a person id */
  GPtrArray *partners;    /* partner ids */
  char *start;
  char *due;
  int status;             /* ChartaStatus */
  int progress;           /* 0..100 or CHARTA_UNSET */
  GPtrArray *funding;     /* of ChartaFunding */
  GPtrArray *policy_objectives;  /* the city's own codes, e.g. "2HMS070101" */
  char *notes;
  char *changed;
  ChartaNode *extra;
} ChartaAction;

/* A measured value for one group of a measure's breakdown. */
typedef struct {
  char *group;            /* one of the measure's groups */
  double value;
  ChartaNode *extra;
} ChartaGroupValue;

typedef struct {
  char *date;
  double value;
  char *note;
  GPtrArray *by_group;    /* of ChartaGroupValue, or NULL */
  ChartaNode *extra;
} ChartaDatedValue;

typedef enum {
  CHARTA_DIRECTION_INCREASE,
  CHARTA_DIRECTION_DECREASE,
  CHARTA_DIRECTION_MAINTAIN,
} ChartaDirection;

/* What a computed measure counts in the project itself. */
typedef enum {
  CHARTA_COMPUTED_CONSULTATIONS_HELD,   /* consultations of kind "consultation" */
  CHARTA_COMPUTED_MEETINGS_HELD,        /* every consultation, whatever its kind */
  CHARTA_N_COMPUTED
} ChartaComputed;

typedef struct {
  char *id;
  char *title;
  char *description;
  GPtrArray *items;
  char *unit;
  int direction;          /* ChartaDirection */
  int computed;           /* ChartaComputed, or CHARTA_UNSET: values recorded in actuals */
  char *breakdown;        /* what the groups are, e.g. "Origin group" */
  GPtrArray *groups;      /* the groups' names, or NULL */
  ChartaDatedValue *baseline;
  ChartaDatedValue *target;
  GPtrArray *actuals;     /* of ChartaDatedValue, in the order given; none when computed */
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

/* A reporting round's frozen state: what "what changed since" compares with. */
typedef struct {
  char *item;             /* catalogue id; the key in "items" */
  int level;              /* or CHARTA_UNSET */
  ChartaNode *extra;
} ChartaSnapshotItem;

typedef struct {
  char *id;               /* the action's id (it may have been deleted since) */
  int status;             /* ChartaStatus */
  int progress;           /* or CHARTA_UNSET */
  ChartaNode *extra;
} ChartaSnapshotAction;

typedef struct {
  char *id;               /* the measure's id */
  char *date;             /* of its latest value */
  double value;
  ChartaNode *extra;
} ChartaSnapshotMeasure;

typedef struct {
  GPtrArray *items;       /* of ChartaSnapshotItem, assessed items with a level */
  GPtrArray *actions;     /* of ChartaSnapshotAction */
  GPtrArray *measures;    /* of ChartaSnapshotMeasure, measures with a value */
  ChartaNode *extra;
} ChartaSnapshot;

typedef struct {
  char *id;
  char *label;            /* required */
  char *closed;           /* YYYY-MM-DD, required */
  ChartaPeriod *period;   /* the period the round reports on, or NULL */
  ChartaSnapshot *snapshot;
  ChartaNode *extra;
} ChartaRound;

/* A remark on an item, action or measure; never part of a report. */
typedef struct {
  char *id;
  char *target;           /* a catalogue item id, or the id of an action or a measure */
  char *author;
  char *time;             /* timestamp */
  char *text;
  char *in_reply_to;      /* a comment id, or NULL */
  gboolean resolved;
  ChartaNode *extra;
} ChartaComment;

/* A merge conflict recorded in the file until it is resolved. The values are any JSON;
 * NULL where the value was absent on that side. */
typedef struct {
  char *path;             /* where, e.g. actions["ID"].status */
  ChartaNode *base;
  ChartaNode *ours;
  ChartaNode *theirs;
  ChartaNode *extra;
} ChartaConflict;

/* ---- peer review (DIVE) and mentoring (IncluCities); rules in charta-review.h ---- */

typedef enum {
  CHARTA_REVIEW_DIVE_PEER_REVIEW,
  CHARTA_REVIEW_INCLUCITIES_MENTORING,
  CHARTA_N_REVIEW_KINDS
} ChartaReviewKind;

typedef enum {
  CHARTA_REVIEW_ROLE_PEER,
  CHARTA_REVIEW_ROLE_BENCHMARKING_EXPERT,
  CHARTA_REVIEW_ROLE_COORDINATOR,
  CHARTA_REVIEW_ROLE_MENTOR,
  CHARTA_REVIEW_ROLE_MENTEE,
  CHARTA_REVIEW_ROLE_CITY_CONTACT,
  CHARTA_REVIEW_ROLE_OTHER,
  CHARTA_N_REVIEW_ROLES
} ChartaReviewRole;

/* A member of the review team: one of the project's people. */
typedef struct {
  char *id;
  char *person;           /* a person id; required */
  char *city;             /* the city the reviewer comes from */
  int role;               /* ChartaReviewRole; required */
  ChartaNode *extra;
} ChartaReviewer;

typedef enum {
  CHARTA_REVIEW_BASIS_HYPOTHESIS,   /* from the desk review, still to be tested */
  CHARTA_REVIEW_BASIS_EVIDENCE,     /* tested, e.g. in the visit */
  CHARTA_N_REVIEW_BASES
} ChartaReviewBasis;

#define CHARTA_REVIEW_ASSESSOR_TEAM "team"

/* A reviewer's (or the team's agreed) assessment of an item: kept beside the city's own
 * ChartaAssessment, never in its place. */
typedef struct {
  char *id;
  char *item;             /* catalogue id; required */
  char *assessor;         /* a team member's person id, or "team"; required */
  int level;              /* or CHARTA_UNSET */
  int basis;              /* ChartaReviewBasis or CHARTA_UNSET */
  char *findings;
  GPtrArray *key_problems;     /* catalogue ids seen */
  GPtrArray *recommendations;  /* catalogue ids proposed */
  char *changed;          /* timestamp */
  ChartaNode *extra;
} ChartaReviewAssessment;

typedef enum {
  CHARTA_SESSION_INTERVIEW,
  CHARTA_SESSION_WORKSHOP,
  CHARTA_SESSION_OTHER,
  CHARTA_N_SESSION_KINDS
} ChartaSessionKind;

/* A session of the visit. */
typedef struct {
  char *id;
  char *date;             /* YYYY-MM-DD; required */
  char *start;            /* HH:MM; required */
  char *end;              /* HH:MM after start; required */
  int kind;               /* ChartaSessionKind or CHARTA_UNSET */
  char *title;
  char *place;
  GPtrArray *participants; /* interviewees or workshop participants (free text) */
  GPtrArray *items;       /* catalogue ids the session covers */
  char *notes;
  ChartaNode *extra;
} ChartaReviewSession;

/* A document the team asked the city for. */
typedef struct {
  char *id;
  char *title;            /* required */
  char *requested;        /* YYYY-MM-DD */
  gboolean arrived;
  ChartaNode *extra;
} ChartaReviewDocument;

/* The feedback report's section on one area (or key factor): texts the team edits, and
 * the catalogue's ids they draw on. */
typedef struct {
  char *id;
  char *area;             /* catalogue id; required */
  char *situation;
  char *findings;
  char *key_problems;
  char *recommendations;
  char *good_practices;
  GPtrArray *key_problem_items;
  GPtrArray *recommendation_items;
  GPtrArray *good_practice_items;
  ChartaNode *extra;
} ChartaFeedbackSection;

typedef struct {
  char *date;
  char *outcome;
  ChartaNode *extra;
} ChartaPresentation;

typedef struct {
  char *id;
  int kind;               /* ChartaReviewKind; required */
  char *title;
  char *stage;            /* a review-stage catalogue id */
  char *start;
  char *end;
  GPtrArray *items;       /* under review: groups, areas, key factors, … (catalogue ids) */
  char *mentor_city;      /* mentoring only */
  char *mentee_city;
  int day_hours;          /* a visit day's hours, or CHARTA_UNSET for 8 */
  GPtrArray *team;        /* of ChartaReviewer */
  GPtrArray *assessments; /* of ChartaReviewAssessment */
  GPtrArray *sessions;    /* of ChartaReviewSession */
  GPtrArray *documents;   /* of ChartaReviewDocument */
  GPtrArray *feedback;    /* of ChartaFeedbackSection */
  ChartaPresentation *presentation;
  ChartaNode *extra;
} ChartaReview;

typedef struct {
  int version;                /* CHARTA_PROJECT_VERSION: the version it is saved in */
  int file_version;           /* the version of the file it was read from; 0 if new */
  char *id;
  char *title;
  ChartaCity *city;
  ChartaPeriod *period;
  GPtrArray *frameworks;      /* of char* framework ids */
  GPtrArray *people;          /* of ChartaPerson */
  GPtrArray *partners;        /* of ChartaPartner */
  GPtrArray *assessments;     /* of ChartaAssessment, in catalogue order when saved */
  GPtrArray *programmes;      /* of ChartaProgramme, or NULL */
  GPtrArray *actions;         /* of ChartaAction */
  GPtrArray *measures;        /* of ChartaMeasure */
  GPtrArray *consultations;   /* of ChartaConsultation */
  GPtrArray *reviews;         /* of ChartaReview, or NULL */
  gboolean publish_review_levels; /* the city sends the teams' agreed levels with its report */
  GPtrArray *rounds;          /* of ChartaRound, or NULL */
  GPtrArray *comments;        /* of ChartaComment, or NULL */
  GPtrArray *conflicts;       /* of ChartaConflict, or NULL */
  ChartaNode *extra;
} ChartaProject;

/* A new project for @city_name: the Charter and DIVE, the current calendar year. */
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
/* Builds and validates the project from @root, the tree charta_json_parse() made of a
 * file's text (whose size the caller checked against CHARTA_PROJECT_MAX_SIZE), as
 * charta_project_load_from_data() would: the same checks and messages, positions taken
 * from the tree. Takes @root: values are moved out of it into the project; @len, the
 * size of its text (or an estimate), decides whether the rest is freed in a thread. */
ChartaProject *charta_project_load_from_tree (ChartaNode *root,
                                              gsize       len,
                                              const char *display_name,
                                              GError    **error);
/* The same, leaving @root whole, for a caller that needs the tree afterwards (the merge
 * checks each version and then merges its tree): values are copied out of it. Only
 * the ids in it are changed, written in lower case as the loader does. */
ChartaProject *charta_project_load_from_kept_tree (ChartaNode *root,
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
/* Whether @data is byte for byte the canonical text of @project. The text is compared
 * piece by piece as it is written, never whole in memory. */
gboolean       charta_project_is_data (const ChartaProject *project,
                                       const char          *data,
                                       gsize                len);
/* Whether @data, which charta_json_parse() made @root of, is byte for byte the
 * canonical text of the project it loads as — provided it loads: this only looks at
 * the tree's layout and spelling (the order of fields, ids in lower case, numbers as
 * the writer spells them, no false or empty lists the writer leaves out), not at
 * whether its values are valid. Much cheaper than loading it and comparing with
 * charta_project_is_data(), for a caller that checks validity some other way. */
gboolean       charta_project_tree_is_canonical (const ChartaNode *root,
                                                 const char       *data,
                                                 gsize             len);
/* charta_project_tree_is_canonical() but for the layout, which
 * charta_json_parse_canonical() answers as it reads @root's text. */
gboolean       charta_project_tree_is_canonical_form (const ChartaNode *root);
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

const ChartaProgramme *charta_project_find_programme (const ChartaProject *project,
                                                      const char          *id);
/* TRUE when @project was read from a file of an older format version, which a save
 * writes in CHARTA_PROJECT_VERSION. */
gboolean       charta_project_is_migrated (const ChartaProject *project);

/* A computed measure's value: what it counts in @project dated from @from to @to
 * (YYYY-MM-DD, both included; NULL for no bound). NAN for a measure that is not computed. */
double         charta_measure_compute (const ChartaMeasure *measure,
                                       const ChartaProject *project,
                                       const char          *from,
                                       const char          *to);
/* The values to show: the actuals of a recorded measure, or for a computed one the
 * running count since the start of the project's period, one value per date. A new
 * array of new ChartaDatedValue. */
GPtrArray     *charta_measure_get_values (const ChartaMeasure *measure,
                                          const ChartaProject *project);
/* The value with the newest date on or before @until (YYYY-MM-DD, or NULL for any date),
 * of the actuals or, for a computed measure, of its running count; of two on the same
 * date the one entered later. The newest date wins, not the value entered last. A new
 * ChartaDatedValue, or NULL when there is none. */
ChartaDatedValue *charta_measure_get_latest (const ChartaMeasure *measure,
                                             const ChartaProject *project,
                                             const char          *until);

/* A new round closed on @closed (YYYY-MM-DD) with a snapshot of @project as it is. */
ChartaRound   *charta_round_new (const ChartaProject *project,
                                 const char          *label,
                                 const char          *closed);

gboolean       charta_action_has_workform (const ChartaAction *action,
                                           const char         *workform_id);
/* The first work form or NULL. */
const char    *charta_action_get_workform (const ChartaAction *action);
/* Makes @workform_id (or none, for NULL) the first work form, keeping any others. */
void           charta_action_set_workform (ChartaAction *action,
                                           const char   *workform_id);

const char    *charta_competence_to_string (ChartaCompetence competence);
const char    *charta_competence_get_label (ChartaCompetence competence);
const char    *charta_funding_status_to_string (ChartaFundingStatus status);
/* "consultation", "evaluation", … as the file writes a meeting's kind. */
const char    *charta_meeting_kind_to_string (ChartaMeetingKind kind);

const char    *charta_status_to_string (ChartaStatus status);
const char    *charta_status_get_label (ChartaStatus status);
/* The one rule between an action's status and its progress (0..100 or CHARTA_UNSET): a
 * done action is at 100 %. NULL when @status and @progress agree, else a message saying
 * so that a person can act on. Files that break it still load: the editor enforces it. */
const char    *charta_action_status_progress_conflict (int status,
                                                       int progress);
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
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaSignature, charta_signature)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaDatedValue, charta_dated_value)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaSource, charta_source)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaProgramme, charta_programme)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaFunding, charta_funding)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaRound, charta_round)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaComment, charta_comment)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaConflict, charta_conflict)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaReview, charta_review)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaReviewer, charta_reviewer)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaReviewAssessment, charta_review_assessment)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaReviewSession, charta_review_session)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaReviewDocument, charta_review_document)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaFeedbackSection, charta_feedback_section)
CHARTA_DECLARE_COPY_FREE_EQUAL (ChartaProject, charta_project)

ChartaAction       *charta_action_new (const char *title);
ChartaAssessment   *charta_assessment_new (const char *item_id);
ChartaMeasure      *charta_measure_new (const char *title,
                                        const char *unit);
ChartaConsultation *charta_consultation_new (const char *title,
                                             const char *date);
ChartaDatedValue   *charta_dated_value_new (const char *date,
                                            double      value);
ChartaSource       *charta_source_new (const char *title);
ChartaProgramme    *charta_programme_new (const char *title);
ChartaPerson       *charta_person_new (const char *name);
ChartaPartner      *charta_partner_new (const char *name);
ChartaSignature    *charta_signature_new (void);
ChartaFunding      *charta_funding_new (double      amount,
                                        const char *currency);
ChartaReview       *charta_review_new (ChartaReviewKind kind,
                                       const char      *title);
ChartaReviewSession *charta_review_session_new (const char *date,
                                                const char *start,
                                                const char *end);
ChartaReviewAssessment *charta_review_assessment_new (const char *item_id,
                                                      const char *assessor);
ChartaComment      *charta_comment_new (const char *target,
                                        const char *author,
                                        const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaProject, charta_project_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaAction, charta_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaAssessment, charta_assessment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaMeasure, charta_measure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaConsultation, charta_consultation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaSource, charta_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaProgramme, charta_programme_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaPerson, charta_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaPartner, charta_partner_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaFunding, charta_funding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaDatedValue, charta_dated_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaRound, charta_round_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaComment, charta_comment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaConflict, charta_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaReview, charta_review_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaReviewSession, charta_review_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaReviewAssessment, charta_review_assessment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaFeedbackSection, charta_feedback_section_free)

/* ---- the project's header and what refers to its people, partners and programmes
 * (charta-project-header.c): the rules the project page, charta-cli new and the loader
 * share ---- */

/* Both dates YYYY-MM-DD (charta_date_is_valid()) and @end not before @start. */
gboolean       charta_period_check (const char  *start,
                                    const char  *end,
                                    GError     **error);
/* "START..END" (e.g. "2024-01-01..2026-12-31"), checked as charta_period_check() does. */
gboolean       charta_period_parse (const char  *text,
                                    char       **start,
                                    char       **end,
                                    GError     **error);
/* A city's or a person's name, a title: not blank, at most CHARTA_TITLE_MAX_CHARS. */
gboolean       charta_title_check (const char  *text,
                                   GError     **error);
/* Whether @header (a project whose city, period, title, frameworks and signature are to
 * replace those of @project) breaks a rule: a blank city, a period the wrong way round, a
 * date that is none, an unknown framework, or a framework dropped while @project has
 * assessments of its items. The first problem, in words, in @error. */
gboolean       charta_project_check_header (const ChartaProject  *project,
                                            const ChartaProject  *header,
                                            GError              **error);

typedef enum {
  CHARTA_REFERENCE_PERSON,      /* an action's owner */
  CHARTA_REFERENCE_PARTNER,     /* one of an action's partners */
  CHARTA_REFERENCE_PROGRAMME,   /* an action's programme */
} ChartaReferenceKind;

/* The actions (not owned, in plan order) that refer to the person, partner or programme
 * with @id. */
GPtrArray     *charta_project_find_referring_actions (const ChartaProject *project,
                                                      ChartaReferenceKind  kind,
                                                      const char          *id);
/* A copy of @action referring to @replacement (an id of the same kind, or NULL for
 * nobody/none) where it referred to @id; a partner already listed is not listed twice. */
ChartaAction  *charta_action_reassign (const ChartaAction  *action,
                                       ChartaReferenceKind  kind,
                                       const char          *id,
                                       const char          *replacement);
/* Whether the person, partner or programme with @id can be removed once its actions are
 * given to @replacement: FALSE, saying why, for a person on a review team (the review
 * needs its member) or a replacement that is not in the project. */
gboolean       charta_project_check_removal (const ChartaProject  *project,
                                             ChartaReferenceKind   kind,
                                             const char           *id,
                                             const char           *replacement,
                                             GError              **error);

G_END_DECLS
