/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-actual-row"
#include "config.h"

#include <math.h>

#include "charta-actual-row.h"
#include "charta-date-row.h"
#include "charta-ui-utils.h"

struct _ChartaActualRow {
  GtkListBoxRow parent_instance;

  GtkWidget *fields;
  GtkWidget *date_row;
  GtkWidget *value_row;
  GPtrArray *group_rows;        /* AdwEntryRow per group, its name in its title */
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

static gboolean
groups_ok (ChartaActualRow *self)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      gboolean good = *text == '\0' || charta_parse_number (text, NULL);

      charta_widget_mark_error (row, good);
      ok = ok && good;
    }
  return ok;
}

static void
on_field_changed_cb (ChartaActualRow *self)
{
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));
  gboolean number = charta_parse_number (value, NULL);
  gboolean valid = groups_ok (self) && charta_date_row_get_valid (CHARTA_DATE_ROW (self->date_row)) && number;

  charta_widget_mark_error (self->value_row, number);
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
  g_clear_pointer (&CHARTA_ACTUAL_ROW (object)->group_rows, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, ChartaActualRow, fields);
  gtk_widget_class_bind_template_child (widget_class, ChartaActualRow, date_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaActualRow, value_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_install_action (widget_class, "actual.remove", NULL, remove_action);
}

static void
charta_actual_row_init (ChartaActualRow *self)
{
  self->group_rows = g_ptr_array_new ();
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

/* A group value as charta_dated_value_free() frees those of its list. */
static void
group_value_free (ChartaGroupValue *gv)
{
  if (gv == NULL)
    return;
  g_free (gv->group);
  charta_node_free (gv->extra);
  g_free (gv);
}

static gboolean
has_group (GPtrArray *by_group, const char *group)
{
  for (guint i = 0; i < by_group->len; i++)
    if (g_strcmp0 (((ChartaGroupValue *) g_ptr_array_index (by_group, i))->group, group) == 0)
      return TRUE;
  return FALSE;
}

ChartaDatedValue *
charta_actual_row_dup_value (ChartaActualRow *self)
{
  ChartaDatedValue *v;
  GPtrArray *old;

  g_return_val_if_fail (CHARTA_IS_ACTUAL_ROW (self), NULL);

  v = charta_dated_value_update (self->original, self->date_row, self->value_row);
  if (v == NULL)
    return NULL;
  /* The model's lists of records free their elements themselves: no free function. */
  old = g_steal_pointer (&v->by_group);
  v->by_group = g_ptr_array_new ();
  /* The values the file had keep their order and unknown members... */
  for (guint i = 0; old && i < old->len; i++)
    {
      ChartaGroupValue *gv = g_ptr_array_index (old, i);
      GtkWidget *row = charta_actual_row_get_group_row (self, gv->group);

      if (row != NULL && charta_parse_number (gtk_editable_get_text (GTK_EDITABLE (row)), &gv->value))
        g_ptr_array_add (v->by_group, gv);
      else
        group_value_free (gv);
    }
  /* ...and the groups typed anew follow, in the measure's order. */
  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);
      const char *group = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      ChartaGroupValue *gv;
      double value;

      if (has_group (v->by_group, group) || !charta_parse_number (gtk_editable_get_text (GTK_EDITABLE (row)), &value))
        continue;
      gv = g_new0 (ChartaGroupValue, 1);
      gv->group = g_strdup (group);
      gv->value = value;
      g_ptr_array_add (v->by_group, gv);
    }
  g_clear_pointer (&old, g_ptr_array_unref);
  if (v->by_group->len == 0)
    g_clear_pointer (&v->by_group, g_ptr_array_unref);
  return v;
}

/* What is typed for @group now, else what the value had for it. */
static char *
group_text (ChartaActualRow *self, const char *group)
{
  GtkWidget *row = charta_actual_row_get_group_row (self, group);

  if (row != NULL)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  for (guint i = 0; self->original && self->original->by_group && i < self->original->by_group->len; i++)
    {
      const ChartaGroupValue *gv = g_ptr_array_index (self->original->by_group, i);
      if (g_strcmp0 (gv->group, group) == 0)
        return charta_format_form_number (gv->value);
    }
  return g_strdup ("");
}

void
charta_actual_row_set_groups (ChartaActualRow *self, const char * const *groups)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_return_if_fail (CHARTA_IS_ACTUAL_ROW (self));

  for (guint i = 0; groups && groups[i]; i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *text = group_text (self, groups[i]);

      charta_row_set_title (row, groups[i]);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (rows, row);
    }
  for (guint i = 0; i < self->group_rows->len; i++)
    gtk_list_box_remove (GTK_LIST_BOX (self->fields), g_ptr_array_index (self->group_rows, i));
  g_ptr_array_set_size (self->group_rows, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      gtk_list_box_append (GTK_LIST_BOX (self->fields), g_ptr_array_index (rows, i));
      g_ptr_array_add (self->group_rows, g_ptr_array_index (rows, i));
    }
  on_field_changed_cb (self);
}

GtkWidget *
charta_actual_row_get_group_row (ChartaActualRow *self, const char *group)
{
  g_return_val_if_fail (CHARTA_IS_ACTUAL_ROW (self), NULL);

  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), group) == 0)
        return row;
    }
  return NULL;
}

GtkWidget *
charta_actual_row_get_date_row (ChartaActualRow *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTUAL_ROW (self), NULL);
  return self->date_row;
}
