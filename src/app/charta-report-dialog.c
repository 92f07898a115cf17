/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-report-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-report-dialog.h"
#include "charta-secrets.h"
#include "charta-ui-utils.h"

/* Everything shown is read from the report's own JSON tree, not from the project: what
 * the consultant reads is what leaves the machine. */

struct _ChartaReportDialog {
  AdwWindow parent_instance;

  ChartaDocument *document;
  ChartaReport *report;
  char *endpoint;
  char *period;
  GtkWidget *send_button;
  GtkWidget *period_row;
  GtkWidget *hub_row;
  GtkWidget *preferences_button;
  GtkWidget *report_group;
  GtkWidget *summary_box;
  GtkWidget *text_view;
  GtkTextBuffer *buffer;
  AdwWindowTitle *title;

  /* Whether the city has a token for the hub: Send waits for one. */
  GCancellable *token_cancellable;
  gboolean has_token;
  char *token_problem;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ENDPOINT,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SEND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaReportDialog, charta_report_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
group_new (const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    charta_group_set_description (group, description);
  return group;
}

/* A row with its figure as a suffix label: the figure is read out with the row. */
static GtkWidget *
figure_row (const char *title, const char *subtitle, const char *figure)
{
  GtkWidget *row = adw_action_row_new ();

  charta_row_set_title (row, title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (figure)
    {
      GtkWidget *label = gtk_label_new (figure);
      gtk_widget_add_css_class (label, "charta-level");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static guint
array_length (const ChartaNode *root, const char *key)
{
  const ChartaNode *node = charta_node_get_member (root, key);
  return node && node->type == CHARTA_NODE_ARRAY ? node->array->len : 0;
}

static const char *
string_member (const ChartaNode *object, const char *key)
{
  const ChartaNode *node = object && object->type == CHARTA_NODE_OBJECT ? charta_node_get_member (object, key) : NULL;
  return node && node->type == CHARTA_NODE_STRING ? node->string : NULL;
}

/* "14 % on 1 September 2024", from a dated value of the report. */
static char *
dated_value_text (const ChartaNode *value, const char *unit)
{
  const ChartaNode *number = value && value->type == CHARTA_NODE_OBJECT ? charta_node_get_member (value, "value") : NULL;
  g_autofree char *date = NULL;
  g_autofree char *figure = NULL;

  if (number == NULL || number->type != CHARTA_NODE_NUMBER)
    return NULL;
  date = charta_format_date (string_member (value, "date"));
  /* The report's JSON writes the number the C way; a person reads it in their own. */
  figure = charta_format_value (g_ascii_strtod (number->number, NULL), unit);
  /* Translators: a measured value and its date, e.g. "14 % on 1 Sep 2024" */
  return g_strdup_printf (_("%s on %s"), figure, date);
}

static GtkWidget *
measure_row (const ChartaNode *measure)
{
  const char *unit = string_member (measure, "unit");
  g_autofree char *latest = dated_value_text (charta_node_get_member (measure, "latest"), unit);
  g_autofree char *target = dated_value_text (charta_node_get_member (measure, "target"), unit);
  g_autofree char *subtitle = NULL;

  /* Translators: a measure in the report, e.g. "Latest: 14 % on 1 Sep 2024 · target: 20 % on 31 Dec 2026" */
  subtitle = g_strdup_printf (_("Latest: %s · target: %s"), latest ? latest : _("none by the end of the period"),
                              target ? target : _("none"));
  return figure_row (string_member (measure, "title"), subtitle, NULL);
}

static void
add_summary (ChartaReportDialog *self, const ChartaNode *root)
{
  const ChartaNode *actions = charta_node_get_member (root, "actions");
  const ChartaNode *measures = charta_node_get_member (root, "measures");
  g_autofree char *levels = g_strdup_printf ("%u", array_length (root, "levels"));
  g_autofree char *measures_title = NULL;
  GtkWidget *group, *label;

  group = group_new (_("Levels"), _("Every framework item with a level, and its evidence unless kept internal"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             figure_row (_("Framework items assessed"), NULL, levels));
  gtk_box_append (GTK_BOX (self->summary_box), group);

  group = group_new (_("Actions by Status"), _("Titles, items, dates and progress; never notes, owners or partners"));
  for (int s = 0; s < CHARTA_N_STATUSES; s++)
    {
      const ChartaNode *list = actions ? charta_node_get_member (actions, charta_status_to_string (s)) : NULL;
      g_autofree char *count = g_strdup_printf ("%u", list && list->type == CHARTA_NODE_ARRAY ? list->array->len : 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), figure_row (charta_status_get_label (s), NULL, count));
    }
  gtk_box_append (GTK_BOX (self->summary_box), group);

  measures_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Measure", "%u Measures",
                                                 array_length (root, "measures")), array_length (root, "measures"));
  group = group_new (measures_title, NULL);
  for (guint i = 0; measures && measures->type == CHARTA_NODE_ARRAY && i < measures->array->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), measure_row (g_ptr_array_index (measures->array, i)));
  if (array_length (root, "measures") > 0)
    gtk_box_append (GTK_BOX (self->summary_box), group);
  else
    g_object_unref (g_object_ref_sink (group));

  group = group_new (_("Narrative"), NULL);
  label = gtk_label_new (string_member (root, "narrative"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  gtk_box_append (GTK_BOX (self->summary_box), group);
}

static void
clear_summary (ChartaReportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->summary_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->summary_box), child);
}

static void
update_send (ChartaReportDialog *self)
{
  gtk_widget_set_sensitive (self->send_button, self->report != NULL && self->endpoint != NULL && self->has_token);
}

/* Builds the report of the period in the row; on a period that is not one, says so. */
static void
rebuild (ChartaReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *subtitle = NULL;
  const ChartaProject *project = charta_document_get_project (self->document);

  g_clear_pointer (&self->report, charta_report_free);
  clear_summary (self);
  self->report = charta_report_new (project, self->period, NULL, &error);
  if (self->report == NULL)
    {
      gtk_widget_add_css_class (self->period_row, "error");
      charta_group_set_description (self->report_group, error->message);
      gtk_text_buffer_set_text (self->buffer, "", -1);
      update_send (self);
      return;
    }
  gtk_widget_remove_css_class (self->period_row, "error");
  charta_group_set_description (self->report_group,
                                _("This is exactly what Send gives the hub. Action notes, internal evidence, "
                                  "people and consultations never leave this computer."));
  bytes = charta_report_to_bytes (self->report);
  gtk_text_buffer_set_text (self->buffer, g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes));
  /* Translators: the dialog's subtitle: a city and a reporting period, e.g. "Mechelen · 2024" */
  subtitle = g_strdup_printf (_("%s · %s"), self->report->city_name, self->report->period);
  adw_window_title_set_subtitle (self->title, subtitle);
  add_summary (self, self->report->root);
  update_send (self);
}

static void
on_period_apply_cb (AdwEntryRow *row, ChartaReportDialog *self)
{
  g_autofree char *period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  g_free (self->period);
  self->period = *period ? g_steal_pointer (&period) : NULL;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

static void
on_send_clicked_cb (ChartaReportDialog *self)
{
  if (self->report != NULL && self->endpoint != NULL && self->has_token)
    g_signal_emit (self, signals[SIGNAL_SEND], 0);
}

/* The window's actions are not the dialog's: Preferences is asked of the window. */
static void
on_preferences_clicked_cb (ChartaReportDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.preferences", NULL);
}

static void
update_hub_row (ChartaReportDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (self->endpoint == NULL)
    subtitle = g_strdup (_("Not set: give the hub’s address in Preferences"));
  else if (self->token_problem != NULL)
    subtitle = g_strdup_printf ("%s\n%s", self->endpoint, self->token_problem);
  else if (!self->has_token)
    subtitle = g_strdup_printf ("%s\n%s", self->endpoint,
                                _("No token stored for the city yet: store the one the hub’s administrator "
                                  "gave you in Preferences"));
  else
    subtitle = g_strdup (self->endpoint);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->hub_row), subtitle);
  gtk_widget_set_visible (self->preferences_button, self->endpoint == NULL || !self->has_token);
  update_send (self);
}

static void
token_lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = charta_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Only whether there is one: the window reads it again when it sends. */
  self->has_token = token != NULL;
  g_clear_pointer (&self->token_problem, g_free);
  self->token_problem = error ? charta_describe_secrets_error (error) : NULL;
  charta_secrets_free (token);
  update_hub_row (self);
}

static void
look_up_token (ChartaReportDialog *self)
{
  const ChartaProject *project = self->document ? charta_document_get_project (self->document) : NULL;
  g_autofree char *normal = self->endpoint ? charta_secrets_normalize_endpoint (self->endpoint) : NULL;

  g_cancellable_cancel (self->token_cancellable);
  g_clear_object (&self->token_cancellable);
  if (normal == NULL || *normal == '\0' || project == NULL || project->city == NULL || project->city->id == NULL)
    {
      self->has_token = FALSE;
      update_hub_row (self);
      return;
    }
  self->token_cancellable = g_cancellable_new ();
  charta_secrets_lookup_async (normal, project->city->id, self->token_cancellable, token_lookup_cb, g_object_ref (self));
}

/* Back from Preferences (a token stored or removed there): look again. */
static void
on_active_changed_cb (ChartaReportDialog *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    look_up_token (self);
}

/* ---- GObject ---- */

static void
charta_report_dialog_dispose (GObject *object)
{
  ChartaReportDialog *self = CHARTA_REPORT_DIALOG (object);

  g_cancellable_cancel (self->token_cancellable);
  g_clear_object (&self->token_cancellable);
  g_clear_object (&self->document);
  g_clear_pointer (&self->report, charta_report_free);
  G_OBJECT_CLASS (charta_report_dialog_parent_class)->dispose (object);
}

static void
charta_report_dialog_finalize (GObject *object)
{
  ChartaReportDialog *self = CHARTA_REPORT_DIALOG (object);

  g_free (self->endpoint);
  g_free (self->period);
  g_free (self->token_problem);
  G_OBJECT_CLASS (charta_report_dialog_parent_class)->finalize (object);
}

static void
charta_report_dialog_constructed (GObject *object)
{
  ChartaReportDialog *self = CHARTA_REPORT_DIALOG (object);

  G_OBJECT_CLASS (charta_report_dialog_parent_class)->constructed (object);
  g_return_if_fail (self->document != NULL);
  update_hub_row (self);
  look_up_token (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), NULL);
  rebuild (self);
  if (self->report != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->period_row), self->report->period);
}

static void
charta_report_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaReportDialog *self = CHARTA_REPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, charta_report_dialog_get_period (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_report_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaReportDialog *self = CHARTA_REPORT_DIALOG (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_ENDPOINT:
      charta_report_dialog_set_endpoint (self, g_value_get_string (value));
      break;
    case PROP_PERIOD:
      /* Construct-only: the period asked for first; the row changes it afterwards. */
      text = g_value_get_string (value);
      self->period = text && *text ? g_strdup (text) : NULL;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_report_dialog_class_init (ChartaReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = charta_report_dialog_constructed;
  object_class->dispose = charta_report_dialog_dispose;
  object_class->finalize = charta_report_dialog_finalize;
  object_class->get_property = charta_report_dialog_get_property;
  object_class->set_property = charta_report_dialog_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The hub the report would go to, NULL when none is set (Send is then off). */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The period of the report shown; NULL while the period typed is not one. */
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Send was pressed: the report of charta_report_dialog_get_report() is to be sent. */
  signals[SIGNAL_SEND] = g_signal_new ("send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, title);
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, report_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, hub_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, summary_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaReportDialog, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preferences_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
charta_report_dialog_init (ChartaReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
}

/* ---- public API ---- */

ChartaReportDialog *
charta_report_dialog_new (GtkWindow *parent, ChartaDocument *document, const char *endpoint, const char *period)
{
  ChartaReportDialog *self;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), NULL);

  self = g_object_new (CHARTA_TYPE_REPORT_DIALOG,
                       "transient-for", parent,
                       "document", document,
                       "endpoint", endpoint,
                       "period", period,
                       NULL);
  return self;
}

void
charta_report_dialog_set_endpoint (ChartaReportDialog *self, const char *endpoint)
{
  g_return_if_fail (CHARTA_IS_REPORT_DIALOG (self));

  if (endpoint != NULL && *endpoint == '\0')
    endpoint = NULL;
  if (g_strcmp0 (self->endpoint, endpoint) == 0)
    return;
  g_free (self->endpoint);
  self->endpoint = g_strdup (endpoint);
  update_hub_row (self);
  if (self->document != NULL)
    look_up_token (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT]);
}

const ChartaReport *
charta_report_dialog_get_report (ChartaReportDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_REPORT_DIALOG (self), NULL);
  return self->report;
}

const char *
charta_report_dialog_get_period (ChartaReportDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_REPORT_DIALOG (self), NULL);
  return self->report ? self->report->period : NULL;
}

char *
charta_report_dialog_dup_text (ChartaReportDialog *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (CHARTA_IS_REPORT_DIALOG (self), NULL);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}
