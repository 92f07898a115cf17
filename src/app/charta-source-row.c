/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-source-row"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-date-row.h"
#include "charta-source-row.h"
#include "charta-ui-utils.h"

struct _ChartaSourceRow {
  AdwExpanderRow parent_instance;

  GtkWidget *open_button;
  GtkWidget *remove_button;
  GtkWidget *title_row;
  GtkWidget *date_row;
  GtkWidget *link_row;
  GtkWidget *reference_row;
  GtkWidget *page_row;

  ChartaSource *original;
  char *date;           /* the date last reported, to tell a real change */
};

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaSourceRow, charta_source_row, ADW_TYPE_EXPANDER_ROW)

/* ---- helpers ---- */

static char *
dup_field (GtkWidget *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text != '\0')
    return text;
  g_free (text);
  return NULL;
}

static void
replace_field (char **slot, GtkWidget *row)
{
  g_free (*slot);
  *slot = dup_field (row);
}

/* Folded, the row says what finds the document: its date, reference, page or link. */
static void
show_summary (ChartaSourceRow *self)
{
  g_autoptr(ChartaSource) s = charta_source_row_dup_source (self);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uri = charta_source_row_dup_uri (self);
  g_autofree char *summary = NULL;
  g_autofree char *remove = NULL;

  if (s == NULL)
    return;
  if (s->date)
    g_ptr_array_add (parts, charta_format_date (s->date));
  if (s->reference)
    g_ptr_array_add (parts, g_strdup (s->reference));
  if (s->page)
    /* Translators: a source document's page, e.g. "p. 12–14" */
    g_ptr_array_add (parts, g_strdup_printf (_("p. %s"), s->page));
  if (s->link)
    g_ptr_array_add (parts, g_strdup (s->link));
  g_ptr_array_add (parts, NULL);
  summary = g_strjoinv (" · ", (char **) parts->pdata);
  charta_row_set_title (self, s->title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), *summary ? summary : _("Source document"));
  /* Translators: the accessible name of a button; %s is a source document's title */
  remove = g_strdup_printf (_("Remove “%s”"), s->title);
  gtk_widget_set_tooltip_text (self->remove_button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.open", uri != NULL);
}

static void
report_change (ChartaSourceRow *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] == '\0')
    return;
  show_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- callbacks ---- */

static void
on_field_applied_cb (ChartaSourceRow *self)
{
  report_change (self);
}

/* A date is a change once it is complete (or emptied), not at every key. */
static void
on_date_changed_cb (ChartaSourceRow *self)
{
  const char *date = charta_date_row_get_date (CHARTA_DATE_ROW (self->date_row));

  if (!charta_date_row_get_valid (CHARTA_DATE_ROW (self->date_row)) || g_strcmp0 (date, self->date) == 0)
    return;
  g_free (self->date);
  self->date = g_strdup (date);
  report_change (self);
}

/* A document that does not open is said where the user looks, not only in a log. */
static void
on_shown_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(ChartaSourceRow) self = data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  g_debug ("Could not open the source document: %s", error->message);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      /* Translators: a toast; %s says why, e.g. "No application is registered for …" */
      g_autofree char *text = g_strdup_printf (_("The document could not be opened: %s"), error->message);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
    }
}

/* A web address opens in the browser; a file in the application the desktop gives it
 * (gtk_show_uri_full() launches a file:// address with g_app_info_launch_default_for_uri_async();
 * GtkFileLauncher came with GTK 4.10). */
static void
open_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaSourceRow *self = CHARTA_SOURCE_ROW (widget);
  g_autofree char *uri = charta_source_row_dup_uri (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri == NULL || !GTK_IS_WINDOW (root))
    return;
  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, on_shown_cb, g_object_ref (self));
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser, int response, ChartaSourceRow *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      gtk_editable_set_text (GTK_EDITABLE (self->link_row), uri);
      report_change (self);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* GtkFileDialog and GtkFileLauncher came with GTK 4.10: 4.8 has the native chooser. */
static void
choose_file_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose the Source Document"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

/* ---- GObject ---- */

static void
charta_source_row_finalize (GObject *object)
{
  ChartaSourceRow *self = CHARTA_SOURCE_ROW (object);

  g_clear_pointer (&self->original, charta_source_free);
  g_free (self->date);
  G_OBJECT_CLASS (charta_source_row_parent_class)->finalize (object);
}

static void
charta_source_row_class_init (ChartaSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = charta_source_row_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CHARTA_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaSourceRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaSourceRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaSourceRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaSourceRow, date_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaSourceRow, link_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaSourceRow, reference_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaSourceRow, page_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
  gtk_widget_class_install_action (widget_class, "source.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "source.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "source.remove", NULL, remove_action);
}

static void
charta_source_row_init (ChartaSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---- */

GtkWidget *
charta_source_row_new (const ChartaSource *source)
{
  ChartaSourceRow *self = g_object_new (CHARTA_TYPE_SOURCE_ROW, NULL);

  g_return_val_if_fail (source != NULL, NULL);

  self->original = charta_source_copy (source);
  self->date = g_strdup (source->date);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), source->title ? source->title : "");
  charta_date_row_set_date (CHARTA_DATE_ROW (self->date_row), source->date);
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), source->link ? source->link : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), source->reference ? source->reference : "");
  gtk_editable_set_text (GTK_EDITABLE (self->page_row), source->page ? source->page : "");
  show_summary (self);
  return GTK_WIDGET (self);
}

ChartaSource *
charta_source_row_dup_source (ChartaSourceRow *self)
{
  ChartaSource *s;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CHARTA_IS_SOURCE_ROW (self), NULL);

  title = dup_field (self->title_row);
  if (title == NULL || !charta_date_row_get_valid (CHARTA_DATE_ROW (self->date_row)))
    return NULL;
  s = charta_source_copy (self->original);
  g_free (s->title);
  s->title = g_steal_pointer (&title);
  g_free (s->date);
  s->date = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (self->date_row)));
  replace_field (&s->link, self->link_row);
  replace_field (&s->reference, self->reference_row);
  replace_field (&s->page, self->page_row);
  return s;
}

GtkWidget *
charta_source_row_get_field (ChartaSourceRow *self, ChartaSourceField field)
{
  GtkWidget *fields[] = { self->title_row, self->date_row, self->link_row, self->reference_row, self->page_row };

  g_return_val_if_fail (CHARTA_IS_SOURCE_ROW (self) && field < G_N_ELEMENTS (fields), NULL);
  return fields[field];
}

char *
charta_source_row_dup_uri (ChartaSourceRow *self)
{
  g_autofree char *link = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CHARTA_IS_SOURCE_ROW (self), NULL);

  link = dup_field (self->link_row);
  if (link == NULL)
    return NULL;
  scheme = g_uri_parse_scheme (link);
  if (scheme != NULL)
    return g_steal_pointer (&link);
  if (g_path_is_absolute (link))
    {
      file = g_file_new_for_path (link);
      return g_file_get_uri (file);
    }
  /* "www.example.org/report.pdf": a web address without its scheme. */
  if (strchr (link, '.') != NULL && strchr (link, ' ') == NULL)
    return g_strconcat ("https://", link, NULL);
  return NULL;
}
