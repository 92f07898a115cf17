/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-action-list"
#include "config.h"

#include "charta-action-list.h"

struct _ChartaActionObject {
  GObject parent_instance;
  const ChartaAction *action;
};

G_DEFINE_FINAL_TYPE (ChartaActionObject, charta_action_object, G_TYPE_OBJECT)

static void charta_action_object_class_init (ChartaActionObjectClass *klass) { }
static void charta_action_object_init (ChartaActionObject *self) { }

static ChartaActionObject *
charta_action_object_new (const ChartaAction *action)
{
  ChartaActionObject *self = g_object_new (CHARTA_TYPE_ACTION_OBJECT, NULL);
  self->action = action;
  return self;
}

const ChartaAction *
charta_action_object_get_action (ChartaActionObject *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTION_OBJECT (self), NULL);
  return self->action;
}

struct _ChartaActionList {
  GObject parent_instance;
  ChartaDocument *document;
  GPtrArray *objects;
};

static GType
list_get_item_type (GListModel *model)
{
  return CHARTA_TYPE_ACTION_OBJECT;
}

static guint
list_get_n_items (GListModel *model)
{
  return CHARTA_ACTION_LIST (model)->objects->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  ChartaActionList *self = CHARTA_ACTION_LIST (model);
  if (position >= self->objects->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->objects, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ChartaActionList, charta_action_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
fill (ChartaActionList *self)
{
  guint removed = self->objects->len;
  guint n = self->document ? charta_document_get_n (self->document, CHARTA_COLLECTION_ACTIONS) : 0;

  g_ptr_array_set_size (self->objects, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->objects,
                     charta_action_object_new (charta_document_get (self->document, CHARTA_COLLECTION_ACTIONS, i)));
  if (removed || n)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n);
}

static void
on_collection_changed_cb (ChartaDocument *document, int collection, guint position, guint removed, guint added,
                          ChartaActionList *self)
{
  if (collection != CHARTA_COLLECTION_ACTIONS)
    return;
  g_ptr_array_remove_range (self->objects, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->objects, position + i,
                        charta_action_object_new (charta_document_get (document, CHARTA_COLLECTION_ACTIONS, position + i)));
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
charta_action_list_dispose (GObject *object)
{
  ChartaActionList *self = CHARTA_ACTION_LIST (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_action_list_parent_class)->dispose (object);
}

static void
charta_action_list_class_init (ChartaActionListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = charta_action_list_dispose;
}

static void
charta_action_list_init (ChartaActionList *self)
{
  self->objects = g_ptr_array_new_with_free_func (g_object_unref);
}

ChartaActionList *
charta_action_list_new (void)
{
  return g_object_new (CHARTA_TYPE_ACTION_LIST, NULL);
}

void
charta_action_list_set_document (ChartaActionList *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_ACTION_LIST (self));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect (document, "collection-changed", G_CALLBACK (on_collection_changed_cb), self);
      g_signal_connect_swapped (document, "reloaded", G_CALLBACK (fill), self);
    }
  fill (self);
}

void
charta_action_list_refresh (ChartaActionList *self, int position)
{
  g_return_if_fail (CHARTA_IS_ACTION_LIST (self));

  if (position < 0 || (guint) position >= self->objects->len)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}
