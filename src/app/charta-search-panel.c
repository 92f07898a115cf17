/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-search-panel"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-search-panel.h"

/* At most this many hits are listed: a query of one letter would list the project. */
#define MAX_HITS 200

/* ---- ChartaSearchHit ---- */

struct _ChartaSearchHit {
  GObject parent_instance;
  ChartaHit *hit;
};

enum {
  HIT_PROP_0,
  HIT_PROP_TITLE,
  HIT_PROP_SNIPPET,
  HIT_N_PROPS
};

static GParamSpec *hit_properties[HIT_N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaSearchHit, charta_search_hit, G_TYPE_OBJECT)

static void
charta_search_hit_finalize (GObject *object)
{
  g_clear_pointer (&CHARTA_SEARCH_HIT (object)->hit, charta_hit_free);
  G_OBJECT_CLASS (charta_search_hit_parent_class)->finalize (object);
}

static void
charta_search_hit_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaSearchHit *self = CHARTA_SEARCH_HIT (object);

  switch (prop_id)
    {
    case HIT_PROP_TITLE:
      g_value_set_string (value, self->hit->title);
      break;
    case HIT_PROP_SNIPPET:
      g_value_set_string (value, self->hit->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_search_hit_class_init (ChartaSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = charta_search_hit_finalize;
  object_class->get_property = charta_search_hit_get_property;
  /* A hit never changes: read-only, no notifications. */
  hit_properties[HIT_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  hit_properties[HIT_PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, HIT_N_PROPS, hit_properties);
}

static void
charta_search_hit_init (ChartaSearchHit *self)
{
}

/* Takes @hit. */
static ChartaSearchHit *
charta_search_hit_new (ChartaHit *hit)
{
  ChartaSearchHit *self = g_object_new (CHARTA_TYPE_SEARCH_HIT, NULL);
  self->hit = hit;
  return self;
}

const ChartaHit *
charta_search_hit_get_hit (ChartaSearchHit *self)
{
  g_return_val_if_fail (CHARTA_IS_SEARCH_HIT (self), NULL);
  return self->hit;
}

/* ---- ChartaSearchPanel ---- */

struct _ChartaSearchPanel {
  GtkWidget parent_instance;

  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack *results_stack;
  GtkListView *results_list;

  ChartaDocument *document;
  GListStore *results;
  gboolean searching;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SEARCH_MODE,
  PROP_SEARCHING,
  N_PROPS
};

enum {
  HIT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaSearchPanel, charta_search_panel, GTK_TYPE_WIDGET)

static void
set_searching (ChartaSearchPanel *self, gboolean searching)
{
  if (self->searching == searching)
    return;
  self->searching = searching;
  gtk_widget_set_visible (GTK_WIDGET (self->results_stack), searching);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
run_query (ChartaSearchPanel *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->document == NULL || query == NULL || *query == '\0')
    {
      g_list_store_remove_all (self->results);
      set_searching (self, FALSE);
      return;
    }
  hits = charta_search (charta_document_get_project (self->document), query, MAX_HITS);
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (objects, charta_search_hit_new (g_steal_pointer (&g_ptr_array_index (hits, i))));
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       objects->pdata, objects->len);
  gtk_stack_set_visible_child_name (self->results_stack, objects->len ? "results" : "no-results");
  set_searching (self, TRUE);
}

static void
on_search_changed_cb (ChartaSearchPanel *self)
{
  run_query (self);
}

/* Closing the bar forgets the query, and the tree comes back. */
static void
on_search_mode_cb (ChartaSearchPanel *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
on_hit_activate_cb (GtkListView *view, guint position, ChartaSearchPanel *self)
{
  g_autoptr(ChartaSearchHit) object = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (object != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, (int) object->hit->kind, object->hit->id);
}

/* Enter in the search opens the first hit. */
static void
on_search_activate_cb (ChartaSearchPanel *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    on_hit_activate_cb (NULL, 0, self);
}

static void
charta_search_panel_dispose (GObject *object)
{
  ChartaSearchPanel *self = CHARTA_SEARCH_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_SEARCH_PANEL);
  /* Only bound children go with the template: the top one is unparented here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->results);
  G_OBJECT_CLASS (charta_search_panel_parent_class)->dispose (object);
}

static void
charta_search_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaSearchPanel *self = CHARTA_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, charta_search_panel_get_search_mode (self));
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_search_panel_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaSearchPanel *self = CHARTA_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_search_panel_set_document (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      charta_search_panel_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_search_panel_class_init (ChartaSearchPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_search_panel_dispose;
  object_class->get_property = charta_search_panel_get_property;
  object_class->set_property = charta_search_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HIT_ACTIVATED] = g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  g_type_ensure (CHARTA_TYPE_SEARCH_HIT);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaSearchPanel, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChartaSearchPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChartaSearchPanel, results_stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaSearchPanel, results_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
}

static void
charta_search_panel_init (ChartaSearchPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->results = g_list_store_new (CHARTA_TYPE_SEARCH_HIT);
  gtk_list_view_set_model (self->results_list,
                           GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

GtkWidget *
charta_search_panel_new (void)
{
  return g_object_new (CHARTA_TYPE_SEARCH_PANEL, NULL);
}

ChartaDocument *
charta_search_panel_get_document (ChartaSearchPanel *self)
{
  g_return_val_if_fail (CHARTA_IS_SEARCH_PANEL (self), NULL);
  return self->document;
}

void
charta_search_panel_set_document (ChartaSearchPanel *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_SEARCH_PANEL (self));
  g_return_if_fail (document == NULL || CHARTA_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  run_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

gboolean
charta_search_panel_get_search_mode (ChartaSearchPanel *self)
{
  g_return_val_if_fail (CHARTA_IS_SEARCH_PANEL (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

/* The search bar notifies, and on_search_mode_cb passes it on. */
void
charta_search_panel_set_search_mode (ChartaSearchPanel *self, gboolean search_mode)
{
  g_return_if_fail (CHARTA_IS_SEARCH_PANEL (self));
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

gboolean
charta_search_panel_get_searching (ChartaSearchPanel *self)
{
  g_return_val_if_fail (CHARTA_IS_SEARCH_PANEL (self), FALSE);
  return self->searching;
}

void
charta_search_panel_focus (ChartaSearchPanel *self)
{
  g_return_if_fail (CHARTA_IS_SEARCH_PANEL (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
