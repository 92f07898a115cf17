/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-overview-page"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-overview-page.h"
#include "charta-summary.h"
#include "charta-ui-utils.h"

/* The overview: progress per Charter role and DIVE area as bars, actions by status,
 * overdue actions. Each bar is a GtkLevelBar (drawn, with its value exposed to screen
 * readers) beside the same figure as text. Rebuilt, at most once per main-loop turn,
 * when the document changes. */

struct _ChartaOverviewPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;
  ChartaDocument *document;
  guint refresh_id;
};

G_DEFINE_FINAL_TYPE (ChartaOverviewPage, charta_overview_page, GTK_TYPE_WIDGET)

static char *
progress_text (const ChartaProgress *p)
{
  double mean = charta_progress_get_mean (p);
  guint open = charta_progress_get_open_actions (p);
  g_autofree char *actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open action", "%u open actions", open), open);

  if (mean < 0)
    /* Translators: %s is e.g. "3 open actions" */
    return g_strdup_printf (_("Not assessed yet · %s"), actions);
  {
    g_autofree char *percent = charta_format_percent (mean);
    /* Translators: e.g. "60% of the scale · 4 of 13 assessed · 3 open actions" */
    return g_strdup_printf (_("%s of the scale · %u of %u assessed · %s"),
                            percent, p->n_assessed, p->n_assessable, actions);
  }
}

static GtkWidget *
progress_row (const ChartaProgress *p)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  g_autofree char *text = progress_text (p);
  double mean = charta_progress_get_mean (p);

  charta_row_set_title (row, charta_item_get_title (p->item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MAX (mean, 0));
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, charta_item_get_title (p->item),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  return row;
}

static GtkWidget *
group (const char *title, const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description)
    charta_group_set_description (g, description);
  return g;
}

static void
rebuild (ChartaOverviewPage *self)
{
  const ChartaProject *project;
  g_autoptr(ChartaSummary) s = NULL;
  GtkWidget *child, *g, *title;
  g_autofree char *period = NULL;
  guint total = 0;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (self->document == NULL)
    return;
  project = charta_document_get_project (self->document);
  s = charta_summary_new (project, NULL);

  title = gtk_label_new (project->city->name);
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (self->box), title);
  /* Translators: the project's period, e.g. "2018-01-01 to 2018-12-31" */
  {
    g_autofree char *start = charta_format_date (project->period->start);
    g_autofree char *end = charta_format_date (project->period->end);
    period = g_strdup_printf (_("%s to %s"), start, end);
  }
  child = gtk_label_new (project->title ? project->title : period);
  gtk_label_set_xalign (GTK_LABEL (child), 0);
  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_widget_add_css_class (child, "dim-label");
  gtk_box_append (GTK_BOX (self->box), child);

  g = group (_("Charter Roles"), _("Mean level reached by each role's commitments and the DIVE items that serve it"));
  for (guint i = 0; i < s->roles->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), progress_row (&g_array_index (s->roles, ChartaProgress, i)));
  gtk_box_append (GTK_BOX (self->box), g);

  if (s->areas->len > 0)
    {
      g = group (_("DIVE Areas"), NULL);
      for (guint i = 0; i < s->areas->len; i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), progress_row (&g_array_index (s->areas, ChartaProgress, i)));
      gtk_box_append (GTK_BOX (self->box), g);
    }

  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    total += s->actions[st];
  g = group (_("Actions by Status"), NULL);
  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (total, 1));
      g_autofree char *count = g_strdup_printf ("%u", s->actions[st]);
      charta_row_set_title (row, charta_status_get_label (st));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), s->actions[st]);
      gtk_widget_set_size_request (bar, 80, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, charta_status_get_label (st),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, count, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  gtk_box_append (GTK_BOX (self->box), g);

  if (s->overdue->len > 0)
    {
      g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Overdue Action", "%u Overdue Actions",
                                                         s->overdue->len), s->overdue->len);
      g = group (t, NULL);
      for (guint i = 0; i < s->overdue->len && i < 50; i++)
        {
          ChartaAction *a = g_ptr_array_index (s->overdue, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *due = charta_format_date (a->due);
          g_autofree char *sub = g_strdup_printf (_("%s · due %s"), charta_status_get_label (a->status), due);
          charta_row_set_title (row, a->title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
        }
      gtk_box_append (GTK_BOX (self->box), g);
    }
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
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (charta_overview_page_parent_class)->dispose (object);
}

static void
charta_overview_page_class_init (ChartaOverviewPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = charta_overview_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
charta_overview_page_init (ChartaOverviewPage *self)
{
  self->scroller = charta_page_scroller_new (&self->box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
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
}
