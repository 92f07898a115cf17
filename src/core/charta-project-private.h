/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-project-private.h: what the model (charta-project.c), the file format
 * (charta-project-format.c, charta-project-load.c) and the checks against the catalogue
 * (charta-project-check.c) share. Not for use outside these files.
 *
 * The file format is described once, as tables of fields per object; loading,
 * validating, writing, copying and comparing all walk the same tables, so the key order
 * on disk is the order of the table and a field cannot be read but forgotten on save. */
#pragma once

#include <stddef.h>

#include "charta-project.h"

G_BEGIN_DECLS

typedef enum {
  F_TITLE,      /* one line of text, at most 1,000 characters */
  F_TEXT,       /* any text (the reader caps it at 1 MiB) */
  F_UUID,
  F_DATE,       /* YYYY-MM-DD */
  F_TIMESTAMP,  /* ISO 8601 with a time zone */
  F_INT,
  F_NUMBER,
  F_BOOL,
  F_ENUM,
  F_ITEM,       /* a catalogue id */
  F_ITEMS,      /* a list of catalogue ids */
  F_STRINGS,    /* a list of texts */
  F_UUIDS,      /* a list of ids of things in the project */
  F_OBJECT,
  F_LIST,       /* a list of objects */
  F_MAP,        /* an object of objects keyed by catalogue id */
  F_JSON,       /* any JSON value, kept as a ChartaNode */
  F_TARGET,     /* a catalogue id or the id of something in the project */
  F_CURRENCY,   /* an ISO 4217 code: three capital letters */
  F_TIME,       /* a time of day, HH:MM (24 hours) */
} FieldType;

enum {
  REQUIRED = 1 << 0,
  KEY = 1 << 1,         /* the key of the enclosing map: not written inside the object */
  REF = 1 << 2,         /* an F_UUID first field that refers to an id, not defines one */
  OMIT_EMPTY = 1 << 3,  /* an F_LIST written only when it has elements */
  NON_NEGATIVE = 1 << 4,/* an F_NUMBER of at least 0 */
  /* A version 1 key whose single value goes into the list at the same offset (the
   * field before it); refused in later versions. Never written, copied or freed. */
  V1_ALIAS = 1 << 5,
};

typedef struct _Spec Spec;

typedef struct {
  const char *key;
  FieldType type;
  gsize offset;
  guint flags;
  const Spec *sub;
  const char * const *values;  /* F_ENUM */
  int min, max;                /* F_INT */
  const char *kind;            /* F_ITEM(S): the only kind allowed, or NULL */
} Field;

struct _Spec {
  gsize size;
  gsize extra_offset;
  const Field *fields;
  void (*init) (gpointer object);
  const char *v1_string_key;   /* in a version 1 file, a bare string fills this field */
};

#define FIELD(s, k, t, m, ...) { k, t, offsetof (s, m), __VA_ARGS__ }

#define MEMBER(obj, field, type) (*(type *) ((char *) (obj) + (field)->offset))
#define EXTRA(obj, spec) (*(ChartaNode **) ((char *) (obj) + (spec)->extra_offset))

extern const char * const _charta_status_values[];

extern const Spec _charta_city_spec;
extern const Spec _charta_period_spec;
extern const Spec _charta_person_spec;
extern const Spec _charta_partner_spec;
extern const Spec _charta_assessment_spec;
extern const Spec _charta_action_spec;
extern const Spec _charta_dated_value_spec;
extern const Spec _charta_measure_spec;
extern const Spec _charta_consultation_spec;
extern const Spec _charta_project_spec;
extern const Spec _charta_signature_spec;
extern const Spec _charta_source_spec;
extern const Spec _charta_programme_spec;
extern const Spec _charta_funding_spec;
extern const Spec _charta_group_value_spec;
extern const Spec _charta_snapshot_spec;
extern const Spec _charta_snapshot_item_spec;
extern const Spec _charta_snapshot_action_spec;
extern const Spec _charta_snapshot_measure_spec;
extern const Spec _charta_round_spec;
extern const Spec _charta_comment_spec;
extern const Spec _charta_conflict_spec;
extern const Spec _charta_review_spec;
extern const Spec _charta_reviewer_spec;
extern const Spec _charta_review_assessment_spec;
extern const Spec _charta_review_session_spec;
extern const Spec _charta_review_document_spec;
extern const Spec _charta_feedback_section_spec;
extern const Spec _charta_presentation_spec;

extern const char * const _charta_competence_values[];
extern const char * const _charta_funding_values[];
extern const char * const _charta_meeting_values[];
extern const char * const _charta_review_kind_values[];
extern const char * const _charta_review_role_values[];
extern const char * const _charta_review_basis_values[];
extern const char * const _charta_session_kind_values[];

/* charta-project.c */
gpointer   _charta_object_new (const Spec *spec);
void       _charta_object_free (const Spec *spec, gpointer object);
/* The field of @spec named @key, or NULL for a member the loader keeps as unknown (a
 * map's KEY field inside its object too). */
const Field *_charta_spec_find_field (const Spec *spec, const char *key);
GPtrArray *_charta_string_list_new (void);

/* charta-project-load.c: a loader collects every problem of a file. */
typedef struct _Path Path;
struct _Path {
  const Path *parent;
  const char *key;   /* or NULL for an index */
  guint index;
};

typedef struct {
  const char *file;
  ChartaCatalogue *catalogue;
  GString *messages;
  guint n_problems;
  GHashTable *ids;          /* every id defined in the project, → kind */
  int version;              /* of the file */
  gboolean keep;            /* the tree stays whole: values are copied out of it */
} Loader;

#define MAX_REPORTED 100

G_GNUC_PRINTF (4, 5)
void       _charta_problem (Loader           *l,
                            const ChartaNode *at,
                            const Path       *path,
                            const char       *format,
                            ...);

/* charta-project-check.c: the checks across the project, once every field is read. */
void       _charta_project_check (Loader             *l,
                                  const ChartaProject *project,
                                  const ChartaNode    *root);

G_END_DECLS
