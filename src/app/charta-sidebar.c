/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sidebar"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-format.h"
#include "charta-review.h"
#include "charta-sidebar.h"
#include "charta-summary.h"
#include "charta-ui-utils.h"

/* The rows are a tree:
 *
 *   GListStore of ChartaSidebarItem (Overview, the four roles, key factors, Action plan, …)
 *     → GtkTreeListModel (children: a role's commitments and the DIVE areas serving it)
 *       → GtkSingleSelection → GtkListView (rows from charta-sidebar-row.ui)
 *
 * Row subtitles carry each row's progress; they are computed at low priority after the
 * document changes, so a large project shows its window first. */

struct _ChartaSidebar {
  GtkWidget parent_instance;

  GtkListView *list_view;

  ChartaDocument *document;
  GSignalGroup *document_signals;
  char *hub_endpoint;
  GListStore *root;
  GtkTreeListModel *tree;
  GtkSingleSelection *selection;
  guint refresh_id;
  guint shape;            /* the frameworks the tree was built for (rows_shape()) */
  gboolean syncing;       /* the review rows change: the selection follows, no page opens */
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_HUB_ENDPOINT,
  PROP_SELECTED,
  N_PROPS
};

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaSidebar, charta_sidebar, GTK_TYPE_WIDGET)

/* ---- building the rows ---- */

static GListModel *
create_children_cb (gpointer item, gpointer data)
{
  GListModel *children = charta_sidebar_item_get_children (CHARTA_SIDEBAR_ITEM (item));
  return children ? g_object_ref (children) : NULL;
}

static ChartaSidebarItem *
add_root (GPtrArray *rows, ChartaPageKind kind, const ChartaItem *item, const char *title)
{
  ChartaSidebarItem *row = charta_sidebar_item_new (kind, item, title, NULL);
  g_ptr_array_add (rows, row);
  return row;
}

static void
add_child (ChartaSidebarItem *row, const ChartaItem *item)
{
  g_autoptr(ChartaSidebarItem) child = charta_sidebar_item_new (CHARTA_PAGE_ITEM, item, NULL, NULL);
  charta_sidebar_item_add_child (row, child);
}

/* A role's commitments, then the DIVE areas serving it: an area serving two roles is
 * listed under both, and both rows open the same page. */
static void
add_role (GPtrArray *rows, const ChartaItem *role, const ChartaFramework *dive)
{
  ChartaSidebarItem *row = add_root (rows, CHARTA_PAGE_ITEM, role, NULL);

  for (guint c = 0; c < charta_item_get_n_children (role); c++)
    add_child (row, charta_item_get_child (role, c));
  for (guint a = 0; dive && a < charta_framework_get_n_items (dive); a++)
    {
      const ChartaItem *area = charta_framework_get_item (dive, a);
      if (strcmp (charta_item_get_kind (area), "area") == 0 && charta_item_serves (area, charta_item_get_id (role)))
        add_child (row, area);
    }
}

static void
add_key_factors (GPtrArray *rows, const ChartaFramework *incl)
{
  ChartaSidebarItem *group = add_root (rows, CHARTA_PAGE_GROUP, NULL, _("IncluCities Key Factors"));

  for (guint i = 0; i < charta_framework_get_n_items (incl); i++)
    {
      const ChartaItem *kf = charta_framework_get_item (incl, i);
      if (strcmp (charta_item_get_kind (kf), "key-factor") == 0)
        add_child (group, kf);
    }
}

/* A row for each review, under the project's own pages. */
static void
add_review_rows (GPtrArray *rows, const ChartaProject *p)
{
  for (guint i = 0; p->reviews && i < p->reviews->len; i++)
    {
      const ChartaReview *r = g_ptr_array_index (p->reviews, i);
      ChartaSidebarItem *row = add_root (rows, CHARTA_PAGE_REVIEW, NULL, charta_review_get_name (r));
      charta_sidebar_item_set_review_id (row, r->id);
    }
}

/* The project's pages at the top: they stay in place when the tree below them changes. */
#define N_TOP_ROWS 7

/* What the tree below the top rows depends on: whether DIVE and IncluCities are used. */
static guint
rows_shape (const ChartaProject *p)
{
  return charta_project_uses_framework (p, "dive") | charta_project_uses_framework (p, "inclucities") << 1;
}

/* Rows go into the tree only once their children are in place: the tree list model asks
 * for a row's children when the row appears. */
static void
build_rows (ChartaSidebar *self)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaFramework *charter = charta_catalogue_find_framework (catalogue, "charter");
  const ChartaFramework *dive = charta_catalogue_find_framework (catalogue, "dive");
  const ChartaFramework *incl = charta_catalogue_find_framework (catalogue, "inclucities");
  const ChartaProject *p = charta_document_get_project (self->document);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->shape = rows_shape (p);
  if (!charta_project_uses_framework (p, "dive"))
    dive = NULL;
  /* The project's own pages first, above the framework tree's many rows. */
  add_root (rows, CHARTA_PAGE_OVERVIEW, NULL, _("Overview"));
  add_root (rows, CHARTA_PAGE_PROJECT, NULL, _("Project"));
  add_root (rows, CHARTA_PAGE_PEOPLE, NULL, _("People"));
  add_root (rows, CHARTA_PAGE_PARTNERS, NULL, _("Partners"));
  add_root (rows, CHARTA_PAGE_ACTIONS, NULL, _("Action Plan"));
  add_root (rows, CHARTA_PAGE_MEASURES, NULL, _("Measures"));
  add_root (rows, CHARTA_PAGE_CONSULTATIONS, NULL, _("Consultations"));
  add_review_rows (rows, p);
  for (guint i = 0; i < charta_framework_get_n_items (charter); i++)
    {
      const ChartaItem *role = charta_framework_get_item (charter, i);
      if (strcmp (charta_item_get_kind (role), "role") == 0)
        add_role (rows, role, dive);
    }
  if (incl && charta_project_uses_framework (p, "inclucities"))
    add_key_factors (rows, incl);
  add_root (rows, CHARTA_PAGE_COMPARISON, NULL, _("Network Comparison"));
  g_list_store_splice (self->root, 0, g_list_model_get_n_items (G_LIST_MODEL (self->root)),
                       rows->pdata, rows->len);
}

static void queue_refresh (ChartaSidebar *self);

/* The tree's position of the review row for @review_id, or GTK_INVALID_LIST_POSITION. */
static guint
find_review_row (ChartaSidebar *self, const char *review_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; review_id && i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (row);

      if (charta_sidebar_item_get_kind (item) == CHARTA_PAGE_REVIEW &&
          g_strcmp0 (charta_sidebar_item_get_review_id (item), review_id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The review rows follow the project's reviews at once: a review renamed keeps its row; a
 * review added or removed (an undo, a reload, a merge) puts the rows in again. The row
 * selected stays selected; when its review is gone, the project page is shown. */
static void
sync_review_rows (ChartaSidebar *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  guint n_reviews = p->reviews ? p->reviews->len : 0;
  guint n_rows = 0, n_root = g_list_model_get_n_items (G_LIST_MODEL (self->root));
  gboolean same = TRUE;
  ChartaSidebarItem *selected;
  g_autofree char *selected_review = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint position;

  for (guint i = N_TOP_ROWS; i < n_root; i++, n_rows++)
    {
      g_autoptr(ChartaSidebarItem) row = g_list_model_get_item (G_LIST_MODEL (self->root), i);
      if (charta_sidebar_item_get_kind (row) != CHARTA_PAGE_REVIEW)
        break;
      same &= n_rows < n_reviews &&
              g_strcmp0 (charta_sidebar_item_get_review_id (row),
                         ((ChartaReview *) g_ptr_array_index (p->reviews, n_rows))->id) == 0;
    }
  if (same && n_rows == n_reviews)
    {
      for (guint i = 0; i < n_rows; i++)
        {
          g_autoptr(ChartaSidebarItem) row = g_list_model_get_item (G_LIST_MODEL (self->root), N_TOP_ROWS + i);
          charta_sidebar_item_set_title (row, charta_review_get_name (g_ptr_array_index (p->reviews, i)));
        }
      return;
    }

  selected = charta_sidebar_get_selected (self);
  if (selected != NULL && charta_sidebar_item_get_kind (selected) == CHARTA_PAGE_REVIEW)
    selected_review = g_strdup (charta_sidebar_item_get_review_id (selected));
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  add_review_rows (rows, p);
  self->syncing = TRUE;
  g_list_store_splice (self->root, N_TOP_ROWS, n_rows, rows->pdata, rows->len);
  position = find_review_row (self, selected_review);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
  if (selected_review != NULL && position == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 1);
  queue_refresh (self);
}

/* ---- subtitles ---- */

static char *
item_subtitle (const ChartaProject *p, const ChartaItem *item, const ChartaSummary *s)
{
  const ChartaAssessment *a = charta_project_get_assessment (p, charta_item_get_id (item));
  guint open = charta_action_counts_get_open (charta_summary_get_counts (s, charta_item_get_id (item)));

  if (strcmp (charta_item_get_kind (item), "role") == 0)
    for (guint i = 0; i < s->roles->len; i++)
      {
        const ChartaProgress *pr = &g_array_index (s->roles, ChartaProgress, i);
        if (pr->item == item && pr->n_assessed > 0)
          /* Translators: sidebar progress of a role, e.g. "4/13 assessed · 2 open" */
          return g_strdup_printf (_("%u/%u assessed · %u open"), pr->n_assessed, pr->n_assessable, open);
      }
  if (a && a->level != CHARTA_UNSET)
    {
      const ChartaLevel *level = charta_framework_find_level (charta_item_get_framework (item), a->level);
      /* Translators: sidebar progress, e.g. "Developing · 2 open" */
      return g_strdup_printf (_("%s · %u open"), level ? charta_level_get_title (level) : "?", open);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not assessed · %u open", "Not assessed · %u open", open), open);
}

static char *
actions_subtitle (const ChartaSummary *s)
{
  guint open = 0;

  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    if (st != CHARTA_STATUS_DONE && st != CHARTA_STATUS_CANCELLED)
      open += s->actions[st];
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open, %u overdue", "%u open, %u overdue", open),
                          open, s->overdue->len);
}

/* A review's kind and stage, e.g. "DIVE peer review · Four-day visit". */
static char *
review_subtitle (const ChartaProject *p, const char *review_id)
{
  const ChartaReview *r = charta_project_find_review (p, review_id);
  const ChartaItem *stage = r && r->stage ? charta_catalogue_lookup (charta_catalogue_get_default (), r->stage) : NULL;

  if (r == NULL)
    return NULL;
  return g_strdup_printf (_("%s · %s"), charta_review_kind_get_label (r->kind),
                          stage ? charta_item_get_title (stage) : _("No stage yet"));
}

static char *
row_subtitle (ChartaSidebar *self, ChartaSidebarItem *row, const ChartaSummary *s)
{
  const ChartaProject *p = charta_document_get_project (self->document);

  switch (charta_sidebar_item_get_kind (row))
    {
    case CHARTA_PAGE_ITEM:
      {
        const char *id = charta_item_get_id (charta_sidebar_item_get_item (row));
        guint n = charta_comments_count (p, id, TRUE);
        g_autofree char *progress = item_subtitle (p, charta_sidebar_item_get_item (row), s);
        if (n == 0)
          return g_steal_pointer (&progress);
        /* Translators: a sidebar row's progress and its open comments, e.g. "Developing · 2 open · 3 comments" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u comment", "%s · %u comments", n), progress, n);
      }
    case CHARTA_PAGE_ACTIONS:
      return actions_subtitle (s);
    case CHARTA_PAGE_MEASURES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u measure", "%u measures", p->measures->len),
                              p->measures->len);
    case CHARTA_PAGE_CONSULTATIONS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting", "%u meetings", p->consultations->len),
                              p->consultations->len);
    case CHARTA_PAGE_OVERVIEW:
      return g_strdup (p->city->name);
    case CHARTA_PAGE_PROJECT:
      {
        g_autofree char *start = charta_format_date (p->period->start);
        g_autofree char *end = charta_format_date (p->period->end);
        /* Translators: the project row's subtitle, the plan period, e.g. "2024-01-01 – 2026-12-31" */
        return g_strdup_printf (_("%s – %s"), start, end);
      }
    case CHARTA_PAGE_PEOPLE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", p->people->len), p->people->len);
    case CHARTA_PAGE_PARTNERS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u partner", "%u partners", p->partners->len),
                              p->partners->len);
    case CHARTA_PAGE_COMPARISON:
      return g_strdup (self->hub_endpoint ? self->hub_endpoint : _("No hub set"));
    case CHARTA_PAGE_REVIEW:
      return review_subtitle (p, charta_sidebar_item_get_review_id (row));
    case CHARTA_PAGE_GROUP:
    default:
      return NULL;
    }
}

static void
refresh_rows (ChartaSidebar *self, GListModel *rows, const ChartaSummary *s)
{
  for (guint i = 0; rows && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ChartaSidebarItem) row = g_list_model_get_item (rows, i);
      g_autofree char *subtitle = row_subtitle (self, row, s);

      charta_sidebar_item_set_subtitle (row, subtitle);
      refresh_rows (self, charta_sidebar_item_get_children (row), s);
    }
}

static gboolean
refresh_idle (gpointer data)
{
  ChartaSidebar *self = data;
  g_autoptr(ChartaSummary) s = NULL;

  self->refresh_id = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;
  s = charta_summary_new (charta_document_get_project (self->document), NULL);
  refresh_rows (self, G_LIST_MODEL (self->root), s);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ChartaSidebar *self)
{
  if (self->refresh_id == 0 && self->document != NULL)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

/* ---- callbacks ---- */

/* A framework switched on or off on the project page: the tree is built again, and the
 * row that was selected among the top ones stays selected. */
static void
on_header_changed_cb (ChartaSidebar *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (rows_shape (charta_document_get_project (self->document)) != self->shape)
    {
      build_rows (self);
      if (selected < N_TOP_ROWS)
        gtk_single_selection_set_selected (self->selection, selected);
    }
  queue_refresh (self);
}

static void
on_selected_cb (ChartaSidebar *self)
{
  ChartaSidebarItem *item = charta_sidebar_get_selected (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  if (item != NULL && self->document != NULL && !self->syncing)
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, item);
}

/* Activating a heading opens or closes it; any other row shows its page again (in a
 * narrow window, the sidebar and the page take turns). */
static void
on_activate_cb (GtkListView *view, guint position, ChartaSidebar *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(ChartaSidebarItem) item = NULL;

  if (row == NULL || self->document == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  if (charta_sidebar_item_get_kind (item) == CHARTA_PAGE_GROUP)
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, item);
}

/* ---- GObject ---- */

static void
charta_sidebar_dispose (GObject *object)
{
  ChartaSidebar *self = CHARTA_SIDEBAR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_SIDEBAR);
  /* Only bound children go with the template: the top one is unparented here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->selection);
  g_clear_object (&self->root);
  G_OBJECT_CLASS (charta_sidebar_parent_class)->dispose (object);
}

static void
charta_sidebar_finalize (GObject *object)
{
  g_free (CHARTA_SIDEBAR (object)->hub_endpoint);
  G_OBJECT_CLASS (charta_sidebar_parent_class)->finalize (object);
}

static void
charta_sidebar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaSidebar *self = CHARTA_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_HUB_ENDPOINT:
      g_value_set_string (value, self->hub_endpoint);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, charta_sidebar_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_sidebar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaSidebar *self = CHARTA_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_sidebar_set_document (self, g_value_get_object (value));
      break;
    case PROP_HUB_ENDPOINT:
      charta_sidebar_set_hub_endpoint (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---- rows' names ---- */

/* The box inside each row (charta-sidebar-row.ui), bound to the row's item: it names the
 * row for screen readers. The focus of a row is on its GtkTreeExpander, which GTK 4.8
 * names from nothing ("panel"): its name is the title, its description the progress, and
 * they follow the item. A type of its own, as a GtkBuilderListItemFactory's rows have no
 * struct to keep the item in. */
#define CHARTA_TYPE_SIDEBAR_ROW (charta_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSidebarRow, charta_sidebar_row, CHARTA, SIDEBAR_ROW, GtkBox)

struct _ChartaSidebarRow {
  GtkBox parent_instance;
  ChartaSidebarItem *item;
};

G_DEFINE_FINAL_TYPE (ChartaSidebarRow, charta_sidebar_row, GTK_TYPE_BOX)

static void
name_row (ChartaSidebarRow *self)
{
  GtkWidget *expander = gtk_widget_get_parent (GTK_WIDGET (self));

  if (expander != NULL && self->item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, charta_sidebar_item_get_title (self->item),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, charta_sidebar_item_get_subtitle (self->item),
                                    -1);
}

static void
charta_sidebar_row_set_item (ChartaSidebarRow *self, ChartaSidebarItem *item)
{
  if (self->item == item)
    return;
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, name_row, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify", G_CALLBACK (name_row), self, G_CONNECT_SWAPPED);
  name_row (self);
}

static void
charta_sidebar_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == 1)
    charta_sidebar_row_set_item (CHARTA_SIDEBAR_ROW (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
charta_sidebar_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == 1)
    g_value_set_object (value, CHARTA_SIDEBAR_ROW (object)->item);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
charta_sidebar_row_dispose (GObject *object)
{
  charta_sidebar_row_set_item (CHARTA_SIDEBAR_ROW (object), NULL);
  G_OBJECT_CLASS (charta_sidebar_row_parent_class)->dispose (object);
}

/* Named again when shown in a window: a row may get its item before its expander. */
static void
charta_sidebar_row_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (charta_sidebar_row_parent_class)->root (widget);
  name_row (CHARTA_SIDEBAR_ROW (widget));
}

static void
charta_sidebar_row_class_init (ChartaSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = charta_sidebar_row_set_property;
  object_class->get_property = charta_sidebar_row_get_property;
  object_class->dispose = charta_sidebar_row_dispose;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_object ("item", NULL, NULL, CHARTA_TYPE_SIDEBAR_ITEM,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                        G_PARAM_EXPLICIT_NOTIFY));
  GTK_WIDGET_CLASS (klass)->root = charta_sidebar_row_root;
}

static void
charta_sidebar_row_init (ChartaSidebarRow *self)
{
}

static void
charta_sidebar_class_init (ChartaSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_sidebar_dispose;
  object_class->finalize = charta_sidebar_finalize;
  object_class->get_property = charta_sidebar_get_property;
  object_class->set_property = charta_sidebar_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HUB_ENDPOINT] =
    g_param_spec_string ("hub-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, CHARTA_TYPE_SIDEBAR_ITEM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A row was chosen (selected, or activated again): show its page. */
  signals[ROW_ACTIVATED] = g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, CHARTA_TYPE_SIDEBAR_ITEM);

  /* The row template (charta-sidebar-row.ui) looks its items up by type. */
  g_type_ensure (CHARTA_TYPE_SIDEBAR_ITEM);
  g_type_ensure (CHARTA_TYPE_SIDEBAR_ROW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
}

static void
charta_sidebar_init (ChartaSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  charta_list_make_one_tab_stop (GTK_WIDGET (self->list_view));

  self->root = g_list_store_new (CHARTA_TYPE_SIDEBAR_ITEM);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root)), FALSE, TRUE,
                                        create_children_cb, NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->tree));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected_cb), self);

  /* Any change to the project may change a row's progress. */
  self->document_signals = g_signal_group_new (CHARTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "assessment-changed", G_CALLBACK (queue_refresh), self);
  g_signal_group_connect_swapped (self->document_signals, "collection-changed", G_CALLBACK (queue_refresh), self);
  g_signal_group_connect_swapped (self->document_signals, "header-changed", G_CALLBACK (on_header_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "reloaded", G_CALLBACK (queue_refresh), self);
  g_signal_group_connect_swapped (self->document_signals, "comments-changed", G_CALLBACK (queue_refresh), self);
  g_signal_group_connect_swapped (self->document_signals, "reviews-changed", G_CALLBACK (sync_review_rows), self);
  g_signal_group_connect_swapped (self->document_signals, "reloaded", G_CALLBACK (sync_review_rows), self);
}

/* ---- public API ---- */

GtkWidget *
charta_sidebar_new (void)
{
  return g_object_new (CHARTA_TYPE_SIDEBAR, NULL);
}

ChartaDocument *
charta_sidebar_get_document (ChartaSidebar *self)
{
  g_return_val_if_fail (CHARTA_IS_SIDEBAR (self), NULL);
  return self->document;
}

/* A new document gets new rows, the first (its overview) selected. */
void
charta_sidebar_set_document (ChartaSidebar *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_SIDEBAR (self));
  g_return_if_fail (document == NULL || CHARTA_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->document_signals, document);
  if (document != NULL)
    {
      build_rows (self);
      queue_refresh (self);
      gtk_single_selection_set_selected (self->selection, 0);
    }
  else
    g_list_store_remove_all (self->root);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

const char *
charta_sidebar_get_hub_endpoint (ChartaSidebar *self)
{
  g_return_val_if_fail (CHARTA_IS_SIDEBAR (self), NULL);
  return self->hub_endpoint;
}

void
charta_sidebar_set_hub_endpoint (ChartaSidebar *self, const char *endpoint)
{
  g_return_if_fail (CHARTA_IS_SIDEBAR (self));

  if (endpoint != NULL && *endpoint == '\0')
    endpoint = NULL;
  if (g_strcmp0 (self->hub_endpoint, endpoint) == 0)
    return;
  g_free (self->hub_endpoint);
  self->hub_endpoint = g_strdup (endpoint);
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HUB_ENDPOINT]);
}

ChartaSidebarItem *
charta_sidebar_get_selected (ChartaSidebar *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (CHARTA_IS_SIDEBAR (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  /* The tree holds the item: hand out a borrowed pointer. */
  {
    g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (row);
    return item;
  }
}

gboolean
charta_sidebar_select_item (ChartaSidebar *self, const char *item_id)
{
  guint n;

  g_return_val_if_fail (CHARTA_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (row);
      const ChartaItem *ci = charta_sidebar_item_get_item (item);

      if (ci && strcmp (charta_item_get_id (ci), item_id) == 0)
        {
          if (gtk_single_selection_get_selected (self->selection) == i)
            g_signal_emit (self, signals[ROW_ACTIVATED], 0, item);
          else
            gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Selects the row of the review with @review_id (and so shows its page); FALSE when the
 * sidebar has none. */
gboolean
charta_sidebar_select_review (ChartaSidebar *self, const char *review_id)
{
  guint position;

  g_return_val_if_fail (CHARTA_IS_SIDEBAR (self), FALSE);

  position = find_review_row (self, review_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  if (gtk_single_selection_get_selected (self->selection) == position)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
      g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (row);
      g_signal_emit (self, signals[ROW_ACTIVATED], 0, item);
    }
  else
    gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}
