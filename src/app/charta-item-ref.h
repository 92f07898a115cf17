/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "charta-catalogue.h"

G_BEGIN_DECLS

/* A catalogue item as a list item: its "id" and "title" for list row templates to bind. */
#define CHARTA_TYPE_ITEM_REF (charta_item_ref_get_type ())
G_DECLARE_FINAL_TYPE (ChartaItemRef, charta_item_ref, CHARTA, ITEM_REF, GObject)

ChartaItemRef    *charta_item_ref_new       (const ChartaItem *item);
const ChartaItem *charta_item_ref_get_item  (ChartaItemRef *self);
const char       *charta_item_ref_get_id    (ChartaItemRef *self);
const char       *charta_item_ref_get_title (ChartaItemRef *self);

G_END_DECLS
