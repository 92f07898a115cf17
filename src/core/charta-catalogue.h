/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-catalogue.h: the framework catalogue (Charter, DIVE, IncluCities, the agency's
 * support model), loaded from JSON data in the GResource. Texts are English in the data
 * and translated through gettext when read. */
#pragma once

#include <glib.h>

#include "charta-json.h"

G_BEGIN_DECLS

typedef struct _ChartaCatalogue ChartaCatalogue;
typedef struct _ChartaFramework ChartaFramework;
typedef struct _ChartaItem ChartaItem;

typedef struct {
  int value;
  char *title;
  char *description;
} ChartaLevel;

#define CHARTA_CATALOGUE_ERROR (charta_catalogue_error_quark ())
GQuark charta_catalogue_error_quark (void);

/* The catalogue built into Charta. Loaded once; never NULL (a broken catalogue is a
 * build defect and aborts with a message). */
ChartaCatalogue        *charta_catalogue_get_default (void);

/* Loads a catalogue from a resource folder holding index.json; for tests and tools. */
ChartaCatalogue        *charta_catalogue_new_from_resource (const char *path,
                                                            GError    **error);
void                    charta_catalogue_free (ChartaCatalogue *self);

guint                   charta_catalogue_get_n_frameworks (ChartaCatalogue *self);
const ChartaFramework  *charta_catalogue_get_framework (ChartaCatalogue *self,
                                                        guint            index);
const ChartaFramework  *charta_catalogue_find_framework (ChartaCatalogue *self,
                                                         const char      *id);
const ChartaItem       *charta_catalogue_lookup (ChartaCatalogue *self,
                                                 const char      *id);
guint                   charta_catalogue_get_n_items (ChartaCatalogue *self);

const char             *charta_framework_get_id (const ChartaFramework *framework);
const char             *charta_framework_get_title (const ChartaFramework *framework);
const char             *charta_framework_get_description (const ChartaFramework *framework);
const char             *charta_framework_get_publisher (const ChartaFramework *framework);
int                     charta_framework_get_year (const ChartaFramework *framework);
guint                   charta_framework_get_n_items (const ChartaFramework *framework);
const ChartaItem       *charta_framework_get_item (const ChartaFramework *framework,
                                                   guint                  index);
guint                   charta_framework_get_n_levels (const ChartaFramework *framework);
const ChartaLevel      *charta_framework_get_level (const ChartaFramework *framework,
                                                    guint                  index);
const ChartaLevel      *charta_framework_find_level (const ChartaFramework *framework,
                                                     int                    value);
/* Translated title and description of a level. */
const char             *charta_level_get_title (const ChartaLevel *level);
const char             *charta_level_get_description (const ChartaLevel *level);
guint                   charta_framework_count_kind (const ChartaFramework *framework,
                                                     const char            *kind);

const char             *charta_item_get_id (const ChartaItem *item);
const char             *charta_item_get_kind (const ChartaItem *item);
const ChartaItem       *charta_item_get_parent (const ChartaItem *item);
const ChartaFramework  *charta_item_get_framework (const ChartaItem *item);
/* Catalogue order, for sorting. */
guint                   charta_item_get_position (const ChartaItem *item);
/* Translated texts; NULL when the item has none. */
const char             *charta_item_get_title (const ChartaItem *item);
const char             *charta_item_get_description (const ChartaItem *item);
const char             *charta_item_get_situation (const ChartaItem *item);
const char             *charta_item_get_city (const ChartaItem *item);
const char             *charta_item_get_summary (const ChartaItem *item);
/* A DIVE glossary term's sources (translated; NULL when none) and the criteria that make
 * something fall under it (translated; e.g. the three of “person with a migrant
 * background”). */
const char             *charta_item_get_source (const ChartaItem *item);
guint                   charta_item_get_n_criteria (const ChartaItem *item);
const char             *charta_item_get_criterion (const ChartaItem *item,
                                                   guint             index);
/* The English source texts (for the JSON catalogue export and the translation template). */
const char             *charta_item_get_text_untranslated (const ChartaItem *item,
                                                           const char       *key);
/* Charter ids this DIVE item serves; NULL-terminated, never NULL. The rule that decides
 * them is in docs/catalogue-format.md. */
const char * const     *charta_item_get_serves (const ChartaItem *item);
/* Ids of the DIVE indicators a DIVE area's findings assess; NULL-terminated, never NULL. */
const char * const     *charta_item_get_indicators (const ChartaItem *item);
/* Ids of the key problems a recommendation answers, its parent first; NULL-terminated,
 * never NULL (empty for other kinds). */
const char * const     *charta_item_get_answers (const ChartaItem *item);
/* The DIVE policy area a DIVE area belongs to (housing, education, …), or NULL. */
const ChartaItem       *charta_item_get_policy_area (const ChartaItem *item);
/* A consultation rule: at least get_per_year() meetings a year whose kind is
 * get_meeting_kind() (a project consultation kind: "consultation", "evaluation", …), with
 * get_attendee() among those present when not NULL ("policy-lead"). 0 and NULL for other
 * kinds. A meeting may count towards several rules. */
guint                   charta_item_get_per_year (const ChartaItem *item);
const char             *charta_item_get_meeting_kind (const ChartaItem *item);
const char             *charta_item_get_attendee (const ChartaItem *item);
/* Whether a city assesses @item on its framework's scale (commitments, indicators, areas,
 * key factors, directing duties). */
gboolean                charta_item_is_assessable (const ChartaItem *item);
/* Every field of @item, texts translated, as the JSON object `charta-cli frameworks --json`
 * prints. */
ChartaNode             *charta_item_to_node (const ChartaItem *item);
guint                   charta_item_get_n_children (const ChartaItem *item);
const ChartaItem       *charta_item_get_child (const ChartaItem *item,
                                               guint             index);
/* Whether @item is, or is served by a DIVE item that serves, @charter_id. */
gboolean                charta_item_serves (const ChartaItem *item,
                                            const char       *charter_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaCatalogue, charta_catalogue_free)

G_END_DECLS
