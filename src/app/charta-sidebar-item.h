/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "charta-catalogue.h"

G_BEGIN_DECLS

typedef enum {
  CHARTA_PAGE_OVERVIEW,
  CHARTA_PAGE_ITEM,          /* a Charter role or commitment, a DIVE area, a key factor */
  CHARTA_PAGE_GROUP,         /* a heading row, e.g. the IncluCities key factors */
  CHARTA_PAGE_ACTIONS,
  CHARTA_PAGE_MEASURES,
  CHARTA_PAGE_CONSULTATIONS,
  CHARTA_PAGE_COMPARISON,    /* the city beside the network, from the hub */
  CHARTA_PAGE_PROJECT,       /* the city, the period, the frameworks, the programmes */
  CHARTA_PAGE_PEOPLE,
  CHARTA_PAGE_PARTNERS,
  CHARTA_PAGE_REVIEW,        /* one of the project's peer reviews or mentorings */
} ChartaPageKind;

#define CHARTA_TYPE_SIDEBAR_ITEM (charta_sidebar_item_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSidebarItem, charta_sidebar_item, CHARTA, SIDEBAR_ITEM, GObject)

ChartaSidebarItem *charta_sidebar_item_new (ChartaPageKind    kind,
                                            const ChartaItem *item,
                                            const char       *title,
                                            const char       *icon_name);
ChartaPageKind     charta_sidebar_item_get_kind (ChartaSidebarItem *self);
const ChartaItem  *charta_sidebar_item_get_item (ChartaSidebarItem *self);
const char        *charta_sidebar_item_get_title (ChartaSidebarItem *self);
const char        *charta_sidebar_item_get_subtitle (ChartaSidebarItem *self);
void               charta_sidebar_item_set_title (ChartaSidebarItem *self,
                                                  const char        *title);
void               charta_sidebar_item_set_subtitle (ChartaSidebarItem *self,
                                                     const char        *subtitle);
const char        *charta_sidebar_item_get_icon_name (ChartaSidebarItem *self);
/* The review a CHARTA_PAGE_REVIEW row opens. */
const char        *charta_sidebar_item_get_review_id (ChartaSidebarItem *self);
void               charta_sidebar_item_set_review_id (ChartaSidebarItem *self,
                                                      const char        *review_id);
/* Child rows (a GListStore of ChartaSidebarItem), or NULL. */
GListModel        *charta_sidebar_item_get_children (ChartaSidebarItem *self);
void               charta_sidebar_item_add_child (ChartaSidebarItem *self,
                                                  ChartaSidebarItem *child);

G_END_DECLS
