/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-overview-page"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-overview-page.h"
#include "charta-summary.h"
#include "charta-ui-utils.h"

/* The overview: per Charter role and DIVE area how many items are assessed and their mean
 * level, as two named bars; actions by status,
 * overdue actions. Each bar is a GtkLevelBar (drawn, with its value exposed to screen
 * readers) beside the same figure as text. Rebuilt, at most once per main-loop turn,
 * when the document changes. */

struct _ChartaOverviewPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *city_label;
  GtkWidget *period_label;
  GtkWidget *roles_list;
  GtkWidget *areas_group;
  GtkWidget *areas_list;
  GtkWidget *status_list;
  GtkWidget *overdue_group;
  GtkWidget *overdue_list;

  ChartaDocument *document;
  guint refresh_id;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaOverviewPage, charta_overview_page, GTK_TYPE_WIDGET)

/* One of a row's two figures: a caption over a bar, the bar named and valued for screen
 * readers by the same words. */
static GtkWidget *
figure_new (const char *name, const char *caption, double value, double max)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (caption);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (max, 1));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), value);
  /* Coverage and level are figures, not goals: no "full" colour at the top. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_name (bar, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, caption, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

/* A role or area: how many of its items are assessed (coverage) and the mean level of
 * those (level), side by side and named, so that 2 of 21 assessed at a high level does
 * not read as a project nearly done. */
static GtkWidget *
progress_row (const ChartaProgress *p)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *figures = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *title = gtk_label_new (charta_item_get_title (p->item));
  double mean = charta_progress_get_mean (p);
  guint open = charta_progress_get_open_actions (p);
  g_autofree char *actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open action", "%u open actions", open), open);
  GtkWidget *sub = gtk_label_new (actions);
  g_autofree char *percent = mean < 0 ? NULL : charta_format_percent (mean);
  /* Translators: how many of a role's or area's items have a level, e.g. "Assessed: 2 of 21" */
  g_autofree char *coverage = g_strdup_printf (_("Assessed: %u of %u"), p->n_assessed, p->n_assessable);
  /* Translators: the mean level of the assessed items, e.g. "Level: 60% of the scale" */
  g_autofree char *level = mean < 0 ? g_strdup_printf (_("Level: %s"), charta_format_not_assessed ())
                                    : g_strdup_printf (_("Level: %s of the scale"), percent);

  /* The row opens the role's or area's page. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-item");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", charta_item_get_id (p->item));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_set_homogeneous (GTK_BOX (figures), TRUE);
  gtk_box_append (GTK_BOX (figures), figure_new (_("Items assessed"), coverage, p->n_assessed, p->n_assessable));
  gtk_box_append (GTK_BOX (figures), figure_new (_("Level"), level, MAX (mean, 0), 1));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_box_append (GTK_BOX (box), figures);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, charta_item_get_title (p->item), -1);
  return row;
}

static void
clear (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static GtkWidget *
status_row (const ChartaSummary *s, int status, guint total)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (total, 1));
  g_autofree char *count = g_strdup_printf ("%u", s->actions[status]);

  charta_row_set_title (row, charta_status_get_label (status));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), s->actions[status]);
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, charta_status_get_label (status),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, count, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  /* The row opens the action plan. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-actions");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static GtkWidget *
overdue_row (const ChartaAction *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *due = charta_format_date (a->due);
  g_autofree char *sub = g_strdup_printf (_("%s · due %s"), charta_status_get_label (a->status), due);

  charta_row_set_title (row, a->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
  /* The row opens the action in its editor. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-action");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", a->id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
show_header (ChartaOverviewPage *self, const ChartaProject *project)
{
  g_autofree char *start = charta_format_date (project->period->start);
  g_autofree char *end = charta_format_date (project->period->end);
  /* Translators: the project's period, e.g. "2018-01-01 to 2018-12-31" */
  g_autofree char *period = g_strdup_printf (_("%s to %s"), start, end);

  gtk_label_set_text (GTK_LABEL (self->city_label), project->city->name);
  gtk_label_set_text (GTK_LABEL (self->period_label), project->title ? project->title : period);
}

static void
rebuild (ChartaOverviewPage *self)
{
  g_autoptr(ChartaSummary) s = NULL;
  guint total = 0;

  clear (self->roles_list);
  clear (self->areas_list);
  clear (self->status_list);
  clear (self->overdue_list);
  gtk_widget_set_visible (self->scroller, self->document != NULL);
  if (self->document == NULL)
    return;
  show_header (self, charta_document_get_project (self->document));
  s = charta_summary_new (charta_document_get_project (self->document), NULL);
  for (guint i = 0; i < s->roles->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->roles_list), progress_row (&g_array_index (s->roles, ChartaProgress, i)));
  for (guint i = 0; i < s->areas->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->areas_list), progress_row (&g_array_index (s->areas, ChartaProgress, i)));
  gtk_widget_set_visible (self->areas_group, s->areas->len > 0);
  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    total += s->actions[st];
  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    gtk_list_box_append (GTK_LIST_BOX (self->status_list), status_row (s, st, total));
  gtk_widget_set_visible (self->overdue_group, s->overdue->len > 0);
  if (s->overdue->len > 0)
    {
      g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Overdue Action", "%u Overdue Actions",
                                                         s->overdue->len), s->overdue->len);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->overdue_group), t);
    }
  for (guint i = 0; i < s->overdue->len && i < 50; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->overdue_list), overdue_row (g_ptr_array_index (s->overdue, i)));
}

static gboolean
refresh_idle (gpointer data)
{
  ChartaOverviewPage *self = data;
  self->refresh_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ChartaOverviewPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
charta_overview_page_dispose (GObject *object)
{
  ChartaOverviewPage *self = CHARTA_OVERVIEW_PAGE (object);

  charta_overview_page_set_document (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (charta_overview_page_parent_class)->dispose (object);
}

static void
charta_overview_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaOverviewPage *self = CHARTA_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_overview_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaOverviewPage *self = CHARTA_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_overview_page_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_overview_page_class_init (ChartaOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_overview_page_dispose;
  object_class->get_property = charta_overview_page_get_property;
  object_class->set_property = charta_overview_page_set_property;
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, city_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, roles_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, areas_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, areas_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaOverviewPage, overdue_list);
}

static void
charta_overview_page_init (ChartaOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->scroller, FALSE);
  charta_list_make_one_tab_stop (self->roles_list);
  charta_list_make_one_tab_stop (self->areas_list);
  charta_list_make_one_tab_stop (self->status_list);
  charta_list_make_one_tab_stop (self->overdue_list);
}

GtkWidget *
charta_overview_page_new (void)
{
  return g_object_new (CHARTA_TYPE_OVERVIEW_PAGE, NULL);
}

ChartaDocument *
charta_overview_page_get_document (ChartaOverviewPage *self)
{
  g_return_val_if_fail (CHARTA_IS_OVERVIEW_PAGE (self), NULL);
  return self->document;
}

void
charta_overview_page_set_document (ChartaOverviewPage *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_OVERVIEW_PAGE (self));

  if (self->document == document)
    return;
  if (self->document)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
    }
  if (document)
    {
      self->document = g_object_ref (document);
      g_signal_connect_swapped (document, "assessment-changed", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (document, "collection-changed", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (document, "header-changed", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (document, "reloaded", G_CALLBACK (queue_refresh), self);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}
