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
};

G_DEFINE_FINAL_TYPE (ChartaMeasureGroup, charta_measure_group, ADW_TYPE_PREFERENCES_GROUP)

static const char * const direction_labels[] = { N_("Increase"), N_("Decrease"), N_("Maintain") };

static void
show_value (GtkWidget *row, const ChartaDatedValue *v, const char *unit)
{
  g_autofree char *value = v ? g_strdup_printf ("%g", v->value) : NULL;   /* the locale's decimal mark */
  g_autofree char *date = v ? charta_format_date (v->date) : NULL;
  /* Translators: a value with its unit and date, e.g. "42 % on 2018-12-31" */
  g_autofree char *text = v ? g_strdup_printf (_("%s %s on %s"), value, unit, date) : g_strdup (_("Not set"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
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
}

static void
charta_measure_group_init (ChartaMeasureGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_measure_group_new (const ChartaMeasure *m)
{
  ChartaMeasureGroup *self = g_object_new (CHARTA_TYPE_MEASURE_GROUP, NULL);
  /* Translators: a measure's unit and direction, e.g. "percent · Increase" */
  g_autofree char *description = g_strdup_printf (_("%s · %s"), m->unit, _(direction_labels[m->direction]));
  /* Translators: the accessible name of an edit button; %s is a measure or meeting */
  g_autofree char *name = g_strdup_printf (_("Edit “%s”"), m->title);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), m->title);
  charta_group_set_description (self, description);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", m->id);
  gtk_widget_set_tooltip_text (self->edit_button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  charta_measure_chart_set_measure (CHARTA_MEASURE_CHART (self->chart), m);
  show_value (self->baseline_row, m->baseline, m->unit);
  show_value (self->target_row, m->target, m->unit);
  show_value (self->latest_row, m->actuals && m->actuals->len ? g_ptr_array_index (m->actuals, m->actuals->len - 1) : NULL,
              m->unit);
  return GTK_WIDGET (self);
}
