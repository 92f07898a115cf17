/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-measure-group"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-measure-chart.h"
#include "charta-measure-group.h"
#include "charta-ui-utils.h"

struct _ChartaMeasureGroup {
  AdwPreferencesGroup parent_instance;

  GtkWidget *edit_button;
  GtkWidget *chart;
  GtkWidget *baseline_row;
  GtkWidget *target_row;
  GtkWidget *latest_row;
  GtkWidget *groups_row;
  GtkWidget *computed_row;
  GtkWidget *values_row;
};

G_DEFINE_FINAL_TYPE (ChartaMeasureGroup, charta_measure_group, ADW_TYPE_PREFERENCES_GROUP)

static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const ChartaDatedValue *va = *(ChartaDatedValue * const *) a, *vb = *(ChartaDatedValue * const *) b;

  return -g_strcmp0 (va->date, vb->date);
}

static const char * const direction_labels[] = { N_("Increase"), N_("Decrease"), N_("Maintain") };

static void
show_value (GtkWidget *row, const ChartaDatedValue *v, const char *unit)
{
  g_autofree char *value = v ? charta_format_value (v->value, unit) : NULL;
  g_autofree char *date = v ? charta_format_date (v->date) : NULL;
  /* Translators: a value with its unit and date, e.g. "42 % on 2018-12-31" */
  g_autofree char *text = v ? g_strdup_printf (_("%s on %s"), value, date) : g_strdup (_("Not set"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

/* "Belgian origin: 12 % · non-EU origin: 5 %", or NULL for a value without a breakdown. */
static char *
describe_groups (const ChartaDatedValue *v, const char *unit)
{
  GString *text;

  if (v == NULL || v->by_group == NULL || v->by_group->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < v->by_group->len; i++)
    {
      const ChartaGroupValue *gv = g_ptr_array_index (v->by_group, i);
      g_autofree char *value = charta_format_value (gv->value, unit);
      if (i > 0)
        g_string_append (text, " · ");
      /* Translators: a group's value in a measure's breakdown, e.g. "non-EU origin: 5 %" */
      g_string_append_printf (text, _("%s: %s"), gv->group, value);
    }
  return g_string_free (text, FALSE);
}

static const ChartaGroupValue *
find_group (const ChartaDatedValue *v, const char *group)
{
  for (guint i = 0; v && v->by_group && i < v->by_group->len; i++)
    if (g_strcmp0 (((ChartaGroupValue *) g_ptr_array_index (v->by_group, i))->group, group) == 0)
      return g_ptr_array_index (v->by_group, i);
  return NULL;
}

/* The latest value of each group (format version 2), in the measure's order of groups. */
static void
fill_groups (ChartaMeasureGroup *self, const ChartaMeasure *m, const ChartaDatedValue *latest)
{
  /* Translators: the title of a measure's breakdown when it has no name of its own */
  const char *title = m->breakdown ? m->breakdown : _("By Group");

  if (m->groups == NULL || m->groups->len == 0)
    return;
  charta_row_set_title (self->groups_row, title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->groups_row),
                                 latest && latest->by_group ? _("Latest value per group") : _("No value per group yet"));
  for (guint i = 0; i < m->groups->len; i++)
    {
      const char *group = g_ptr_array_index (m->groups, i);
      const ChartaGroupValue *gv = find_group (latest, group);
      g_autofree char *value = gv ? charta_format_value (gv->value, m->unit) : g_strdup ("—");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (value);

      charta_row_set_title (row, group);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->groups_row), row);
    }
  gtk_widget_set_visible (self->groups_row, TRUE);
}

/* Where a computed measure's figures come from: it is read-only. */
static void
show_computed (ChartaMeasureGroup *self, const ChartaMeasure *m)
{
  const char *from;

  if (m->computed == CHARTA_COMPUTED_CONSULTATIONS_HELD)
    from = _("The consultations held (meetings of kind Consultation on the Consultations page), counted from the start of the plan’s period; nothing to enter");
  else if (m->computed == CHARTA_COMPUTED_MEETINGS_HELD)
    from = _("Every meeting on the Consultations page, counted from the start of the plan’s period; nothing to enter");
  else
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->computed_row), from);
  gtk_widget_set_visible (self->computed_row, TRUE);
}

/* The chart's figures as rows, newest first: the table a keyboard or screen reader uses. */
static void
fill_values (ChartaMeasureGroup *self, const ChartaMeasure *m, GPtrArray *values)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < values->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (values, i));
  g_ptr_array_sort (sorted, compare_newest_first);
  for (guint i = 0; i < sorted->len; i++)
    {
      const ChartaDatedValue *v = g_ptr_array_index (sorted, i);
      g_autofree char *date = charta_format_date (v->date);
      g_autofree char *value = charta_format_value (v->value, m->unit);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (value);

      charta_row_set_title (row, date);
      {
        g_autofree char *groups = describe_groups (v, m->unit);
        if (groups)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), groups);
      }
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->values_row), row);
    }
  {
    g_autofree char *subtitle = sorted->len == 0
      ? g_strdup (m->computed >= 0 ? _("Nothing counted yet") : _("No values entered yet"))
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value", "%u values", sorted->len), sorted->len);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->values_row), subtitle);
    gtk_widget_set_sensitive (self->values_row, sorted->len > 0);
  }
}

static void
charta_measure_group_class_init (ChartaMeasureGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CHARTA_TYPE_MEASURE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-measure-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, edit_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, chart);
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, target_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, latest_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, groups_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, computed_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaMeasureGroup, values_row);
}

static void
charta_measure_group_init (ChartaMeasureGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_measure_group_new (const ChartaMeasure *m, const ChartaProject *project)
{
  ChartaMeasureGroup *self = g_object_new (CHARTA_TYPE_MEASURE_GROUP, NULL);
  g_autoptr(GPtrArray) values = charta_measure_get_values (m, project);
  g_autoptr(ChartaDatedValue) latest = charta_measure_get_latest (m, project, NULL);
  /* Translators: a measure's unit and direction, e.g. "percent · Increase" */
  g_autofree char *description = g_strdup_printf (_("%s · %s"), m->unit, _(direction_labels[m->direction]));
  /* Translators: the accessible name of an edit button; %s is a measure or meeting */
  g_autofree char *name = g_strdup_printf (_("Edit “%s”"), m->title);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), m->title);
  charta_group_wrap_title (ADW_PREFERENCES_GROUP (self));
  charta_group_set_description (self, description);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", m->id);
  gtk_widget_set_tooltip_text (self->edit_button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  charta_measure_chart_set_measure (CHARTA_MEASURE_CHART (self->chart), m, values);
  fill_values (self, m, values);
  show_value (self->baseline_row, m->baseline, m->unit);
  show_value (self->target_row, m->target, m->unit);
  show_value (self->latest_row, latest, m->unit);
  fill_groups (self, m, latest);
  show_computed (self, m);
  return GTK_WIDGET (self);
}
