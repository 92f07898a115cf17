/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-date-row"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-date.h"
#include "charta-date-row.h"
#include "charta-format.h"
#include "charta-ui-utils.h"

struct _ChartaDateRow {
  AdwEntryRow parent_instance;

  GtkWidget *calendar_button;
  GtkWidget *calendar;
  GtkWidget *clear_button;

  char *error;           /* what is wrong with the text, NULL when it is right */
  char *label;           /* the field's name: the row's title, unless an error shows there */
  char *date;            /* the text read as a date, YYYY-MM-DD, NULL for none */
  gboolean optional;
  gboolean syncing;      /* the calendar is being moved to the text, not by the user */
};

enum {
  PROP_0,
  PROP_DATE,
  PROP_VALID,
  PROP_ERROR,
  PROP_OPTIONAL,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaDateRow, charta_date_row, ADW_TYPE_ENTRY_ROW)

static const char *
text_of (ChartaDateRow *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self));
}

static char *
describe (ChartaDateRow *self)
{
  const char *text = text_of (self);

  if (*text == '\0')
    return self->optional ? NULL : g_strdup (_("A date is needed here, in the form YYYY-MM-DD"));
  return self->date != NULL ? NULL : charta_date_describe_invalid (text);
}

/* The message goes where the eye is, the row's title, and where a screen reader looks,
 * the text field's description; the row's own title comes back once the date is right. */
static void
show_error (ChartaDateRow *self)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->error ? self->error : self->label);
  /* A narrow window cuts the title short: the whole message is the row's tooltip too. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->error);
  if (self->error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->error, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update (ChartaDateRow *self)
{
  g_autofree char *error = NULL;
  g_autofree char *date = charta_date_from_shown (text_of (self));
  gboolean was_valid = self->error == NULL;
  gboolean date_changed = g_strcmp0 (date, self->date) != 0;

  if (date_changed)
    {
      g_free (self->date);
      self->date = g_steal_pointer (&date);
    }
  error = describe (self);
  if (date_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  if (g_strcmp0 (error, self->error) == 0)
    return;
  g_free (self->error);
  self->error = g_steal_pointer (&error);
  show_error (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  if (was_valid != (self->error == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
on_changed_cb (ChartaDateRow *row, ChartaDateRow *self)
{
  update (self);
}

static void
on_popover_show_cb (GtkPopover *popover, ChartaDateRow *self)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (self->date == NULL)
    return;
  iso = g_strconcat (self->date, "T12:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  self->syncing = TRUE;
  if (dt != NULL)
    gtk_calendar_select_day (GTK_CALENDAR (self->calendar), dt);
  self->syncing = FALSE;
}

static void
on_day_selected_cb (GtkCalendar *calendar, ChartaDateRow *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *date = NULL;

  if (self->syncing)
    return;
  dt = gtk_calendar_get_date (calendar);
  date = g_date_time_format (dt, "%Y-%m-%d");
  charta_date_row_set_date (self, date);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

static void
on_today_clicked_cb (GtkButton *button, ChartaDateRow *self)
{
  g_autofree char *today = charta_date_today ();

  charta_date_row_set_date (self, today);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

/* A date typed in either form ("31-12-2026" in Dutch, or 2026-12-31) is shown in the
 * user's form once the field is left or Enter pressed, not while it is typed. */
static void
take_typed_date (ChartaDateRow *self)
{
  g_autofree char *shown = NULL;

  if (self->date == NULL)
    return;
  shown = charta_format_date (self->date);
  if (g_strcmp0 (shown, text_of (self)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), shown);
}

static void
on_clear_clicked_cb (GtkButton *button, ChartaDateRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self), "");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

static void
charta_date_row_finalize (GObject *object)
{
  ChartaDateRow *self = CHARTA_DATE_ROW (object);

  g_free (self->error);
  g_free (self->label);
  g_free (self->date);
  G_OBJECT_CLASS (charta_date_row_parent_class)->finalize (object);
}

static void
charta_date_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaDateRow *self = CHARTA_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, charta_date_row_get_date (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, charta_date_row_get_valid (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_OPTIONAL:
      g_value_set_boolean (value, self->optional);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_date_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaDateRow *self = CHARTA_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      charta_date_row_set_date (self, g_value_get_string (value));
      break;
    case PROP_OPTIONAL:
      charta_date_row_set_optional (self, g_value_get_boolean (value));
      break;
    case PROP_LABEL:
      charta_date_row_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_date_row_class_init (ChartaDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = charta_date_row_finalize;
  object_class->get_property = charta_date_row_get_property;
  object_class->set_property = charta_date_row_set_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The field's name, shown as the row's title while the date is right (the title shows
   * what is wrong otherwise). */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaDateRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaDateRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, ChartaDateRow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, take_typed_date);
}

static void
charta_date_row_init (ChartaDateRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->clear_button, FALSE);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (take_typed_date), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  /* Empty and required: wrong until a date is typed. */
  update (self);
}

GtkWidget *
charta_date_row_new (void)
{
  return g_object_new (CHARTA_TYPE_DATE_ROW, NULL);
}

const char *
charta_date_row_get_date (ChartaDateRow *self)
{
  g_return_val_if_fail (CHARTA_IS_DATE_ROW (self), NULL);
  return self->date;
}

/* Shown in the user's form; a text that is no date is shown as it is (and refused). */
void
charta_date_row_set_date (ChartaDateRow *self, const char *date)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (CHARTA_IS_DATE_ROW (self));
  shown = date && charta_date_is_valid (date) ? charta_format_date (date) : g_strdup (date ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self), shown);
}

gboolean
charta_date_row_get_valid (ChartaDateRow *self)
{
  g_return_val_if_fail (CHARTA_IS_DATE_ROW (self), FALSE);
  return self->error == NULL;
}

const char *
charta_date_row_get_error (ChartaDateRow *self)
{
  g_return_val_if_fail (CHARTA_IS_DATE_ROW (self), NULL);
  return self->error;
}

gboolean
charta_date_row_get_optional (ChartaDateRow *self)
{
  g_return_val_if_fail (CHARTA_IS_DATE_ROW (self), FALSE);
  return self->optional;
}

void
charta_date_row_set_optional (ChartaDateRow *self, gboolean optional)
{
  g_return_if_fail (CHARTA_IS_DATE_ROW (self));

  optional = !!optional;
  if (self->optional == optional)
    return;
  self->optional = optional;
  gtk_widget_set_visible (self->clear_button, optional);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}

ChartaDatedValue *
charta_dated_value_update (const ChartaDatedValue *original, GtkWidget *date_row, GtkWidget *value_row)
{
  const char *date = charta_date_row_get_date (CHARTA_DATE_ROW (date_row));
  ChartaDatedValue *v;
  double value;

  if (date == NULL || !charta_parse_number (gtk_editable_get_text (GTK_EDITABLE (value_row)), &value))
    return NULL;
  if (original == NULL)
    return charta_dated_value_new (date, value);
  v = charta_dated_value_copy (original);
  g_free (v->date);
  v->date = g_strdup (date);
  v->value = value;
  return v;
}

const char *
charta_date_row_get_label (ChartaDateRow *self)
{
  g_return_val_if_fail (CHARTA_IS_DATE_ROW (self), NULL);
  return self->label;
}

void
charta_date_row_set_label (ChartaDateRow *self, const char *label)
{
  g_return_if_fail (CHARTA_IS_DATE_ROW (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  show_error (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}
