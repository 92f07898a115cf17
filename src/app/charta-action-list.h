/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* One action of a document, as a list item. An object stands for the action as it is
 * now: when the action is replaced, the list replaces the object too. */
#define CHARTA_TYPE_ACTION_OBJECT (charta_action_object_get_type ())
G_DECLARE_FINAL_TYPE (ChartaActionObject, charta_action_object, CHARTA, ACTION_OBJECT, GObject)

const ChartaAction *charta_action_object_get_action (ChartaActionObject *self);

/* The document's actions as a GListModel of ChartaActionObject, kept in step with edits. */
#define CHARTA_TYPE_ACTION_LIST (charta_action_list_get_type ())
G_DECLARE_FINAL_TYPE (ChartaActionList, charta_action_list, CHARTA, ACTION_LIST, GObject)

ChartaActionList *charta_action_list_new (void);
void              charta_action_list_set_document (ChartaActionList *self,
                                                   ChartaDocument   *document);
/* Tells the views that the action at @position (-1: none) is to be shown again, as it is. */
void              charta_action_list_refresh (ChartaActionList *self,
                                              int               position);

G_END_DECLS
