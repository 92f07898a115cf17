/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-actual-row"
#include "config.h"

#include <math.h>

#include "charta-actual-row.h"
#include "charta-date-row.h"
#include "charta-ui-utils.h"

struct _ChartaActualRow {
  GtkListBoxRow parent_instance;

  GtkWidget *date_row;
  GtkWidget *value_row;
  ChartaDatedValue *original;   /* NULL for a new actual */
  gboolean valid;
};

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

enum {
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaActualRow, charta_actual_row, GTK_TYPE_LIST_BOX_ROW)

static void
on_field_changed_cb (ChartaActualRow *self)
{
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));
  gboolean number = charta_parse_number (value, NULL);
  gboolean valid = charta_date_row_get_valid (CHARTA_DATE_ROW (self->date_row)) && number;

  if (number)
    gtk_widget_remove_css_class (self->value_row, "error");
  else
    gtk_widget_add_css_class (self->value_row, "error");
  if (valid == self->valid)
    return;
  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
charta_actual_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaActualRow *self = CHARTA_ACTUAL_ROW (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_actual_row_finalize (GObject *object)
{
  g_clear_pointer (&CHARTA_ACTUAL_ROW (object)->original, charta_dated_value_free);
  G_OBJECT_CLASS (charta_actual_row_parent_class)->finalize (object);
}

static void
charta_actual_row_class_init (ChartaActualRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = charta_actual_row_finalize;
  object_class->get_property = charta_actual_row_get_property;
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CHARTA_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-actual-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaActualRow, date_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaActualRow, value_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_install_action (widget_class, "actual.remove", NULL, remove_action);
}

static void
charta_actual_row_init (ChartaActualRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_actual_row_new (const ChartaDatedValue *value, const char *date)
{
  ChartaActualRow *self = g_object_new (CHARTA_TYPE_ACTUAL_ROW, NULL);
  g_autofree char *text = charta_format_form_number (value ? value->value : NAN);

  self->original = value ? charta_dated_value_copy (value) : NULL;
  charta_date_row_set_date (CHARTA_DATE_ROW (self->date_row), value ? value->date : date);
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), text);
  on_field_changed_cb (self);
  return GTK_WIDGET (self);
}

gboolean
charta_actual_row_get_valid (ChartaActualRow *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTUAL_ROW (self), FALSE);
  return self->valid;
}

ChartaDatedValue *
charta_actual_row_dup_value (ChartaActualRow *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTUAL_ROW (self), NULL);
  return charta_dated_value_update (self->original, self->date_row, self->value_row);
}

GtkWidget *
charta_actual_row_get_date_row (ChartaActualRow *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTUAL_ROW (self), NULL);
  return self->date_row;
}
