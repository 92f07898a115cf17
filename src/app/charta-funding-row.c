/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-funding-row"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "charta-funding-row.h"
#include "charta-ui-utils.h"

struct _ChartaFundingRow {
  AdwExpanderRow parent_instance;

  GtkWidget *remove_button;
  GtkWidget *amount_row;
  GtkWidget *currency_row;
  GtkWidget *source_row;
  GtkWidget *status_row;

  ChartaFunding *original;   /* NULL for a new line */
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

G_DEFINE_FINAL_TYPE (ChartaFundingRow, charta_funding_row, ADW_TYPE_EXPANDER_ROW)

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* ISO 4217: three capital letters. */
static gboolean
currency_ok (const char *text)
{
  return strlen (text) == 3 && g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && g_ascii_isupper (text[2]);
}


/* Folded: "12,500 EUR" as the user's language writes it, who pays and the status. */
static void
show_summary (ChartaFundingRow *self, double amount)
{
  guint status = adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row));
  GObject *label = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (self->status_row)), status);
  g_autofree char *number = isnan (amount) ? g_strdup ("—") : charta_format_number (amount, CHARTA_FORMAT_AS_NEEDED);
  /* Translators: a funding line's amount and currency, e.g. "12,500 EUR" */
  g_autofree char *title = g_strdup_printf (_("%s %s"), number, text_of (self->currency_row));
  const char *source = text_of (self->source_row);
  const char *status_text = label ? gtk_string_object_get_string (GTK_STRING_OBJECT (label)) : "";
  g_autofree char *subtitle = *source ? g_strdup_printf (_("%s · %s"), source, status_text) : g_strdup (status_text);

  charta_row_set_title (self, title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  g_clear_object (&label);
}

static void
on_field_changed_cb (ChartaFundingRow *self)
{
  double amount = NAN;
  gboolean amount_ok = charta_parse_number (text_of (self->amount_row), &amount) && amount >= 0;
  gboolean valid = amount_ok && currency_ok (text_of (self->currency_row)) &&
                   g_utf8_strlen (text_of (self->source_row), -1) <= CHARTA_TITLE_MAX_CHARS;

  charta_widget_mark_error (self->amount_row, amount_ok);
  charta_widget_mark_error (self->currency_row, currency_ok (text_of (self->currency_row)));
  show_summary (self, amount_ok ? amount : NAN);
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
charta_funding_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, CHARTA_FUNDING_ROW (object)->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_funding_row_finalize (GObject *object)
{
  g_clear_pointer (&CHARTA_FUNDING_ROW (object)->original, charta_funding_free);
  G_OBJECT_CLASS (charta_funding_row_parent_class)->finalize (object);
}

static void
charta_funding_row_class_init (ChartaFundingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = charta_funding_row_finalize;
  object_class->get_property = charta_funding_row_get_property;
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-funding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaFundingRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaFundingRow, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaFundingRow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaFundingRow, source_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaFundingRow, status_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_install_action (widget_class, "funding.remove", NULL, remove_action);
}

static void
charta_funding_row_init (ChartaFundingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_funding_row_new (const ChartaFunding *funding)
{
  ChartaFundingRow *self = g_object_new (CHARTA_TYPE_FUNDING_ROW, NULL);
  g_autofree char *amount = charta_format_form_number (funding ? funding->amount : NAN);

  self->original = funding ? charta_funding_copy (funding) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), funding && funding->currency ? funding->currency : "EUR");
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), funding && funding->source ? funding->source : "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->status_row),
                              funding && funding->status != CHARTA_UNSET ? (guint) funding->status + 1 : 0);
  on_field_changed_cb (self);
  return GTK_WIDGET (self);
}

gboolean
charta_funding_row_get_valid (ChartaFundingRow *self)
{
  g_return_val_if_fail (CHARTA_IS_FUNDING_ROW (self), FALSE);
  return self->valid;
}

ChartaFunding *
charta_funding_row_dup_value (ChartaFundingRow *self)
{
  ChartaFunding *f;
  double amount;
  guint status;
  g_autofree char *source = NULL;

  g_return_val_if_fail (CHARTA_IS_FUNDING_ROW (self), NULL);

  if (!self->valid || !charta_parse_number (text_of (self->amount_row), &amount))
    return NULL;
  f = self->original ? charta_funding_copy (self->original) : charta_funding_new (amount, text_of (self->currency_row));
  f->amount = amount;
  g_free (f->currency);
  f->currency = g_strdup (text_of (self->currency_row));
  source = g_strstrip (g_strdup (text_of (self->source_row)));
  g_free (f->source);
  f->source = *source ? g_steal_pointer (&source) : NULL;
  status = adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row));
  f->status = status == 0 || status == GTK_INVALID_LIST_POSITION ? CHARTA_UNSET : (int) status - 1;
  return f;
}

GtkWidget *
charta_funding_row_get_amount_row (ChartaFundingRow *self)
{
  g_return_val_if_fail (CHARTA_IS_FUNDING_ROW (self), NULL);
  return self->amount_row;
}

GtkWidget *
charta_funding_row_get_currency_row (ChartaFundingRow *self)
{
  g_return_val_if_fail (CHARTA_IS_FUNDING_ROW (self), NULL);
  return self->currency_row;
}

GtkWidget *
charta_funding_row_get_source_row (ChartaFundingRow *self)
{
  g_return_val_if_fail (CHARTA_IS_FUNDING_ROW (self), NULL);
  return self->source_row;
}

GtkWidget *
charta_funding_row_get_status_row (ChartaFundingRow *self)
{
  g_return_val_if_fail (CHARTA_IS_FUNDING_ROW (self), NULL);
  return self->status_row;
}
